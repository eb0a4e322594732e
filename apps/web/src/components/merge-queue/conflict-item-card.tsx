'use client';

import { useId } from 'react';
import { dynamicsRecordUrl, shopifyAdminUrl } from '../shell/record-links';
import { conflictFieldLabel, conflictValueText, type KeepKind, keepQuestion, keptText } from './conflict-view';
import type { MergeItem, MergeStore } from './merge-queue-query';
import { decisionText } from './merge-view';
import { DecisionPrompt } from './decision-prompt';
import { useMergeDecision } from './use-merge-decision';

interface Props {
  item: MergeItem;
  store: MergeStore | undefined;
  /** Whether the signed-in user may decide (operators and admins); the API checks again. */
  canDecide: boolean;
  /** The item as decided, and a sentence saying what was done. */
  onDecided: (item: MergeItem, said: string) => void;
  /** A refusal that means the page is out of date (someone decided first): the page says it and reads the queue. */
  onStale: (message: string) => void;
}

const when = (iso: string | null): string | null => (iso ? new Date(iso).toLocaleString() : null);

/**
 * A two-way conflict: a customer field edited in the CRM and in Shopify since the last sync (policy `ask`). Per field
 * the CRM's value beside Shopify's; an operator keeps one side, confirmed before it is sent.
 */
export function ConflictItemCard({ item, store, canDecide, onDecided, onStale }: Props) {
  const headingId = useId();
  const fields = item.conflict?.fields ?? [];
  const fieldNames = fields.map((entry) => entry.field);
  const contact = item.candidates[0];
  const shopifyValues = fields.map((entry) => conflictValueText(entry.field, entry.shopify));
  const crmValues = fields.map((entry) => conflictValueText(entry.field, entry.crm));
  // The payload of a conflict holds the fields in conflict only: the email names the customer when it is one of them.
  const email = fieldNames.indexOf('EMAIL');
  const recordName = (email >= 0 ? (shopifyValues[email] ?? crmValues[email]) : null) ?? item.shopifyGid;
  const adminUrl = store ? shopifyAdminUrl(store.shopDomain, item.shopifyGid) : undefined;
  const orgUrl = (store?.orgs.find((org) => org.id === item.orgId) ?? store?.orgs[0])?.url;
  const decided = decisionText(item, () => contact?.crmId ?? 'the contact');

  const decision = useMergeDecision<{ kind: KeepKind }>({
    item,
    recordName,
    decidedUnder: 'Resolved',
    onDecided: (decided, keep) => onDecided(decided, keptText(keep.kind, fieldNames)),
    onStale,
  });

  return (
    <article className="merge-item" aria-labelledby={headingId} data-status={item.status} data-kind={item.kind}>
      <header className="merge-item-header">
        <h3 id={headingId}>Customer {recordName}: edited on both sides</h3>
        <p className="muted">
          {item.reason} · parked {new Date(item.createdAt).toLocaleString()} · correlation id{' '}
          <code>{item.correlationId}</code>
        </p>
      </header>
      {decided && <p className="merge-decision">{decided}</p>}
      <div className="merge-compare" role="region" aria-label={`${recordName}: the CRM's and Shopify's`} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col" id={`${headingId}-crm`}>
                The CRM&apos;s
                <br />
                {contact && orgUrl ? (
                  <a href={dynamicsRecordUrl(orgUrl, contact.crmTable, contact.crmId)} target="_blank" rel="noreferrer">
                    {contact.crmTable} {contact.crmId}
                  </a>
                ) : (
                  <code>{contact?.crmId ?? 'contact'}</code>
                )}
              </th>
              <th scope="col" id={`${headingId}-shopify`}>
                Shopify&apos;s
                <br />
                {adminUrl ? (
                  <a href={adminUrl} target="_blank" rel="noreferrer">
                    {item.shopifyGid}
                  </a>
                ) : (
                  <code>{item.shopifyGid}</code>
                )}
              </th>
            </tr>
          </thead>
          <tbody>
            {fields.map((entry, index) => (
              <tr key={entry.field}>
                <th scope="row">{conflictFieldLabel(entry.field)}</th>
                <td>{crmValues[index] ?? <span className="muted">none</span>}</td>
                <td>
                  {entry.shopify === null ? (
                    <span className="muted">not kept with the item: see the customer in Shopify</span>
                  ) : (
                    (shopifyValues[index] ?? <span className="muted">none</span>)
                  )}
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row">Last changed</th>
              <td>{when(item.conflict?.crmModifiedOn ?? null) ?? <span className="muted">unknown</span>}</td>
              <td>{when(item.conflict?.shopifyUpdatedAt ?? null) ?? <span className="muted">unknown</span>}</td>
            </tr>
            {canDecide && item.status === 'OPEN' && (
              <tr>
                <th scope="row">Decide</th>
                <td>
                  <button
                    type="button"
                    disabled={decision.pending}
                    aria-describedby={`${headingId}-crm`}
                    onClick={() => decision.ask({ kind: 'KEEP_CRM' })}
                  >
                    Keep the CRM&apos;s
                  </button>
                </td>
                <td>
                  <button
                    type="button"
                    disabled={decision.pending}
                    aria-describedby={`${headingId}-shopify`}
                    onClick={() => decision.ask({ kind: 'KEEP_SHOPIFY' })}
                  >
                    Keep Shopify&apos;s
                  </button>
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <DecisionPrompt state={decision} question={(keep) => keepQuestion(keep.kind, fieldNames, recordName)} />
    </article>
  );
}
