'use client';

import { useCan } from '../shell/role';
import { ConnectOrgForm } from './connect-org-form';
import { ConnectStoreForm } from './connect-store-form';
import { OrgCard } from './org-card';
import { StoreCard } from './store-card';
import { useConsoleCallbackUrl, useStoresAndOrgs } from './use-stores-and-orgs';

/**
 * The stores and orgs, with what an admin does to them. Everyone reads the lists; only admins see the forms and
 * actions (the API refuses them to anyone else too).
 */
export function StoresAndOrgs() {
  const canAdmin = useCan('admin');
  const callbackUrl = useConsoleCallbackUrl();
  const query = useStoresAndOrgs();
  const stores = query.data?.stores ?? [];
  const orgs = query.data?.orgs ?? [];

  return (
    <>
      {!canAdmin && (
        <p className="muted stores-role-note" role="note">
          You can read the stores and orgs; connecting, testing, provisioning and other changes need the admin role.
        </p>
      )}
      {query.isPending && (
        <p className="muted" role="status">
          Loading the stores and orgs (each shop is asked for its webhooks)…
        </p>
      )}
      {query.error && (
        <p className="alert" role="alert">
          The stores and orgs could not be read: {query.error.message}
        </p>
      )}
      <section className="panel" aria-labelledby="stores-heading" aria-busy={query.isPending}>
        <header className="panel-header">
          <h2 id="stores-heading">Stores</h2>
          {query.data && <span className="muted">{stores.length}</span>}
        </header>
        {query.data && stores.length === 0 && (
          <p className="muted">No store yet. {canAdmin ? 'Connect one below.' : 'An admin connects them.'}</p>
        )}
        {stores.map((store) => (
          <StoreCard key={store.id} store={store} orgs={orgs} canAdmin={canAdmin} callbackUrl={callbackUrl} />
        ))}
      </section>
      {canAdmin && <ConnectStoreForm />}
      <section className="panel" aria-labelledby="orgs-heading" aria-busy={query.isPending}>
        <header className="panel-header">
          <h2 id="orgs-heading">Orgs</h2>
          {query.data && <span className="muted">{orgs.length}</span>}
        </header>
        {query.data && orgs.length === 0 && (
          <p className="muted">No org yet. {canAdmin ? 'Connect one below.' : 'An admin connects them.'}</p>
        )}
        {orgs.map((org) => (
          <OrgCard key={org.id} org={org} canAdmin={canAdmin} />
        ))}
      </section>
      {canAdmin && <ConnectOrgForm />}
    </>
  );
}
