'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { dynamicsRecordUrl, shopifyAdminUrl } from '../shell/record-links';
import { type AttemptDetail, type AttemptRow, fetchAttempt, fetchChain, fetchPlaces } from './activity-query';
import { OutcomeBadge } from './activity-search';
import { dryRunChanges, formatDuration, formatTime, prettyJson, recordLabel } from './activity-view';

/**
 * One attempt of the sync log: what it was about, its error and class, links to the record in the Shopify admin and
 * in Dynamics, what it sent and what came back side by side, what a dry run would have changed, and every attempt of
 * the same change (its correlation id) in order.
 */
export function AttemptDetailView({ id }: { id: string }) {
  const attempt = useQuery({
    queryKey: ['activity-attempt', id],
    queryFn: ({ signal }) => fetchAttempt(id, signal),
    retry: false,
  });
  const places = useQuery({
    queryKey: ['activity-places'],
    queryFn: ({ signal }) => fetchPlaces(signal),
    retry: false,
  });

  if (attempt.isPending) {
    return (
      <p className="muted" role="status">
        Loading the attempt…
      </p>
    );
  }
  if (attempt.error) {
    return (
      <p className="alert" role="alert">
        The attempt could not be read: {attempt.error.message}
      </p>
    );
  }
  if (!attempt.data) {
    return (
      <p className="alert" role="alert">
        There is no attempt with id {id}: it may have been pruned by age. <Link href="/activity">Search the log</Link>{' '}
        by order name, email or correlation id instead.
      </p>
    );
  }
  const data = attempt.data;
  const store = places.data?.stores.find((candidate) => candidate.id === data.storeId);
  const org = places.data?.orgs.find((candidate) => candidate.id === data.orgId);
  const adminUrl = store && data.shopifyGid ? shopifyAdminUrl(store.shopDomain, data.shopifyGid) : undefined;
  const crmUrl = org && data.crmTable && data.crmId ? dynamicsRecordUrl(org.url, data.crmTable, data.crmId) : undefined;
  const changes = data.dryRun ? dryRunChanges(data.request) : [];

  return (
    <>
      <header className="page-header">
        <p className="muted">
          <Link href="/activity">Activity</Link> / attempt
        </p>
        <h1>
          {data.entity} {recordLabel(data)}
        </h1>
        <p>
          <OutcomeBadge outcome={data.outcome} dryRun={data.dryRun} /> attempt {data.attempt}, started{' '}
          {formatTime(data.startedAt)}
        </p>
      </header>

      <section className="panel" aria-labelledby="attempt-facts-heading">
        <h2 id="attempt-facts-heading">Facts</h2>
        <dl className="activity-facts">
          <dt>Store</dt>
          <dd>{store ? `${store.name} (${store.shopDomain})` : data.storeId}</dd>
          <dt>Shopify record</dt>
          <dd>
            {data.shopifyGid ? <code>{data.shopifyGid}</code> : '—'}
            {adminUrl && (
              <>
                {' '}
                <a href={adminUrl} target="_blank" rel="noreferrer">
                  Open in the Shopify admin
                </a>
              </>
            )}
          </dd>
          <dt>CRM row</dt>
          <dd>
            {data.crmId ? (
              <>
                {data.crmTable} <code>{data.crmId}</code>
              </>
            ) : (
              '—'
            )}
            {crmUrl && (
              <>
                {' '}
                <a href={crmUrl} target="_blank" rel="noreferrer">
                  Open in Dynamics 365
                </a>
              </>
            )}
          </dd>
          <dt>Correlation id</dt>
          <dd>
            <code>{data.correlationId}</code>
          </dd>
          <dt>Source</dt>
          <dd>
            {data.source ?? '—'} · {data.direction === 'CRM_TO_SHOPIFY' ? 'CRM to Shopify' : 'Shopify to CRM'}
          </dd>
          <dt>Times</dt>
          <dd>
            {data.receivedAt && `received ${formatTime(data.receivedAt)}, `}started {formatTime(data.startedAt)}
            {data.finishedAt && `, finished ${formatTime(data.finishedAt)}`}; took {formatDuration(data.durationMs)}
          </dd>
          {data.email && (
            <>
              <dt>Email</dt>
              <dd>{data.email}</dd>
            </>
          )}
        </dl>
      </section>

      {(data.errorCode || data.errorMessage) && <AttemptError attempt={data} />}

      <section className="panel" aria-labelledby="attempt-exchange-heading">
        <h2 id="attempt-exchange-heading">Request and response</h2>
        <div className="activity-exchange">
          <JsonPane id="attempt-request" title={data.dryRun ? 'Request (would have been sent)' : 'Request'}>
            {prettyJson(data.request)}
          </JsonPane>
          <JsonPane id="attempt-response" title="Response">
            {prettyJson(data.response)}
          </JsonPane>
        </div>
      </section>

      {data.dryRun && <DryRunChanges changes={changes} />}

      <CorrelationChain correlationId={data.correlationId} currentId={data.id} />
    </>
  );
}

