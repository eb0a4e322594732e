import { Suspense } from 'react';
import { ActivitySearchPanel } from '../../components/activity/activity-search';

export default function ActivityPage() {
  return (
    <main className="page activity-page">
      <header className="page-header">
        <h1>Activity</h1>
        <p className="muted">
          Every sync attempt: find one by any key, open it to see what was sent and what came back, and follow its
          change from intake to the CRM.
        </p>
      </header>
      {/* The search is read from the URL on the client. */}
      <Suspense
        fallback={
          <p className="muted" role="status">
            Loading…
          </p>
        }
      >
        <ActivitySearchPanel />
      </Suspense>
    </main>
  );
}
