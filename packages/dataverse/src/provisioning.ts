import type { DataverseClient } from './client';
import { DataverseApiError } from './errors';

/** The tables we write; each gets the alternate key over our `shopifyid` column. */
export const SYNC_TABLES = ['contact', 'account', 'salesorder', 'salesorderdetail'] as const;

/** One of the tables we write. */
export type SyncTable = (typeof SYNC_TABLES)[number];

/** What every column we add has, whatever its type. */
interface ColumnBase {
  /** Without the prefix: `shopifyid` becomes `sv_shopifyid`. */
  name: string;
  label: string;
  description: string;
  /** The tables that get the column. */
  tables: readonly SyncTable[];
}

/**
 * A column we add to CRM tables (DESIGN.md, "Identity and keys"; issue 6 for the contact's rollups), by Dataverse
 * column type, with the properties Microsoft's "Create and update column definitions using the Web API" sets for
 * each: MaxLength for text, MinValue/MaxValue for whole numbers, Precision and MinValue/MaxValue for decimals,
 * DateTimeBehavior and Format for dates.
 */
export type ColumnSpec = ColumnBase &
  (
    | { type: 'String'; maxLength: number }
    | { type: 'Integer'; minValue: number; maxValue: number }
    | { type: 'Decimal'; precision: number; minValue: number; maxValue: number }
    | {
        type: 'DateTime';
        /** UserLocal keeps an instant in UTC and shows it in each user's zone; DateOnly keeps a calendar date. */
        behavior: 'UserLocal' | 'DateOnly' | 'TimeZoneIndependent';
        format: 'DateOnly' | 'DateAndTime';
      }
  );

/** Dataverse's ranges: Whole Number is a 32-bit integer, Decimal Number spans plus or minus 100 billion. */
const INTEGER_MAX = 2_147_483_647;
const DECIMAL_LIMIT = 100_000_000_000;

/** Our columns on sales orders (issue 7): what Shopify says about the order, beside what Dynamics computes. */
const ORDER_TEXT: { name: string; label: string; maxLength: number; description: string }[] = [
  {
    name: 'ordername',
    label: 'Shopify order name',
    maxLength: 100,
    description: 'Shopverse: the order name as the merchant sees it in Shopify, e.g. #1042.',
  },
  {
    name: 'financialstatus',
    label: 'Shopify financial status',
    maxLength: 50,
    description: "Shopverse: Shopify's financial status of the order (PAID, PARTIALLY_REFUNDED, ...).",
  },
  {
    name: 'fulfillmentstatus',
    label: 'Shopify fulfilment status',
    maxLength: 50,
    description:
      "Shopverse: Shopify's fulfilment status of the order (UNFULFILLED, PARTIALLY_FULFILLED, FULFILLED, ...).",
  },
  {
    name: 'cancelreason',
    label: 'Shopify cancel reason',
    maxLength: 50,
    description:
      'Shopverse: why the order was cancelled in Shopify (CUSTOMER, DECLINED, FRAUD, INVENTORY, STAFF, OTHER).',
  },
  {
    name: 'shopifyurl',
    label: 'Shopify admin link',
    maxLength: 300,
    description: "Shopverse: the order's page in the Shopify admin.",
  },
  {
    name: 'currency',
    label: 'Shopify shop currency',
    maxLength: 3,
    description: "Shopverse: ISO 4217 code of the shop's currency for this order.",
  },
  {
    name: 'presentmentcurrency',
    label: 'Shopify presentment currency',
    maxLength: 3,
    description: 'Shopverse: ISO 4217 code of the currency the customer saw and paid in.',
  },
  {
    name: 'locale',
    label: 'Shopify store locale',
    // BCP 47 tags are short; 35 is the longest a tag with a script and a region takes in practice, with room.
    maxLength: 35,
    description: 'Shopverse: the locale of the store the order was placed in (e.g. de-DE), for reports across stores.',
  },
];

