import { FailedList } from '../../components/failed/failed-list';

export default function FailedPage() {
  return (
    <main className="page">
      <header className="page-header">
        <h1>Failed</h1>
        <p className="muted">Records that failed for good, grouped by cause: fix it once, then retry them together.</p>
      </header>
      <FailedList />
    </main>
  );
}
