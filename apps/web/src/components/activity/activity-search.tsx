'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, useMemo, useState } from 'react';
import {
  type ActivitySearch,
  ENTITIES,
  EMPTY_SEARCH,
  OUTCOMES,
  parseSearch,
  planSearch,
  searchQuery,
} from './activity-params';
import { type AttemptRow, type BranchCursor, fetchAttemptPages, fetchPlaces, type StoreOption } from './activity-query';
import { formatDuration, formatTime, mergeAttempts, nextCursors, outcomeTone, recordLabel } from './activity-view';

/**
 * The Activity page: one Find box for any key (order name, email, Shopify id, CRM id, correlation id) and filters by
 * store, entity, outcome and time. The search lives in the URL, so a link can be shared and the back button returns
 * to it; the list is read a page at a time from the server (keyset cursors), newest first.
 */
export function ActivitySearchPanel() {
  const router = useRouter();
  const pathname = usePathname() ?? '/activity';
  const params = useSearchParams();
  const queryString = params?.toString() ?? '';
  const search = useMemo(() => parseSearch(new URLSearchParams(queryString)), [queryString]);
  const places = useQuery({
    queryKey: ['activity-places'],
    queryFn: ({ signal }) => fetchPlaces(signal),
    retry: false,
  });
  const stores = places.data?.stores ?? [];
  const go = (next: ActivitySearch) => {
    const query = searchQuery(next);
    router.push(query ? `${pathname}?${query}` : pathname);
  };

  return (
    <>
      {/* Keyed by the URL: the back button brings back the form as that search had it. */}
      <SearchForm key={queryString} initial={search} stores={stores} onSearch={go} />
      <AttemptResults search={search} stores={stores} />
    </>
  );
}