const ORDER_COLUMNS: ColumnSpec[] = [
  ...ORDER_TEXT.map((column): ColumnSpec => ({ ...column, type: 'String', tables: ['salesorder'] })),
  {
    name: 'refundedamount',
    label: 'Shopify refunded amount',
    type: 'Decimal',
    precision: 2,
    minValue: -DECIMAL_LIMIT,
    maxValue: DECIMAL_LIMIT,
    description: "Shopverse: the total refunded on the order in Shopify, in the order's CRM currency.",
    tables: ['salesorder'],
  },
  {
    name: 'refundcount',
    label: 'Shopify refunds',
    type: 'Integer',
    minValue: 0,
    maxValue: INTEGER_MAX,
    description: 'Shopverse: how many refunds (including returns without money back) the order has in Shopify.',
    tables: ['salesorder'],
  },
  ...(
    [
      ['processedon', 'Shopify processed on', 'when Shopify processed (placed) the order.'],
      ['cancelledon', 'Shopify cancelled on', 'when the order was cancelled in Shopify.'],
      ['closedon', 'Shopify closed on', 'when the order was closed (archived) in Shopify.'],
    ] as const
  ).map(([name, label, description]): ColumnSpec => ({
    name,
    label,
    type: 'DateTime',
    behavior: 'UserLocal',
    format: 'DateAndTime',
    description: `Shopverse: ${description}`,
    tables: ['salesorder'],
  })),
];

