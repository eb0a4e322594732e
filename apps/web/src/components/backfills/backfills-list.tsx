'use client';

import { useQuery } from '@tanstack/react-query';
import { type BackfillStore, fetchBackfills } from './backfills-query';
import { describeBackfill } from './backfills-view';

const REFRESH_MS = 2_000;

interface Props {
  /** For the store's name beside each backfill; ids are shown until they are read. */
  stores: BackfillStore[] | undefined;
  /** The backfill this page just started, marked in the list. */
  startedId: string | null;
}

/** Backfills with their progress (done/total, rate, eta), newest first, refreshed every 2 s. */
export function BackfillsList({ stores, startedId }: Props) {
  const storeName = (id: string) => stores?.find((store) => store.id === id)?.name ?? id;
  const query = useQuery({
    queryKey: ['backfills'],
    queryFn: ({ signal }) => fetchBackfills(20, signal),
    refetchInterval: REFRESH_MS,
    retry: false,
  });

  return (
    <section className="panel" aria-labelledby="backfills-heading" aria-busy={query.isPending}>
      <header className="panel-header">
        <h2 id="backfills-heading">Backfills</h2>
      </header>
      {query.isPending && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {query.error && (
        <p className="alert" role="alert">
          The backfills could not be read: {query.error.message}
        </p>
      )}
      {query.data?.length === 0 && (
        <p className="muted">
          No backfill yet. Operators start one above; also <code>pnpm shopverse backfill --store &lt;key&gt;</code> or
          the API.
        </p>
      )}
      <ul className="backfills">
        {query.data?.map((backfill) => {
          const view = describeBackfill(backfill);
          return (
            <li key={backfill.id} data-status={backfill.status} data-started={backfill.id === startedId || undefined}>
              <strong>{view.title}</strong> of {storeName(backfill.storeId)}{' '}
              <span className="muted" data-testid="backfill-status">
                {view.status}
              </span>
              {backfill.id === startedId && <span className="backfill-new"> · started from this page</span>}
              <progress
                max={100}
                {...(view.percent === null ? {} : { value: view.percent })}
                aria-label={`${view.title} of ${storeName(backfill.storeId)}: ${view.percent === null ? 'not started' : `${view.percent}%`}`}
              />
              <span>{view.counts}</span>
              {view.rate && <span className="muted"> · {view.rate}</span>}
              {view.eta && <span className="muted"> · {view.eta}</span>}
              {backfill.errorMessage && (
                <p className="alert" role="alert">
                  {backfill.errorMessage}
                </p>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
