'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchFailed, retryKind, retrySelected } from './failed-query';
import { groupFailures, recordLabel } from './failed-view';

const REFRESH_MS = 5_000;
const PAGE = 200;

/**
 * The failed list: records that failed for good (permanently, or after every retry), grouped by store and error code
 * so that a cause fixed once is retried at once. Retry one, a selection, or every record of a group; each retry keeps
 * the record's correlation id, so its attempts stay one chain.
 */
export function FailedList() {
  const client = useQueryClient();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string>();
  const query = useQuery({
    queryKey: ['failed'],
    queryFn: ({ signal }) => fetchFailed(PAGE, signal),
    refetchInterval: REFRESH_MS,
    retry: false,
  });
  const done = (count: number) => {
    setNotice(`Queued ${count} ${count === 1 ? 'retry' : 'retries'}.`);
    setSelected(new Set());
    void client.invalidateQueries({ queryKey: ['failed'] });
  };
  const retry = useMutation({
    mutationFn: (action: { kind: 'ids'; ids: string[] } | { kind: 'group'; storeId: string; errorCode: string }) =>
      action.kind === 'ids' ? retrySelected(action.ids) : retryKind(action.storeId, action.errorCode),
    onSuccess: done,
    onError: (error) => setNotice(`The retry was refused: ${error.message}`),
  });
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const groups = query.data ? groupFailures(query.data.nodes) : [];

  return (
    <section className="panel" aria-labelledby="failed-heading" aria-busy={query.isPending}>
      <header className="panel-header">
        <h2 id="failed-heading">Failed records</h2>
        <button
          type="button"
          disabled={selected.size === 0 || retry.isPending}
          onClick={() => retry.mutate({ kind: 'ids', ids: [...selected] })}
        >
          Retry selected ({selected.size})
        </button>
      </header>
      {notice && <p role="status">{notice}</p>}
      {query.isPending && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {query.error && (
        <p className="alert" role="alert">
          The failed list could not be read: {query.error.message}
        </p>
      )}
      {query.data && query.data.totalCount === 0 && <p className="muted">Nothing has failed. Every record synced.</p>}
      {query.data && query.data.totalCount > query.data.nodes.length && (
        <p className="muted">
          Showing the newest {query.data.nodes.length} of {query.data.totalCount}; retrying a group covers all of them.
        </p>
      )}
      {groups.map((group) => (
        <article key={group.key} className="failure-group" aria-label={`${group.errorCode}, ${group.records.length}`}>
          <header className="panel-header">
            <h3>
              <code>{group.errorCode}</code> <span className="muted">({group.errorClass})</span> ·{' '}
              {group.records.length}
            </h3>
            <button
              type="button"
              disabled={retry.isPending}
              onClick={() => retry.mutate({ kind: 'group', storeId: group.storeId, errorCode: group.errorCode })}
            >
              Retry all {group.errorCode}
            </button>
          </header>
          <p>{group.message}</p>
          <ul className="failed-records">
            {group.records.map((record) => (
              <li key={record.id}>
                <label>
                  <input type="checkbox" checked={selected.has(record.id)} onChange={() => toggle(record.id)} />{' '}
                  {recordLabel(record)}
                </label>{' '}
                <span className="muted">
                  {record.attempts} {record.attempts === 1 ? 'attempt' : 'attempts'}, last{' '}
                  {new Date(record.failedAt).toLocaleString()} · correlation id <code>{record.correlationId}</code>
                </span>{' '}
                <button
                  type="button"
                  disabled={retry.isPending}
                  onClick={() => retry.mutate({ kind: 'ids', ids: [record.id] })}
                >
                  Retry
                </button>
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
