import { BackfillsPanel } from '../../components/backfills/backfills-panel';

export default function BackfillsPage() {
  return (
    <main className="page">
      <header className="page-header">
        <h1>Backfills</h1>
        <p className="muted">
          Whole-store syncs read from Shopify bulk operations: start one, and follow its progress.
        </p>
      </header>
      <BackfillsPanel />
    </main>
  );
}
