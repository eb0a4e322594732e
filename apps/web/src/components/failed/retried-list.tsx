'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { fetchChains } from './failed-query';
import { activityUrl, type RetriedRecord, recordLabel, retryState, retryStateText } from './failed-view';

const REFRESH_MS = 5_000;

/**
 * The records retried from this page and what each retry became, read from their correlation chains: a retried
 * record leaves the failed list at once (it is queued again), so this is where a person sees it sync or fail again.
 */
export function RetriedList({ records, onClear }: { records: readonly RetriedRecord[]; onClear: () => void }) {
  const correlationIds = records.map((record) => record.correlationId);
  const chains = useQuery({
    queryKey: ['failed-retried', correlationIds],
    queryFn: ({ signal }) => fetchChains(correlationIds, signal),
    enabled: records.length > 0,
    refetchInterval: REFRESH_MS,
    retry: false,
  });
  if (records.length === 0) return null;

  return (
    <section className="panel" aria-labelledby="retried-heading">
      <header className="panel-header">
        <h2 id="retried-heading">Retried from this page</h2>
        <button type="button" onClick={onClear}>
          Clear this list
        </button>
      </header>
      {chains.error && (
        <p className="alert" role="alert">
          What the retries became could not be read: {chains.error.message}. The failed list above is still current.
        </p>
      )}
      <ul className="failed-records" aria-live="polite">
        {records.map((record) => {
          const label = recordLabel(record);
          const chain = chains.data?.[record.correlationId];
          const state = chain ? retryState(record, chain) : undefined;
          return (
            <li key={record.id} data-retry-state={state?.kind ?? 'loading'}>
              <span>{label}</span>{' '}
              <span className={state?.kind === 'failed' ? 'retry-failed' : 'muted'}>
                {state ? retryStateText(state) : 'Reading its chain…'}
              </span>{' '}
              <Link href={activityUrl(record.correlationId)} aria-label={`Activity of ${label}`}>
                Activity
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
