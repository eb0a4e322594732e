'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCan } from '../shell/role';
import { fetchFailed, type RetryOutcome, retryKind, retrySelected } from './failed-query';
import { groupFailures, type RetriedRecord, retriedRecords, retryNotice } from './failed-view';
import { FailureGroup, type GroupActions } from './failure-group';
import { RetriedList } from './retried-list';

const REFRESH_MS = 5_000;
const PAGE = 200;
/** The retried list follows this many records at most, the newest retries first. */
const RETRIED_KEPT = 50;

type RetryAction = { kind: 'ids'; ids: string[] } | { kind: 'group'; storeId: string; errorCode: string };

/**
 * The failed list: records that failed for good (permanently, or after every retry), grouped by store and error code
 * so that a cause fixed once is retried at once. An operator retries one, a selection, or every record of a group;
 * each retry keeps the record's correlation id, so its attempts stay one chain. A viewer sees the same list without
 * the controls (the API refuses them the mutation as well).
 */
export function FailedList() {
  const client = useQueryClient();
  const canRetry = useCan('operator');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<{ text: string; failed: boolean }>();
  const [retried, setRetried] = useState<readonly RetriedRecord[]>([]);
  const query = useQuery({
    queryKey: ['failed'],
    queryFn: ({ signal }) => fetchFailed(PAGE, signal),
    refetchInterval: REFRESH_MS,
    retry: false,
  });
  const done = (outcome: RetryOutcome) => {
    setNotice({ text: retryNotice(outcome), failed: false });
    setSelected(new Set());
    const followed = retriedRecords(outcome, query.data?.nodes ?? []);
    const followedIds = new Set(followed.map((record) => record.id));
    setRetried((current) =>
      [...followed, ...current.filter((record) => !followedIds.has(record.id))].slice(0, RETRIED_KEPT),
    );
    void client.invalidateQueries({ queryKey: ['failed'] });
  };
  const retry = useMutation({
    mutationFn: (action: RetryAction) =>
      action.kind === 'ids' ? retrySelected(action.ids) : retryKind(action.storeId, action.errorCode),
    onSuccess: done,
    onError: (error) => setNotice({ text: `The retry was refused: ${error.message}`, failed: true }),
  });
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const groups = query.data ? groupFailures(query.data.nodes) : [];
  // A selected record that left the list (retried elsewhere, or synced) is no longer offered.
  const shown = new Set(query.data?.nodes.map((record) => record.id));
  const selection = [...selected].filter((id) => shown.has(id));
  const actions: GroupActions = canRetry
    ? {
        canRetry: true,
        busy: retry.isPending,
        selected,
        toggle,
        retryIds: (ids) => retry.mutate({ kind: 'ids', ids }),
        retryGroup: (storeId, errorCode) => retry.mutate({ kind: 'group', storeId, errorCode }),
      }
    : { canRetry: false };

  return (
    <>
      <section className="panel" aria-labelledby="failed-heading" aria-busy={query.isPending}>
        <header className="panel-header">
          <h2 id="failed-heading">Failed records</h2>
          {canRetry && (
            <button
              type="button"
              disabled={selection.length === 0 || retry.isPending}
              onClick={() => retry.mutate({ kind: 'ids', ids: selection })}
            >
              Retry selected ({selection.length})
            </button>
          )}
        </header>
        {!canRetry && <p className="muted">Retrying needs the operator role.</p>}
        {notice &&
          (notice.failed ? (
            <p className="alert" role="alert">
              {notice.text}
            </p>
          ) : (
            <p role="status">{notice.text}</p>
          ))}
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
            Showing the newest {query.data.nodes.length} of {query.data.totalCount}; retrying a group covers all of
            them.
          </p>
        )}
        {groups.map((group) => (
          <FailureGroup key={group.key} group={group} stores={query.data?.stores ?? []} actions={actions} />
        ))}
      </section>
      <RetriedList records={retried} onClear={() => setRetried([])} />
    </>
  );
}
