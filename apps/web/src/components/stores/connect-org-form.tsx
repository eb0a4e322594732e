'use client';

import { useQueryClient } from '@tanstack/react-query';
import { ConnectForm, type FieldSpec } from './connect-form';
import { connectOrg, type ConnectOrgFields } from './stores-query';
import { connectOrgProblems } from './stores-view';
import { STORES_AND_ORGS_KEY } from './use-stores-and-orgs';

const FIELDS: readonly FieldSpec<ConnectOrgFields>[] = [
  { name: 'name', label: 'Name', hint: 'How the console names the org.' },
  { name: 'url', label: 'Environment URL', hint: 'e.g. https://contoso.crm4.dynamics.com' },
  { name: 'tenantId', label: 'Tenant id', hint: 'The Entra ID directory id of the app registration.' },
  { name: 'clientId', label: 'Client id', hint: "The app registration's application (client) id." },
  {
    name: 'clientSecret',
    label: 'Client secret',
    hint: "The secret's value (not its id); stored sealed, never shown again.",
    secret: true,
  },
  {
    name: 'authorityUrl',
    label: 'Authority URL',
    hint: 'Sovereign clouds only; empty for https://login.microsoftonline.com/<tenant id>.',
    optional: true,
  },
];

const EMPTY: ConnectOrgFields = { name: '', url: '', tenantId: '', clientId: '', clientSecret: '', authorityUrl: '' };

/** Connects a Dataverse org, or updates the one with the same URL (a new secret included). Admins only. */
export function ConnectOrgForm() {
  const client = useQueryClient();
  return (
    <ConnectForm
      title="Connect an org"
      description="Adds a Dynamics 365 (Dataverse) org, or updates the org with the same URL."
      fields={FIELDS}
      empty={EMPTY}
      check={connectOrgProblems}
      submitLabel="Connect org"
      pendingText="Connecting the org…"
      submit={async (values) => {
        const org = await connectOrg(values);
        await client.invalidateQueries({ queryKey: STORES_AND_ORGS_KEY });
        return `Connected org ${org.name} (${org.url}). Test its connection, then preview provisioning.`;
      }}
    />
  );
}
