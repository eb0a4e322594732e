'use client';

import { useQueryClient } from '@tanstack/react-query';
import { ConnectForm, type FieldSpec } from './connect-form';
import { connectStore, type ConnectStoreFields } from './stores-query';
import { connectStoreProblems } from './stores-view';
import { STORES_AND_ORGS_KEY } from './use-stores-and-orgs';

const FIELDS: readonly FieldSpec<ConnectStoreFields>[] = [
  {
    name: 'key',
    label: 'Key',
    hint: 'Lowercase letters and digits, e.g. us or eu2. Part of every CRM alternate key: never change it later.',
  },
  { name: 'shopDomain', label: 'Shop domain', hint: 'The permanent domain, e.g. my-shop.myshopify.com.' },
  { name: 'name', label: 'Name', hint: 'How the console names the store.' },
  {
    name: 'accessToken',
    label: 'Admin API access token',
    hint: "The token of the shop's app (shpat_…); stored sealed, never shown again.",
    secret: true,
  },
  {
    name: 'webhookSecret',
    label: 'Webhook secret',
    hint: "The app's client secret, which signs webhooks; stored sealed, never shown again.",
    secret: true,
  },
  { name: 'apiVersion', label: 'API version', hint: 'Empty for the version the sync is built for.', optional: true },
  {
    name: 'apiBaseUrl',
    label: 'API base URL',
    hint: 'Only for a simulated shop (the sandbox), e.g. http://127.0.0.1:4001; empty for a real shop.',
    optional: true,
  },
];

const EMPTY: ConnectStoreFields = {
  key: '',
  shopDomain: '',
  name: '',
  accessToken: '',
  webhookSecret: '',
  apiVersion: '',
  apiBaseUrl: '',
};

/** Connects a Shopify store, or updates the one with the same shop domain (new secrets included). Admins only. */
export function ConnectStoreForm() {
  const client = useQueryClient();
  return (
    <ConnectForm
      title="Connect a store"
      description="Adds a Shopify store, or updates the store with the same shop domain."
      fields={FIELDS}
      empty={EMPTY}
      check={connectStoreProblems}
      submitLabel="Connect store"
      pendingText="Connecting the store…"
      submit={async (values) => {
        const store = await connectStore(values);
        await client.invalidateQueries({ queryKey: STORES_AND_ORGS_KEY });
        return `Connected store ${store.name} (${store.key}). Test its connection, then register its webhooks.`;
      }}
    />
  );
}
