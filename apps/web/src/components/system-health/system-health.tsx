'use client';

import { useQuery } from '@tanstack/react-query';
import { fetchSystemHealth } from './health-query';
import { describeHealth } from './health-view';

const REFRESH_MS = 5_000;

function timeOf(iso: string): string {
  return new Date(iso).toLocaleTimeString();
}

/** The console's health panel: database, migrations and worker, refreshed every few seconds. */
export function SystemHealth() {
  const query = useQuery({
    queryKey: ['system-health'],
    queryFn: ({ signal }) => fetchSystemHealth(signal),
    refetchInterval: REFRESH_MS,
    // The next poll is the retry; retrying in between would only hide a failure for longer.
    retry: false,
  });
  const view = query.data ? describeHealth(query.data) : undefined;
  const failure = query.error ? query.error.message : undefined;

  return (
    <section className="panel" aria-labelledby="system-health-heading" aria-busy={query.isPending}>
      <header className="panel-header">
        <h2 id="system-health-heading">System health</h2>
        {view && (
          <p className="badge" role="status" data-status={view.status}>
            {view.headline}
          </p>
        )}
      </header>

      {query.isPending && (
        <p className="muted" role="status">
          Checking…
        </p>
      )}

      {failure && !view && (
        <p className="alert" role="alert">
          The health check did not answer: {failure}. Trying again every {REFRESH_MS / 1000} s.
        </p>
      )}

      {view && query.data && (
        <>
          <dl className="health-list">
            {view.rows.map((row) => (
              <div key={row.key} className="health-row" data-status={row.status}>
                <dt>
                  <span className="dot" aria-hidden="true" />
                  {row.label}
                </dt>
                <dd>{row.text}</dd>
              </div>
            ))}
          </dl>
          <p className="muted footnote">
            Checked at <time dateTime={query.data.checkedAt}>{timeOf(query.data.checkedAt)}</time>, refreshed every{' '}
            {REFRESH_MS / 1000} s.
          </p>
          {failure && (
            <p className="alert" role="alert">
              The last refresh failed: {failure}. Showing the previous answer.
            </p>
          )}
        </>
      )}
    </section>
  );
}
