'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { fetchOverview } from './overview-query';
import { overviewWindows } from './overview-view';
import { StoreCard } from './store-card';
import { StoreReport } from './store-report';
import { SystemStrip } from './system-strip';

const REFRESH_MS = 10_000;

/** The overview: the shared queue and API calls, then one card per store; refreshed every 10 s. */
export function Overview() {
  const query = useQuery({
    queryKey: ['overview'],
    queryFn: ({ signal }) => {
      const now = Date.now();
      return fetchOverview(overviewWindows(now), now, signal);
    },
    refetchInterval: REFRESH_MS,
    // The next poll is the retry; retrying in between would only hide a failure for longer.
    retry: false,
  });
  const data = query.data;
  const failure = query.error?.message;

  return (
    <>
      {query.isPending && (
        <p className="muted" role="status">
          Loading the stores…
        </p>
      )}
      {failure && (
        <p className="alert" role="alert">
          {data
            ? `The last refresh failed: ${failure}. Showing the previous answer; trying again every ${REFRESH_MS / 1000} s.`
            : `The overview could not be read: ${failure}. Trying again every ${REFRESH_MS / 1000} s.`}
        </p>
      )}
      {data && <SystemStrip queue={data.queue} apiCalls={data.apiCalls} />}
      {data && (
        <section className="overview-stores" aria-labelledby="overview-stores-heading">
          <h2 id="overview-stores-heading">Stores</h2>
          {data.stores.length === 0 ? (
            <p className="panel">
              No store connected yet: connect one on <Link href="/stores">Stores and orgs</Link>.
            </p>
          ) : (
            <div className="store-cards">
              {data.stores.map((store) => (
                <StoreCard
                  key={store.id}
                  store={store}
                  stats={data.stats}
                  openFailures={data.openFailures.get(store.id) ?? 0}
                  now={data.fetchedAt}
                />
              ))}
            </div>
          )}
          <p className="muted footnote">
            Read at{' '}
            <time dateTime={new Date(data.fetchedAt).toISOString()}>
              {new Date(data.fetchedAt).toLocaleTimeString()}
            </time>
            , refreshed every {REFRESH_MS / 1000} s. Days are UTC days.
          </p>
        </section>
      )}
      {data && data.reports.length > 0 && (
        <section className="overview-stores overview-reports" aria-labelledby="overview-reports-heading">
          <h2 id="overview-reports-heading">Stores in one org</h2>
          {data.reports.map((report) => (
            <StoreReport key={report.org.id} report={report} />
          ))}
        </section>
      )}
    </>
  );
}
