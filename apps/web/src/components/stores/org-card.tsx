'use client';

import { useId } from 'react';
import { OrgActions } from './org-actions';
import type { OrgRow } from './stores-query';

/** One Dataverse org: how it is reached, which stores write to it; and, for admins, test and provisioning. */
export function OrgCard({ org, canAdmin }: { org: OrgRow; canAdmin: boolean }) {
  const headingId = useId();
  return (
    <article className="connection-card" aria-labelledby={headingId}>
      <header className="panel-header">
        <h3 id={headingId}>{org.name}</h3>
      </header>
      <dl className="connection-facts">
        <div className="connection-facts-wide">
          <dt>URL</dt>
          <dd>
            <a href={org.url} target="_blank" rel="noreferrer">
              {org.url}
            </a>
          </dd>
        </div>
        <div>
          <dt>Tenant</dt>
          <dd>
            <code>{org.tenantId}</code>
          </dd>
        </div>
        <div>
          <dt>Client id</dt>
          <dd>
            <code>{org.clientId}</code>
          </dd>
        </div>
        <div>
          <dt>Client secret</dt>
          <dd>{org.hasClientSecret ? 'set' : 'not set'}</dd>
        </div>
        <div>
          <dt>Column prefix</dt>
          <dd>
            <code>{org.publisherPrefix}_</code>
          </dd>
        </div>
        <div className="connection-facts-wide">
          <dt>Stores</dt>
          <dd>
            {org.stores.length === 0
              ? 'no store writes to it yet'
              : org.stores.map((store) => `${store.name} (${store.key})`).join(', ')}
          </dd>
        </div>
      </dl>
      {canAdmin && <OrgActions org={org} />}
    </article>
  );
}
