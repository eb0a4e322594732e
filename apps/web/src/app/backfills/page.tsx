import { BackfillsList } from '../../components/backfills/backfills-list';

export default function BackfillsPage() {
  return (
    <main className="page">
      <header className="page-header">
        <h1>Backfills</h1>
        <p className="muted">Whole-store syncs read from Shopify bulk operations, with their progress.</p>
      </header>
      <BackfillsList />
    </main>
  );
}
