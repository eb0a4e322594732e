'use client';

import { useId } from 'react';
import type { OrgRow, StoreRow } from './stores-query';
import { shopAdminUrl, summariseWebhooks } from './stores-view';
import { StoreActions } from './store-actions';

const STATUS: Record<StoreRow['status'], { text: string; badge: 'ok' | 'degraded' | 'down' }> = {
  ACTIVE: { text: 'active', badge: 'ok' },
  PAUSED: { text: 'paused', badge: 'degraded' },
  DISCONNECTED: { text: 'disconnected', badge: 'down' },
};

const yesNo = (value: boolean) => (value ? 'set' : 'not set');

/** One store: how it is connected, where it writes, its webhooks; and, for admins, what can be done to it. */
export function StoreCard({
  store,
  orgs,
  canAdmin,
  callbackUrl,
}: {
  store: StoreRow;
  orgs: readonly OrgRow[];
  canAdmin: boolean;
  callbackUrl: string;
}) {
  const headingId = useId();
  const webhooks = summariseWebhooks(store.webhooks, callbackUrl);
  const status = STATUS[store.status];
  return (
    <article className="connection-card" aria-labelledby={headingId}>
      <header className="panel-header">
        <h3 id={headingId}>{store.name}</h3>
        <p className="badge" data-status={status.badge}>
          {status.text}
        </p>
      </header>
      <dl className="connection-facts">
        <div>
          <dt>Key</dt>
          <dd>
            <code>{store.key}</code>
          </dd>
        </div>
        <div>
          <dt>Shop domain</dt>
          <dd>
            <a href={shopAdminUrl(store.shopDomain)} target="_blank" rel="noreferrer">
              {store.shopDomain}
            </a>
          </dd>
        </div>
        <div>
          <dt>Dry run</dt>
          <dd data-testid="dry-run">{store.dryRun ? 'on: nothing is written to the CRM' : 'off'}</dd>
        </div>
        <div>
          <dt>API version</dt>
          <dd>{store.apiVersion}</dd>
        </div>
        <div>
          <dt>Access token</dt>
          <dd>{yesNo(store.hasAccessToken)}</dd>
        </div>
        <div>
          <dt>Webhook secret</dt>
          <dd>{yesNo(store.hasWebhookSecret)}</dd>
        </div>
        <div>
          <dt>Writes to</dt>
          <dd>
            {store.status === 'DISCONNECTED'
              ? 'nothing while disconnected (its CRM rows and links are kept)'
              : store.orgs.length === 0
                ? 'no org yet'
                : store.orgs.map((org, index) => (
                    <span key={org.id}>
                      {index > 0 && ', '}
                      <a href={org.url} target="_blank" rel="noreferrer">
                        {org.name}
                      </a>
                    </span>
                  ))}
          </dd>
        </div>
        <div>
          <dt>Settings</dt>
          <dd>{store.settingsValid ? 'valid' : 'do not validate: fix them on the Mappings page'}</dd>
        </div>
        <div className="connection-facts-wide">
          <dt>Webhooks</dt>
          <dd data-testid="webhooks">
            <span className="badge" data-status={webhooks.status}>
              {webhooks.label}
            </span>{' '}
            {webhooks.detail}
          </dd>
        </div>
      </dl>
      {canAdmin && <StoreActions store={store} orgs={orgs} callbackUrl={callbackUrl} />}
    </article>
  );
}
