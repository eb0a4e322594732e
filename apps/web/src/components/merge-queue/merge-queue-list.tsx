'use client';

import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCan } from '../shell/role';
import { ConflictItemCard } from './conflict-item-card';
import { candidateName, MergeItemCard } from './merge-item-card';
import {
  fetchMergePage,
  fetchMergeStores,
  MERGE_STATUSES,
  type MergeFilter,
  type MergeItem,
  type MergeStatus,
} from './merge-queue-query';
import { decisionText, summarizeRecord } from './merge-view';

const PAGE = 20;
const REFRESH_MS = 10_000;

const STATUS_LABELS: Record<MergeStatus, string> = { OPEN: 'Open', RESOLVED: 'Resolved', DISMISSED: 'Dismissed' };

const isStatus = (value: string): value is MergeStatus => (MERGE_STATUSES as readonly string[]).includes(value);

/**
 * The merge queue: Shopify records that matched several CRM rows wait here for a person, each beside its candidates,
 * and customers edited on both sides (two-way, policy `ask`), each field's two values side by side. Filtered by store
 * and status, read a page at a time; operators link, create or ignore a match, and keep one side of a conflict.
 */
export function MergeQueueList() {
  const client = useQueryClient();
  const canDecide = useCan('operator');
  const [filter, setFilter] = useState<MergeFilter>({ storeId: null, status: 'OPEN' });
  const [notice, setNotice] = useState<string>();
  const [problem, setProblem] = useState<string>();
  const stores = useQuery({
    queryKey: ['merge-stores'],
    queryFn: ({ signal }) => fetchMergeStores(signal),
    retry: false,
  });
  const queue = useInfiniteQuery({
    queryKey: ['merge-queue', filter],
    queryFn: ({ pageParam, signal }) => fetchMergePage(filter, PAGE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
    refetchInterval: REFRESH_MS,
    retry: false,
  });
  const items = queue.data?.pages.flatMap((page) => page.nodes) ?? [];
  const totalCount = queue.data?.pages[0]?.totalCount ?? 0;
  const storeOf = (id: string) => stores.data?.find((store) => store.id === id);

  const stale = (message: string) => {
    setNotice(undefined);
    setProblem(message);
    void client.invalidateQueries({ queryKey: ['merge-queue'] });
  };

  const decided = (item: MergeItem, said?: string) => {
    setProblem(undefined);
    const sentence = said ?? decisionText(item, (crmId) => candidateName(item, crmId));
    if (item.status !== 'OPEN' && sentence) {
      const summary = summarizeRecord(item.payload);
      setNotice(`${summary.name ?? summary.email ?? item.shopifyGid}: ${sentence} The sync follows the decision.`);
    }
    void client.invalidateQueries({ queryKey: ['merge-queue'] });
  };

  return (
    <section className="panel" aria-labelledby="merge-queue-heading" aria-busy={queue.isPending}>
      <header className="panel-header">
        <h2 id="merge-queue-heading">Merge queue</h2>
        {queue.data && (
          <p className="muted">
            {totalCount} {filter.status.toLowerCase()} {totalCount === 1 ? 'item' : 'items'}
          </p>
        )}
      </header>
      <form className="merge-filter" aria-label="Filter the merge queue" onSubmit={(event) => event.preventDefault()}>
        <label>
          Store{' '}
          <select
            value={filter.storeId ?? ''}
            onChange={(event) => setFilter((current) => ({ ...current, storeId: event.target.value || null }))}
          >
            <option value="">Every store</option>
            {stores.data?.map((store) => (
              <option key={store.id} value={store.id}>
                {store.name} ({store.shopDomain})
              </option>
            ))}
          </select>
        </label>
        <label>
          Status{' '}
          <select
            value={filter.status}
            onChange={(event) => {
              const status = event.target.value;
              if (isStatus(status)) setFilter((current) => ({ ...current, status }));
            }}
          >
            {MERGE_STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </label>
      </form>
      {!canDecide && <p className="muted">Deciding needs the operator role; you can look at every item.</p>}
      {notice && (
        <p role="status" className="merge-notice">
          {notice}
        </p>
      )}
      {problem && (
        <p className="alert" role="alert">
          {problem}
        </p>
      )}
      {queue.isPending && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {queue.error && (
        <p className="alert" role="alert">
          The merge queue could not be read: {queue.error.message}
        </p>
      )}
      {stores.error && (
        <p className="alert" role="alert">
          The stores could not be read, so records are shown without links: {stores.error.message}
        </p>
      )}
      {queue.data && items.length === 0 && (
        <p className="muted">
          {filter.status === 'OPEN'
            ? 'Nothing waits for a decision: every record matched at most one CRM row, and no edit made on both sides waits.'
            : `No ${filter.status.toLowerCase()} item${filter.storeId ? ' for this store' : ''}.`}
        </p>
      )}
      {items.map((item) =>
        item.kind === 'TWO_WAY_CONFLICT' ? (
          <ConflictItemCard
            key={item.id}
            item={item}
            store={storeOf(item.storeId)}
            canDecide={canDecide}
            onDecided={decided}
            onStale={stale}
          />
        ) : (
          <MergeItemCard
            key={item.id}
            item={item}
            store={storeOf(item.storeId)}
            canDecide={canDecide}
            onDecided={decided}
            onStale={stale}
          />
        ),
      )}
      {queue.data && items.length > 0 && (
        <footer className="merge-more">
          <span className="muted">
            Showing {items.length} of {totalCount}
          </span>{' '}
          {queue.hasNextPage && (
            <button type="button" disabled={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()}>
              {queue.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          )}
        </footer>
      )}
    </section>
  );
}
