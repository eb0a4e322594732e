import { MergeQueueList } from '../../components/merge-queue/merge-queue-list';

export default function MergeQueuePage() {
  return (
    <main className="page">
      <header className="page-header">
        <h1>Merge queue</h1>
        <p className="muted">
          Shopify records that matched several CRM rows, and two-way fields edited in both systems: nothing is written
          until a person decides.
        </p>
      </header>
      <MergeQueueList />
    </main>
  );
}
