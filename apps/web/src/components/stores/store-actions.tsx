'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ActionOutcome, type Outcome } from './action-outcome';
import { StoreConnectionSwitch } from './store-connection-switch';
import {
  connectStoreToOrg,
  type OrgRow,
  registerWebhooks,
  setDryRun,
  type StoreRow,
  testStoreConnection,
} from './stores-query';
import { describeConnectionTest, describeRegistration } from './stores-view';
import { useAction } from './use-action';
import { STORES_AND_ORGS_KEY } from './use-stores-and-orgs';

/** What an admin does to a store: test it, register its webhooks, choose its org, switch dry run, disconnect it. */
export function StoreActions({
  store,
  orgs,
  callbackUrl,
}: {
  store: StoreRow;
  orgs: readonly OrgRow[];
  callbackUrl: string;
}) {
  const client = useQueryClient();
  const ids = useId();
  const refresh = () => void client.invalidateQueries({ queryKey: STORES_AND_ORGS_KEY });
  const [callback, setCallback] = useState<string>();
  const [orgId, setOrgId] = useState<string>();
  const [confirming, setConfirming] = useState(false);

  const test = useAction(
    () => testStoreConnection(store.id),
    (result): Outcome => ({ kind: result.ok ? 'status' : 'alert', text: describeConnectionTest(result) }),
    'The test could not run',
  );
  const webhooks = useAction(
    (url: string) => registerWebhooks(store.id, url),
    (result): Outcome => {
      refresh();
      return { kind: 'status', text: describeRegistration(result) };
    },
    'Webhooks were not registered',
  );
  const writeTo = useAction(
    (id: string) => connectStoreToOrg(store.id, id),
    (result): Outcome => {
      refresh();
      return { kind: 'status', text: `${store.name} writes to ${result.orgs.map((org) => org.name).join(', ')}.` };
    },
    'The org was not changed',
  );
  const dryRun = useAction(
    (on: boolean) => setDryRun(store.id, on),
    (result): Outcome => {
      refresh();
      return {
        kind: 'status',
        text: result.dryRun
          ? `Dry run is on: ${store.name} syncs but writes nothing to the CRM.`
          : `Dry run is off: ${store.name} writes to the CRM again.`,
      };
    },
    'Dry run was not switched',
  );

  const callbackValue = callback ?? callbackUrl;
  const chosenOrg = orgId ?? store.orgs[0]?.id ?? orgs[0]?.id ?? '';
  const nextDryRun = !store.dryRun;

  return (
    <div className="connection-actions" role="group" aria-label={`Actions on ${store.name}`}>
      <div className="connection-action">
        <button type="button" disabled={test.mutation.isPending} onClick={() => test.mutation.mutate(undefined)}>
          Test connection
        </button>
        <ActionOutcome pending={test.mutation.isPending} pendingText="Asking the shop…" outcome={test.outcome} />
      </div>

      <form
        className="connection-action"
        onSubmit={(event) => {
          event.preventDefault();
          webhooks.mutation.mutate(callbackValue.trim());
        }}
      >
        <label htmlFor={`${ids}-callback`}>Callback URL</label>
        <input
          id={`${ids}-callback`}
          type="url"
          value={callbackValue}
          onChange={(event) => setCallback(event.target.value)}
          spellCheck={false}
        />
        <button type="submit" disabled={webhooks.mutation.isPending || callbackValue.trim() === ''}>
          Register webhooks
        </button>
        <ActionOutcome
          pending={webhooks.mutation.isPending}
          pendingText="Registering webhooks…"
          outcome={webhooks.outcome}
        />
      </form>

      <form
        className="connection-action"
        onSubmit={(event) => {
          event.preventDefault();
          writeTo.mutation.mutate(chosenOrg);
        }}
      >
        {orgs.length === 0 ? (
          <p className="muted">Connect an org below, then choose it here.</p>
        ) : (
          <>
            <label htmlFor={`${ids}-org`}>Org it writes to</label>
            <select id={`${ids}-org`} value={chosenOrg} onChange={(event) => setOrgId(event.target.value)}>
              {orgs.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </select>
            <button type="submit" disabled={writeTo.mutation.isPending || chosenOrg === ''}>
              Write to org
            </button>
          </>
        )}
        <ActionOutcome pending={writeTo.mutation.isPending} pendingText="Saving the org…" outcome={writeTo.outcome} />
      </form>

      <div className="connection-action">
        {confirming ? (
          <div role="group" aria-label="Confirm dry run" className="dry-run-confirm">
            <p>
              {nextDryRun
                ? `Turn dry run on for ${store.name}? The sync keeps running but writes nothing to the CRM.`
                : `Turn dry run off for ${store.name}? The sync writes to the CRM again.`}
            </p>
            <button
              type="button"
              disabled={dryRun.mutation.isPending}
              onClick={() => {
                setConfirming(false);
                dryRun.mutation.mutate(nextDryRun);
              }}
            >
              {nextDryRun ? 'Yes, turn dry run on' : 'Yes, turn dry run off'}
            </button>{' '}
            {/* The button that opened the question is gone: focus goes to the safe answer. */}
            <button type="button" autoFocus onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        ) : (
          <button type="button" disabled={dryRun.mutation.isPending} onClick={() => setConfirming(true)}>
            {nextDryRun ? 'Turn dry run on' : 'Turn dry run off'}
          </button>
        )}
        <ActionOutcome pending={dryRun.mutation.isPending} pendingText="Switching dry run…" outcome={dryRun.outcome} />
      </div>

      <StoreConnectionSwitch store={store} />
    </div>
  );
}