/** Our columns, each on the tables it names: the key and correlation id everywhere, the rollups on contacts only. */
export const SYNC_COLUMNS: ColumnSpec[] = [
  {
    name: 'shopifyid',
    label: 'Shopify ID',
    type: 'String',
    // `<store key>_<legacy id>`: a short store key and a 64-bit id fit with room to spare.
    maxLength: 100,
    description: 'Shopverse: the Shopify record this row mirrors, as <store key>_<legacy id>. Alternate key.',
    tables: SYNC_TABLES,
  },
  {
    name: 'shopifyids',
    label: 'Shopify IDs (all stores)',
    type: 'String',
    // Every store's id of the same person or company: `eu_5000000000123; us_5000000000123`. Ids of 100 characters at
    // most, so 4000 hold some thirty stores.
    maxLength: 4000,
    description:
      'Shopverse: every Shopify store record linked to this row, as <store key>_<legacy id> separated by "; " ' +
      "(Shopify ID holds the first store's, which is the alternate key).",
    tables: ['contact', 'account'],
  },
  {
    name: 'lastcorrelationid',
    label: 'Last sync correlation ID',
    type: 'String',
    maxLength: 36,
    description: 'Shopverse: the correlation id of the last sync that wrote this row; search it in the console.',
    tables: SYNC_TABLES,
  },
  {
    name: 'orderscount',
    label: 'Shopify orders count',
    type: 'Integer',
    minValue: 0,
    maxValue: INTEGER_MAX,
    description: "Shopverse: the number of orders the customer has placed in the Shopify store (Shopify's count).",
    tables: ['contact'],
  },
  {
    name: 'amountspent',
    label: 'Shopify amount spent',
    type: 'Decimal',
    precision: 2,
    // The whole documented range rather than zero upwards: a mirror of Shopify's figure, not a check on it.
    minValue: -DECIMAL_LIMIT,
    maxValue: DECIMAL_LIMIT,
    description: 'Shopverse: the total the customer has spent in the Shopify store, in the currency beside it.',
    tables: ['contact'],
  },
  {
    name: 'amountspentcurrency',
    label: 'Shopify amount spent currency',
    type: 'String',
    maxLength: 3,
    description: 'Shopverse: the ISO 4217 code of the currency of Shopify amount spent (the shop currency).',
    tables: ['contact'],
  },
  {
    name: 'lastorderdate',
    label: 'Shopify last order date',
    type: 'DateTime',
    // An instant (Shopify's createdAt, UTC), so UserLocal: stored in UTC, shown in the reader's time zone.
    behavior: 'UserLocal',
    format: 'DateAndTime',
    description: "Shopverse: when the customer's last Shopify order was created.",
    tables: ['contact'],
  },
  ...ORDER_COLUMNS,
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

/** A metadata label in English (LanguageCode 1033), as the metadata API takes display names. */
export function label(text: string) {
  return {
    '@odata.type': 'Microsoft.Dynamics.CRM.Label',
    LocalizedLabels: [{ '@odata.type': 'Microsoft.Dynamics.CRM.LocalizedLabel', Label: text, LanguageCode: 1033 }],
  };
}

/** The AttributeMetadata body that creates a column (POST EntityDefinitions(...)/Attributes), as Microsoft documents it. */
export function attributeMetadata(column: ColumnSpec, prefix: string): Record<string, unknown> {
  const common = {
    '@odata.type': `Microsoft.Dynamics.CRM.${column.type}AttributeMetadata`,
    AttributeType: column.type,
    AttributeTypeName: { Value: `${column.type}Type` },
    SchemaName: `${prefix}_${column.name}`,
    RequiredLevel: { Value: 'None', CanBeChanged: true },
    DisplayName: label(column.label),
    Description: label(column.description),
  };
  switch (column.type) {
    case 'String':
      return { ...common, MaxLength: column.maxLength, FormatName: { Value: 'Text' } };
    case 'Integer':
      return { ...common, Format: 'None', MinValue: column.minValue, MaxValue: column.maxValue };
    case 'Decimal':
      return { ...common, Precision: column.precision, MinValue: column.minValue, MaxValue: column.maxValue };
    case 'DateTime':
      return { ...common, Format: column.format, DateTimeBehavior: { Value: column.behavior } };
  }
}

/** The type of a table's column (`AttributeType`: String, Integer...), or null when the column (or table) is absent. */
async function columnType(client: DataverseClient, table: string, logical: string): Promise<string | null> {
  try {
    const response = await client.request({
      method: 'GET',
      path: `EntityDefinitions(LogicalName='${table}')/Attributes?$select=LogicalName,AttributeType&$filter=LogicalName eq '${logical}'`,
      idempotent: true,
    });
    const row = (response.body as { value?: { AttributeType?: string }[] } | undefined)?.value?.[0];
    return row ? (row.AttributeType ?? 'unknown') : null;
  } catch (error) {
    if (error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND') return null;
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
 * Creates, idempotently, the columns (our key and correlation id everywhere, the rollups on contacts) and alternate
 * keys the sync relies on, through the metadata API (DATAVERSE.md: schema names start with the publisher's prefix and
 * `_`; key indexes build asynchronously), then waits for each key index to become Active. A dry run only reads and
 * reports what it would change. Running it twice changes nothing the second time; a column of ours that exists with
 * another type is an error a person must resolve, never silently kept.
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
    for (const column of SYNC_COLUMNS.filter((spec) => spec.tables.includes(table))) {
      const logical = `${prefix}_${column.name}`;
      const existing = await columnType(client, table, logical);
      if (existing === column.type) {
        report.present.push(`${table}.${logical}`);
        continue;
      }
      if (existing !== null) {
        // A column's type cannot be changed in place, and every write of ours would fail against it.
        throw new Error(
          `The column ${logical} on ${table} exists as ${existing}, but the sync writes it as ${column.type}. ` +
            'Delete the column in the CRM (after saving its data if needed), then run provisioning again.',
        );
      }
      report.steps.push({ kind: 'create-column', table, column: logical });
      if (report.dryRun) continue;
      await client.request({
        method: 'POST',
        path: `EntityDefinitions(LogicalName='${table}')/Attributes`,
        idempotent: false,
        body: attributeMetadata(column, prefix),
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
    await waitForKey(client, {
      ...options,
      table,
      keyName,
      prefix,
      noteWait: (step) => report.steps.push(step),
      sleep,
    });
  }
  return report;
}

/**
 * Waits for an alternate key's index to become Active (Dataverse builds it asynchronously), noting the wait in the
 * report's steps once; a Failed index means duplicate values, which a person must remove.
 */
export async function waitForKey(
  client: DataverseClient,
  input: {
    table: string;
    keyName: string;
    prefix: string;
    /** Told once, when the index is not Active at first look, so the report can say it was waited for. */
    noteWait: (step: Extract<ProvisioningStep, { kind: 'wait-for-key' }>) => void;
    sleep: (ms: number) => Promise<void>;
    pollMs?: number;
    maxWaitMs?: number;
  },
): Promise<void> {
  const { table, keyName, prefix } = input;
  const maxWaitMs = input.maxWaitMs ?? 10 * 60_000;
  const deadline = Date.now() + maxWaitMs;
  for (let told = false; ; told = true) {
    const current = await readKey(client, table, keyName);
    if (current?.EntityKeyIndexStatus === 'Active') return;
    if (current?.EntityKeyIndexStatus === 'Failed') {
      throw new Error(
        `The alternate key ${keyName} on ${table} failed to build: duplicate ${prefix}_shopifyid values exist. ` +
          'Remove the duplicates in the CRM, then reactivate the key (or run provisioning again).',
      );
    }
    if (Date.now() > deadline) {
      throw new Error(
        `The alternate key ${keyName} on ${table} is still ${current?.EntityKeyIndexStatus ?? 'missing'} after ` +
          `${maxWaitMs} ms; run provisioning again later to wait for it.`,
      );
    }
    if (!told)
      input.noteWait({ kind: 'wait-for-key', table, key: keyName, status: current?.EntityKeyIndexStatus ?? 'missing' });
    await input.sleep(input.pollMs ?? 1000);
  }
}