function SearchForm({
  initial,
  stores,
  onSearch,
}: {
  initial: ActivitySearch;
  stores: StoreOption[];
  onSearch: (search: ActivitySearch) => void;
}) {
  const [draft, setDraft] = useState(initial);
  const set = <K extends keyof ActivitySearch>(field: K, value: ActivitySearch[K]) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const toggle = (outcome: (typeof OUTCOMES)[number]) =>
    set(
      'outcomes',
      draft.outcomes.includes(outcome)
        ? draft.outcomes.filter((value) => value !== outcome)
        : [...draft.outcomes, outcome],
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft);
  };

  return (
    <form className="panel activity-form" role="search" aria-labelledby="activity-search-heading" onSubmit={submit}>
      <h2 id="activity-search-heading">Search the sync log</h2>
      <div className="activity-find">
        <label htmlFor="activity-find">Find</label>
        <input
          id="activity-find"
          type="search"
          value={draft.find}
          onChange={(event) => set('find', event.target.value)}
          placeholder="#1042, ada@example.com, gid://shopify/Order/…, a CRM id or a correlation id"
          aria-describedby="activity-find-hint"
          autoComplete="off"
        />
        <p id="activity-find-hint" className="muted">
          An order name (with or without #), an email, a Shopify gid or numeric id, a Dynamics row id or a correlation
          id: the shape says which.
        </p>
      </div>
      <div className="activity-filters">
        {/* Labels by id, not wrapping: a wrapped select would take its chosen option into its name. */}
        <div>
          <label htmlFor="activity-store">Store</label>
          <select id="activity-store" value={draft.storeId} onChange={(event) => set('storeId', event.target.value)}>
            <option value="">Every store</option>
            {stores.map((store) => (
              <option key={store.id} value={store.id}>
                {store.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="activity-entity">Entity</label>
          <input
            id="activity-entity"
            list="activity-entities"
            value={draft.entity}
            onChange={(event) => set('entity', event.target.value)}
            placeholder="any"
          />
          <datalist id="activity-entities">
            {ENTITIES.map((entity) => (
              <option key={entity} value={entity} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor="activity-from">From (UTC)</label>
          <input
            id="activity-from"
            type="datetime-local"
            value={draft.from}
            onChange={(event) => set('from', event.target.value)}
          />
        </div>
        <div>
          <label htmlFor="activity-to">To (UTC)</label>
          <input
            id="activity-to"
            type="datetime-local"
            value={draft.to}
            onChange={(event) => set('to', event.target.value)}
          />
        </div>
      </div>
      <fieldset className="activity-outcomes">
        <legend>Outcome</legend>
        {OUTCOMES.map((outcome) => (
          <label key={outcome}>
            <input type="checkbox" checked={draft.outcomes.includes(outcome)} onChange={() => toggle(outcome)} />{' '}
            {outcome.toLowerCase()}
          </label>
        ))}
      </fieldset>
      <div className="activity-actions">
        <button type="submit">Search</button>
        <button type="button" onClick={() => onSearch(EMPTY_SEARCH)}>
          Clear
        </button>
      </div>
    </form>
  );
}

function AttemptResults({ search, stores }: { search: ActivitySearch; stores: StoreOption[] }) {
  const plan = useMemo(() => planSearch(search), [search]);
  const storeNames = new Map(stores.map((store) => [store.id, store.name]));
  const query = useInfiniteQuery({
    queryKey: ['activity', plan.filters],
    queryFn: ({ pageParam, signal }) => fetchAttemptPages(plan.filters, pageParam, signal),
    initialPageParam: plan.filters.map((): BranchCursor => null),
    getNextPageParam: (last, _all, lastParam) => {
      const next = nextCursors(lastParam, last);
      return next.some((cursor) => cursor !== false) ? next : undefined;
    },
    enabled: plan.problems.length === 0,
    retry: false,
  });
  const rows = mergeAttempts(
    (query.data?.pages ?? []).flatMap((page) => page.map((connection) => connection?.nodes ?? [])),
  );

  return (
    <section className="panel" aria-labelledby="activity-results-heading" aria-busy={query.isFetching}>
      <header className="panel-header">
        <h2 id="activity-results-heading">Attempts</h2>
        <span className="muted">{search.find.trim() ? `Finding ${plan.meaning}` : 'Every attempt'}, newest first</span>
      </header>
      {plan.problems.map((problem) => (
        <p key={problem} className="alert" role="alert">
          {problem}
        </p>
      ))}
      {plan.problems.length === 0 && query.isPending && (
        <p className="muted" role="status">
          Searching…
        </p>
      )}
      {query.error && (
        <p className="alert" role="alert">
          The sync log could not be searched: {query.error.message}
        </p>
      )}
      {query.isSuccess && rows.length === 0 && (
        <p className="muted" role="status">
          No attempt matches. Check the key, or widen the filters (store, entity, outcome, time).
        </p>
      )}
      {rows.length > 0 && (
        <>
          <p className="muted" role="status">
            Showing {rows.length} {rows.length === 1 ? 'attempt' : 'attempts'}
            {query.hasNextPage ? '; there are more' : ''}.
          </p>
          <div className="activity-table-wrap">
            <AttemptTable rows={rows} storeNames={storeNames} />
          </div>
        </>
      )}
      {query.hasNextPage && (
        <button type="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </section>
  );
}

function AttemptTable({ rows, storeNames }: { rows: AttemptRow[]; storeNames: Map<string, string> }) {
  return (
    <table className="activity-table">
      <caption className="visually-hidden">Sync attempts, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Time</th>
          <th scope="col">Store</th>
          <th scope="col">Entity</th>
          <th scope="col">Record</th>
          <th scope="col">Outcome</th>
          <th scope="col">Error</th>
          <th scope="col">Attempt</th>
          <th scope="col">Source</th>
          <th scope="col">Duration</th>
          <th scope="col">Correlation id</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>{formatTime(row.startedAt)}</td>
            <td>{storeNames.get(row.storeId) ?? row.storeId}</td>
            <td>{row.entity}</td>
            <th scope="row">
              <Link href={`/activity/${row.id}`}>{recordLabel(row)}</Link>
            </th>
            <td>
              <OutcomeBadge outcome={row.outcome} dryRun={row.dryRun} />
            </td>
            <td>{row.errorCode ? <code>{row.errorCode}</code> : ''}</td>
            <td>{row.attempt}</td>
            <td>{row.source ?? '—'}</td>
            <td>{formatDuration(row.durationMs)}</td>
            <td>
              <Link
                href={`/activity?q=${encodeURIComponent(row.correlationId)}`}
                aria-label={`Every attempt of correlation id ${row.correlationId}`}
              >
                <code>{row.correlationId}</code>
              </Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** An outcome as a coloured badge; a dry run says so, since nothing was written. */
export function OutcomeBadge({ outcome, dryRun }: { outcome: string; dryRun: boolean }) {
  const tone = outcomeTone(outcome);
  return (
    <span className="badge activity-outcome" data-status={tone === 'neutral' ? undefined : tone}>
      {outcome.toLowerCase()}
      {dryRun ? ' (dry run)' : ''}
    </span>
  );
}
