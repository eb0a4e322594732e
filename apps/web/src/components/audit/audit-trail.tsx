'use client';

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useCan } from '../shell/role';
import { type AuditFilter, fetchAuditPage, fetchAuditPlaces } from './audit-query';
import {
  type AuditFilterForm,
  EMPTY_FILTER_FORM,
  emptyMessage,
  formatDetails,
  placeOf,
  shortId,
  summariseDetails,
  toAuditFilter,
} from './audit-view';

const PAGE = 50;

/**
 * The audit trail: who changed what, newest first, narrowed by action, actor or target type, a page at a time.
 * The API answers admins only, so other roles are told so instead of being shown the API's refusal.
 */
export function AuditTrail() {
  const isAdmin = useCan('admin');
  if (!isAdmin) {
    return (
      <section className="panel" aria-labelledby="audit-heading">
        <header className="panel-header">
          <h2 id="audit-heading">Audit events</h2>
        </header>
        <p role="status">
          The audit trail is for admins. Ask an admin if you need to know who changed a connection, a setting or a
          token.
        </p>
      </section>
    );
  }
  return <AdminAuditTrail />;
}

function AdminAuditTrail() {
  const [form, setForm] = useState<AuditFilterForm>(EMPTY_FILTER_FORM);
  const [filter, setFilter] = useState<AuditFilter>({});
  const events = useInfiniteQuery({
    queryKey: ['audit', filter],
    queryFn: ({ pageParam, signal }) => fetchAuditPage(filter, PAGE, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => (last.hasNextPage ? last.endCursor : undefined),
    retry: false,
  });
  const places = useQuery({
    queryKey: ['audit-places'],
    queryFn: ({ signal }) => fetchAuditPlaces(signal),
    retry: false,
  });
  const rows = events.data?.pages.flatMap((page) => page.events) ?? [];
  const field = (name: keyof AuditFilterForm) => ({
    value: form[name],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value }),
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setFilter(toAuditFilter(form));
  };
  const clear = () => {
    setForm(EMPTY_FILTER_FORM);
    setFilter({});
  };

  return (
    <section className="panel" aria-labelledby="audit-heading" aria-busy={events.isFetching}>
      <header className="panel-header">
        <h2 id="audit-heading">Audit events</h2>
      </header>
      <form className="audit-filters" aria-label="Filter the audit trail" onSubmit={apply}>
        <label>
          Action
          <input name="action" placeholder="e.g. api_token.create" {...field('action')} />
        </label>
        <label>
          Actor
          <input name="actor" placeholder="an email or token:<name>" {...field('actor')} />
        </label>
        <label>
          Target type
          <input name="targetType" placeholder="e.g. store" {...field('targetType')} />
        </label>
        <div className="audit-filter-buttons">
          <button type="submit">Apply filters</button>
          <button type="button" onClick={clear}>
            Clear
          </button>
        </div>
      </form>
      {events.isPending && (
        <p className="muted" role="status">
          Loading the audit trail…
        </p>
      )}
      {events.error && (
        <p className="alert" role="alert">
          The audit trail could not be read: {events.error.message}
        </p>
      )}
      {events.data && rows.length === 0 && (
        <p className="muted" role="status">
          {emptyMessage(filter)}
        </p>
      )}
      {rows.length > 0 && (
        <div className="audit-table-wrap">
          <table className="audit-table">
            <caption className="visually-hidden">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Role</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Store or org</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const summary = summariseDetails(row.details);
                return (
                  <tr key={row.id}>
                    <td>
                      <time dateTime={row.occurredAt}>{new Date(row.occurredAt).toLocaleString()}</time>
                    </td>
                    <td>{row.actor}</td>
                    <td>{row.actorRole}</td>
                    <td>
                      <code>{row.action}</code>
                    </td>
                    <td>
                      {row.targetType}{' '}
                      <code className="audit-id" title={row.targetId}>
                        {shortId(row.targetId)}
                      </code>
                    </td>
                    <td>{placeOf(row, places.data)}</td>
                    <td>
                      <details>
                        <summary>{summary || 'no details'}</summary>
                        <pre>{formatDetails(row.details)}</pre>
                        <p className="muted">
                          {row.targetType} <code>{row.targetId}</code>
                        </p>
                        {row.correlationId && (
                          <p className="muted">
                            correlation id <code>{row.correlationId}</code>
                          </p>
                        )}
                      </details>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {events.hasNextPage && (
        <button type="button" disabled={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
          {events.isFetchingNextPage ? 'Loading more…' : 'Load more'}
        </button>
      )}
      {rows.length > 0 && !events.hasNextPage && (
        <p className="muted footnote">
          {rows.length} {rows.length === 1 ? 'event' : 'events'}:{' '}
          {Object.keys(filter).length > 0 ? 'every one that matches these filters.' : 'the whole trail.'}
        </p>
      )}
    </section>
  );
}
