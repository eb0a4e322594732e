'use client';

import Link from 'next/link';
import type { FailedStore } from './failed-query';
import { type FailureGroupView, recordLabel, recordLinks, storeName } from './failed-view';

/** What a group may do: nothing for a viewer; an operator retries a record, a selection, or the whole group. */
export type GroupActions =
  | { canRetry: false }
  | {
      canRetry: true;
      busy: boolean;
      selected: ReadonlySet<string>;
      toggle: (id: string) => void;
      retryIds: (ids: string[]) => void;
      retryGroup: (storeId: string, errorCode: string) => void;
    };

/** One store's records failed with one error code: the code, what it means, and each record with its links. */
export function FailureGroup({
  group,
  stores,
  actions,
}: {
  group: FailureGroupView;
  stores: readonly FailedStore[];
  actions: GroupActions;
}) {
  const headingId = `failure-${group.key.replace(/[^a-zA-Z0-9-]/g, '-')}`;
  const count = group.records.length;
  return (
    <article className="failure-group" aria-labelledby={headingId}>
      <header className="panel-header">
        <h3 id={headingId}>
          <code>{group.errorCode}</code> <span className="muted">({group.errorClass.toLowerCase()})</span> ·{' '}
          {storeName(group.storeId, stores)} · {count} {count === 1 ? 'record' : 'records'}
        </h3>
        {actions.canRetry && (
          <button
            type="button"
            disabled={actions.busy}
            onClick={() => actions.retryGroup(group.storeId, group.errorCode)}
          >
            Retry all {group.errorCode}
          </button>
        )}
      </header>
      <p className="failure-message">{group.message}</p>
      <ul className="failed-records">
        {group.records.map((record) => {
          const label = recordLabel(record);
          const links = recordLinks(record, stores);
          return (
            <li key={record.id} data-dead-letter={record.id}>
              {actions.canRetry ? (
                <label>
                  <input
                    type="checkbox"
                    checked={actions.selected.has(record.id)}
                    onChange={() => actions.toggle(record.id)}
                  />{' '}
                  {label}
                </label>
              ) : (
                <span>{label}</span>
              )}{' '}
              <span className="muted">
                {record.attempts} {record.attempts === 1 ? 'attempt' : 'attempts'}, last{' '}
                {new Date(record.failedAt).toLocaleString()} · correlation id <code>{record.correlationId}</code>
              </span>
              {record.errorMessage !== group.message && <p className="failure-message">{record.errorMessage}</p>}
              <span className="failed-record-actions">
                <Link href={links.activity} aria-label={`Activity of ${label}`}>
                  Activity
                </Link>
                {links.shopifyAdmin && (
                  <a
                    href={links.shopifyAdmin}
                    target="_blank"
                    rel="noreferrer"
                    aria-label={`${label} in Shopify admin`}
                  >
                    Shopify admin
                  </a>
                )}
                {actions.canRetry && (
                  <button
                    type="button"
                    disabled={actions.busy}
                    aria-label={`Retry ${label}`}
                    onClick={() => actions.retryIds([record.id])}
                  >
                    Retry
                  </button>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </article>
  );
}
