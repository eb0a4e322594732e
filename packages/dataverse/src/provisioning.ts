import type { DataverseClient } from './client';
import { DataverseApiError } from './errors';

/** A column we add to a CRM table (DESIGN.md, "Identity and keys"). */
export interface ColumnSpec {
  /** Without the prefix: `shopifyid` becomes `sv_shopifyid`. */
  name: string;
  label: string;
  maxLength: number;
  description: string;
}

/** The tables we write and the columns and alternate key each needs. */
export const SYNC_TABLES = ['contact', 'account', 'salesorder', 'salesorderdetail'] as const;

export const SYNC_COLUMNS: ColumnSpec[] = [
  {
    name: 'shopifyid',
    label: 'Shopify ID',
    // `<store key>_<legacy id>`: a short store key and a 64-bit id fit with room to spare.
    maxLength: 100,
    description: 'Shopverse: the Shopify record this row mirrors, as <store key>_<legacy id>. Alternate key.',
  },
  {
    name: 'lastcorrelationid',
    label: 'Last sync correlation ID',
    maxLength: 36,
    description: 'Shopverse: the correlation id of the last sync that wrote this row; search it in the console.',
  },
];

export type ProvisioningStep =
  | { kind: 'create-column'; table: string; column: string }
  | { kind: 'create-key'; table: string; key: string; columns: string[] }
  | { kind: 'wait-for-key'; table: string; key: string; status: string };

export interface ProvisioningReport {
  /** What was (or, in a dry run, would be) changed. */
  steps: ProvisioningStep[];
  /** What was already there. */
  present: string[];
  dryRun: boolean;
}

function label(text: string) {
  return {
    '@odata.type': 'Microsoft.Dynamics.CRM.Label',
    LocalizedLabels: [{ '@odata.type': 'Microsoft.Dynamics.CRM.LocalizedLabel', Label: text, LanguageCode: 1033 }],
  };
}

async function exists(client: DataverseClient, path: string): Promise<boolean> {
  try {
    const response = await client.request({ method: 'GET', path, idempotent: true });
    const body = response.body as { value?: unknown[] } | undefined;
    return body?.value ? body.value.length > 0 : true;
  } catch (error) {
    if (error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND') return false;
    throw error;
  }
}

interface KeyRow {
  LogicalName: string;
  EntityKeyIndexStatus: string;
}

async function readKey(client: DataverseClient, table: string, key: string): Promise<KeyRow | undefined> {
  const response = await client.request({
    method: 'GET',
    path: `EntityDefinitions(LogicalName='${table}')/Keys?$select=LogicalName,KeyAttributes,EntityKeyIndexStatus`,
    idempotent: true,
  });
  return (response.body as { value: KeyRow[] }).value.find((row) => row.LogicalName === key);
}

/**
 * Creates, idempotently, the columns and alternate keys the sync relies on, through the metadata API
 * (DATAVERSE.md: schema names start with the publisher's prefix and `_`; key indexes build asynchronously), then waits
 * for each key index to become Active. A dry run only reads and reports what it would change. Running it twice
 * changes nothing the second time.
 */
export async function provision(
  client: DataverseClient,
  options: {
    prefix?: string;
    dryRun?: boolean;
    sleep?: (ms: number) => Promise<void>;
    pollMs?: number;
    maxWaitMs?: number;
  } = {},
): Promise<ProvisioningReport> {
  const prefix = options.prefix ?? 'sv';
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const report: ProvisioningReport = { steps: [], present: [], dryRun: options.dryRun ?? false };
  for (const table of SYNC_TABLES) {
    for (const column of SYNC_COLUMNS) {
      const logical = `${prefix}_${column.name}`;
      const path = `EntityDefinitions(LogicalName='${table}')/Attributes?$select=LogicalName&$filter=LogicalName eq '${logical}'`;
      if (await exists(client, path)) {
        report.present.push(`${table}.${logical}`);
        continue;
      }
      report.steps.push({ kind: 'create-column', table, column: logical });
      if (report.dryRun) continue;
      await client.request({
        method: 'POST',
        path: `EntityDefinitions(LogicalName='${table}')/Attributes`,
        idempotent: false,
        body: {
          '@odata.type': 'Microsoft.Dynamics.CRM.StringAttributeMetadata',
          SchemaName: `${prefix}_${column.name}`,
          MaxLength: column.maxLength,
          FormatName: { Value: 'Text' },
          RequiredLevel: { Value: 'None', CanBeChanged: true },
          DisplayName: label(column.label),
          Description: label(column.description),
        },
      });
    }
    const keyName = `${prefix}_shopifyid_key`;
    const key = await readKey(client, table, keyName);
    if (key) {
      report.present.push(`${table} key ${keyName} (${key.EntityKeyIndexStatus})`);
    } else {
      report.steps.push({ kind: 'create-key', table, key: keyName, columns: [`${prefix}_shopifyid`] });
      if (!report.dryRun) {
        await client.request({
          method: 'POST',
          path: `EntityDefinitions(LogicalName='${table}')/Keys`,
          idempotent: false,
          body: {
            SchemaName: keyName,
            DisplayName: label('Shopify ID'),
            KeyAttributes: [`${prefix}_shopifyid`],
          },
        });
      }
    }
    if (report.dryRun) continue;
    const deadline = Date.now() + (options.maxWaitMs ?? 10 * 60_000);
    for (;;) {
      const current = await readKey(client, table, keyName);
      if (current?.EntityKeyIndexStatus === 'Active') break;
      if (current?.EntityKeyIndexStatus === 'Failed') {
        throw new Error(
          `The alternate key ${keyName} on ${table} failed to build: duplicate ${prefix}_shopifyid values exist. ` +
            'Remove the duplicates in the CRM, then reactivate the key (or run provisioning again).',
        );
      }
      if (Date.now() > deadline)
        throw new Error(`The alternate key ${keyName} on ${table} is still ${current?.EntityKeyIndexStatus}.`);
      if (!report.steps.some((step) => step.kind === 'wait-for-key' && step.table === table)) {
        report.steps.push({
          kind: 'wait-for-key',
          table,
          key: keyName,
          status: current?.EntityKeyIndexStatus ?? 'missing',
        });
      }
      await sleep(options.pollMs ?? 1000);
    }
  }
  return report;
}
