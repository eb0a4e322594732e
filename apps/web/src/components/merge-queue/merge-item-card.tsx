'use client';

import { useId } from 'react';
import { dynamicsRecordUrl, shopifyAdminUrl } from '../shell/record-links';
import type { MergeDecision, MergeItem, MergeStore } from './merge-queue-query';
import {
  typeText,
  confidenceText,
  decisionText,
  keyText,
  matchedFields,
  RECORD_FIELDS,
  type RecordField,
  summarizeRecord,
} from './merge-view';
import { DecisionPrompt } from './decision-prompt';
import { useMergeDecision } from './use-merge-decision';

interface Props {
  item: MergeItem;
  store: MergeStore | undefined;
  /** Whether the signed-in user may decide (operators and admins); the API checks again. */
  canDecide: boolean;
  onDecided: (item: MergeItem) => void;
  /**
   * A refusal that means the page is out of date (someone decided first, the candidates changed): the page says it
   * where it stays in view and reads the queue again, which takes this item off the list.
   */
  onStale: (message: string) => void;
}

/** How a candidate is named in sentences and in the decision: its label, else its table and id. */
export function candidateName(item: MergeItem, crmId: string): string {
  const candidate = item.candidates.find((entry) => entry.crmId === crmId);
  return candidate?.label ?? `${candidate?.crmTable ?? 'row'} ${crmId}`;
}

/** The decisions an ambiguous match takes (a two-way conflict has its own card). */
type MatchDecision = Exclude<MergeDecision, { kind: 'KEEP_CRM' | 'KEEP_SHOPIFY' }>;

function confirmQuestion(item: MergeItem, decision: MatchDecision, recordName: string, table: string): string {
  switch (decision.kind) {
    case 'LINK':
      return (
        `Link ${recordName} to ${candidateName(item, decision.crmId)}? The sync then updates that ${table} from ` +
        'Shopify; the other candidates stay as they are.'
      );
    case 'CREATE':
      return `Create a new ${table} for ${recordName}? None of the candidates is changed.`;
    case 'IGNORE':
      return `Ignore ${recordName}? It is not synced to the CRM from now on.`;
  }
}

/**
 * One item of the merge queue: the Shopify record and its candidates side by side, the fields each candidate
 * matched on marked, and (for operators) the decision, confirmed before it is sent.
 */
export function MergeItemCard({ item, store, canDecide, onDecided, onStale }: Props) {
  const headingId = useId();
  const summary = summarizeRecord(item.payload);
  const recordName = summary.name ?? summary.email ?? item.shopifyGid;
  const table = item.candidates[0]?.crmTable ?? (item.shopifyType === 'CUSTOMER' ? 'contact' : 'account');
  const adminUrl = store ? shopifyAdminUrl(store.shopDomain, item.shopifyGid) : undefined;
  const orgUrl = (store?.orgs.find((org) => org.id === item.orgId) ?? store?.orgs[0])?.url;
  const matchedByAny = new Set<RecordField>(
    item.candidates.flatMap((candidate) => [...matchedFields(candidate.matchedOn)]),
  );
  const decided = decisionText(item, (crmId) => candidateName(item, crmId));

  const decision = useMergeDecision<MatchDecision>({
    item,
    recordName,
    decidedUnder: 'Resolved or Dismissed',
    onDecided: (result) => onDecided(result),
    onStale,
  });

  return (
    <article className="merge-item" aria-labelledby={headingId} data-status={item.status}>
      <header className="merge-item-header">
        <h3 id={headingId}>
          {typeText(item.shopifyType)} {recordName}
        </h3>
        <p className="muted">
          {item.reason} · parked {new Date(item.createdAt).toLocaleString()} · correlation id{' '}
          <code>{item.correlationId}</code>
        </p>
      </header>
      {decided && <p className="merge-decision">{decided}</p>}
      <div className="merge-compare" role="region" aria-label={`${recordName} beside its candidates`} tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">
                Shopify record
                <br />
                {adminUrl ? (
                  <a href={adminUrl} target="_blank" rel="noreferrer">
                    {item.shopifyGid}
                  </a>
                ) : (
                  <code>{item.shopifyGid}</code>
                )}
              </th>
              {item.candidates.map((candidate, index) => (
                <th scope="col" key={candidate.crmId} id={`${headingId}-c${index}`}>
                  {candidate.label ?? `(no label)`}
                  <br />
                  <span className="muted">{candidate.crmTable}</span>{' '}
                  {orgUrl ? (
                    <a
                      href={dynamicsRecordUrl(orgUrl, candidate.crmTable, candidate.crmId)}
                      target="_blank"
                      rel="noreferrer"
                    >
                      {candidate.crmId}
                    </a>
                  ) : (
                    <code>{candidate.crmId}</code>
                  )}
                  {confidenceText(candidate.confidence) && (
                    <>
                      <br />
                      <span className="merge-confidence">{confidenceText(candidate.confidence)} confident</span>
                    </>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {RECORD_FIELDS.map(({ field, label }) => (
              <tr key={field}>
                <th scope="row">{label}</th>
                <td data-matched={matchedByAny.has(field) || undefined}>
                  {summary[field] === null ? (
                    <span className="muted">none</span>
                  ) : matchedByAny.has(field) ? (
                    <mark>{summary[field]}</mark>
                  ) : (
                    summary[field]
                  )}
                </td>
                {item.candidates.map((candidate) => (
                  <td key={candidate.crmId}>
                    {matchedFields(candidate.matchedOn).has(field) ? (
                      <mark>same {label.toLowerCase()}</mark>
                    ) : (
                      <span className="muted">
                        –<span className="visually-hidden">not compared</span>
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">Matched on</th>
              <td />
              {item.candidates.map((candidate) => (
                <td key={candidate.crmId}>
                  <ul className="merge-keys" aria-label="Matching keys">
                    {candidate.matchedOn.map((key) => (
                      <li key={key}>
                        <mark>{keyText(key)}</mark>
                      </li>
                    ))}
                  </ul>
                </td>
              ))}
            </tr>
            {canDecide && item.status === 'OPEN' && (
              <tr>
                <th scope="row">Decide</th>
                <td>
                  <button type="button" disabled={decision.pending} onClick={() => decision.ask({ kind: 'CREATE' })}>
                    Create new {table}
                  </button>{' '}
                  <button type="button" disabled={decision.pending} onClick={() => decision.ask({ kind: 'IGNORE' })}>
                    Ignore
                  </button>
                </td>
                {item.candidates.map((candidate, index) => (
                  <td key={candidate.crmId}>
                    <button
                      type="button"
                      disabled={decision.pending}
                      aria-describedby={`${headingId}-c${index}`}
                      onClick={() => decision.ask({ kind: 'LINK', crmId: candidate.crmId })}
                    >
                      Link to this {candidate.crmTable}
                    </button>
                  </td>
                ))}
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <DecisionPrompt state={decision} question={(chosen) => confirmQuestion(item, chosen, recordName, table)} />
    </article>
  );
}