function AttemptError({ attempt }: { attempt: AttemptDetail }) {
  return (
    <section className="panel activity-error" aria-labelledby="attempt-error-heading">
      <h2 id="attempt-error-heading">Error</h2>
      <p>
        {attempt.errorCode && <code>{attempt.errorCode}</code>}{' '}
        {attempt.errorClass && <span className="muted">({attempt.errorClass.toLowerCase()})</span>}
      </p>
      {attempt.errorMessage && <p>{attempt.errorMessage}</p>}
    </section>
  );
}

function JsonPane({ id, title, children }: { id: string; title: string; children: string }) {
  return (
    <div className="activity-json" role="region" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{title}</h3>
      {/* Focusable, so a keyboard can scroll a long body. */}
      <pre tabIndex={0} aria-labelledby={`${id}-title`}>
        {children}
      </pre>
    </div>
  );
}

function DryRunChanges({ changes }: { changes: ReturnType<typeof dryRunChanges> }) {
  return (
    <section className="panel" aria-labelledby="attempt-diff-heading">
      <h2 id="attempt-diff-heading">What the dry run would change</h2>
      {changes.length === 0 && <p className="muted">Nothing: the CRM rows already hold these values.</p>}
      {changes.map((row) => (
        <table key={row.target} className="activity-table activity-diff">
          <caption>
            <code>{row.target}</code>
          </caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {row.changes.map((change) => (
              <tr key={change.column}>
                <th scope="row">
                  <code>{change.column}</code>
                </th>
                <td>{change.before}</td>
                <td>{change.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

function CorrelationChain({ correlationId, currentId }: { correlationId: string; currentId: string }) {
  const chain = useQuery({
    queryKey: ['activity-chain', correlationId],
    queryFn: ({ signal }) => fetchChain(correlationId, signal),
    retry: false,
  });
  return (
    <section className="panel" aria-labelledby="attempt-chain-heading">
      <h2 id="attempt-chain-heading">Chain of this change</h2>
      <p className="muted">
        Every attempt under correlation id <code>{correlationId}</code>, oldest first.
      </p>
      {chain.isPending && (
        <p className="muted" role="status">
          Loading the chain…
        </p>
      )}
      {chain.error && (
        <p className="alert" role="alert">
          The chain could not be read: {chain.error.message}
        </p>
      )}
      {chain.data && (
        <ol className="activity-chain">
          {chain.data.map((item) => (
            <ChainItem key={item.id} item={item} current={item.id === currentId} />
          ))}
        </ol>
      )}
    </section>
  );
}

function ChainItem({ item, current }: { item: AttemptRow; current: boolean }) {
  return (
    <li data-current={current || undefined}>
      <Link href={`/activity/${item.id}`} aria-current={current ? 'page' : undefined}>
        {formatTime(item.startedAt)} · {item.entity} {recordLabel(item)}
      </Link>{' '}
      <OutcomeBadge outcome={item.outcome} dryRun={item.dryRun} /> attempt {item.attempt}
      {item.errorCode && (
        <>
          {' '}
          <code>{item.errorCode}</code>
        </>
      )}
      {current && <strong> (this attempt)</strong>}
    </li>
  );
}
