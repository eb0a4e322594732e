'use client';

import { useState } from 'react';
import { ActionOutcome, type Outcome } from './action-outcome';
import { type OrgRow, provisionOrg, type ProvisioningResult, testOrgConnection } from './stores-query';
import { describeConnectionTest, summariseProvisioning } from './stores-view';
import { useAction } from './use-action';

/** The steps of a provisioning run (or preview) and what was already there, by table. */
function ProvisioningReport({ result, caption }: { result: ProvisioningResult; caption: string }) {
  const summary = summariseProvisioning(result);
  return (
    <div className="provisioning">
      {summary.rows.length > 0 && (
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col">Kind</th>
              <th scope="col">Name</th>
            </tr>
          </thead>
          <tbody>
            {summary.rows.map((row) => (
              <tr key={`${row.table} ${row.what} ${row.name}`}>
                <td>{row.table}</td>
                <td>{row.what}</td>
                <td>
                  <code>{row.name}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary.presentCount > 0 && (
        <details>
          <summary>Already present ({summary.presentCount})</summary>
          <dl className="connection-facts">
            {summary.present.map((group) => (
              <div key={group.table} className="connection-facts-wide">
                <dt>{group.table}</dt>
                <dd>{group.items.join(', ')}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </div>
  );
}

/**
 * What an admin does to an org: test it; preview provisioning (a read that lists what would be created), then
 * provision, which is offered only once a preview has been seen.
 */
export function OrgActions({ org }: { org: OrgRow }) {
  const [preview, setPreview] = useState<ProvisioningResult>();
  const [done, setDone] = useState<ProvisioningResult>();
  const test = useAction(
    () => testOrgConnection(org.id),
    (result): Outcome => ({ kind: result.ok ? 'status' : 'alert', text: describeConnectionTest(result) }),
    'The test could not run',
  );
  const previewing = useAction(
    () => provisionOrg(org.id, true),
    (result): Outcome => {
      setPreview(result);
      setDone(undefined);
      return { kind: 'status', text: `Preview: ${summariseProvisioning(result).headline}` };
    },
    'The preview failed',
  );
  const provisioning = useAction(
    () => provisionOrg(org.id, false),
    (result): Outcome => {
      setDone(result);
      setPreview(undefined);
      return { kind: 'status', text: `Provisioned: ${summariseProvisioning(result).headline}` };
    },
    'Provisioning failed',
  );
  const busy = previewing.mutation.isPending || provisioning.mutation.isPending;

  return (
    <div className="connection-actions" role="group" aria-label={`Actions on ${org.name}`}>
      <div className="connection-action">
        <button type="button" disabled={test.mutation.isPending} onClick={() => test.mutation.mutate(undefined)}>
          Test connection
        </button>
        <ActionOutcome pending={test.mutation.isPending} pendingText="Asking the org…" outcome={test.outcome} />
      </div>
      <div className="connection-action">
        <div className="provisioning-buttons">
          <button type="button" disabled={busy} onClick={() => previewing.mutation.mutate(undefined)}>
            Preview provisioning
          </button>
          <button
            type="button"
            disabled={busy || !preview}
            title={preview ? undefined : 'Preview first: it lists what would be created.'}
            onClick={() => provisioning.mutation.mutate(undefined)}
          >
            Provision
          </button>
        </div>
        <ActionOutcome
          pending={previewing.mutation.isPending}
          pendingText="Reading the org's columns and keys…"
          outcome={previewing.outcome}
        />
        {preview && <ProvisioningReport result={preview} caption="Would be created" />}
        <ActionOutcome
          pending={provisioning.mutation.isPending}
          pendingText="Creating columns and keys (a key index can take a minute)…"
          outcome={provisioning.outcome}
        />
        {done && <ProvisioningReport result={done} caption="Created" />}
      </div>
    </div>
  );
}
