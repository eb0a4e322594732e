import type { DataverseClient } from './client';
import { DataverseApiError } from './errors';
import { attributeMetadata, type ColumnSpec, label, type ProvisioningStep, waitForKey } from './provisioning';

/**
 * The custom tables an order can go to instead of salesorder (issue 7, `orders.target: 'custom'`): the order, its
 * lines and its refunds, each with our key and correlation id, created through the metadata API the way provisioning.ts
 * creates our columns on the standard tables.
 */

/** Logical names of the three tables (the store settings' `orders.customTables`, plus the refund table). */
export interface OrderTableNames {
  order: string;
  line: string;
  refund: string;
}

/** The names the settings default to. */
export const DEFAULT_ORDER_TABLE_NAMES: OrderTableNames = {
  order: 'sv_shopifyorder',
  line: 'sv_shopifyorderline',
  refund: 'sv_shopifyrefund',
};

/** ColumnSpec without the tables it goes on (each table below lists its own), one type per member of the union. */
type Unplaced<T> = T extends unknown ? Omit<T, 'tables'> : never;

/**
 * A column of a custom table: the types provisioning.ts creates, and Memo (multiline text) for what has no fixed
 * shape, such as a refund's lines.
 */
export type TableColumnSpec =
  Unplaced<ColumnSpec> | { name: string; label: string; description: string; type: 'Memo'; maxLength: number };

/**
 * A lookup created with its one-to-many relationship. `parental` cascades everything from the referenced row (deleting
 * an order deletes its lines); `referential` keeps our rows when the referenced one goes (the lookup is cleared).
 */
export interface LookupSpec {
  /** Without the prefix: `orderid` becomes `sv_orderid`, which is also its navigation property for `@odata.bind`. */
  name: string;
  label: string;
  description: string;
  /** Logical name of the table it points at. */
  referenced: string;
  behavior: 'parental' | 'referential';
}

/** One custom table: its primary name column, its other columns and its lookups. */
export interface TableSpec {
  logicalName: string;
  label: string;
  pluralLabel: string;
  description: string;
  /** MaxLength of the primary name column `<prefix>_name`. */
  nameLength: number;
  /** Whether notes can be attached (HasNotes): the timeline entries the sync writes on an order. */
  hasNotes: boolean;
  columns: TableColumnSpec[];
  lookups: LookupSpec[];
}

/** What the provisioning of the order tables does, beside the column and key steps of provisioning.ts. */
export type OrderTablesStep =
  | { kind: 'create-table'; table: string }
  | { kind: 'create-relationship'; table: string; relationship: string; column: string; referenced: string }
  | ProvisioningStep;

/** The outcome: ProvisioningReport with the table and relationship steps. */
export interface OrderTablesReport {
  /** What was (or, in a dry run, would be) changed; a dry run lists every step but `wait-for-key`. */
  steps: OrderTablesStep[];
  /** What was already there. */
  present: string[];
  dryRun: boolean;
}

/** Dataverse's ranges: Whole Number is a 32-bit integer, Decimal Number spans plus or minus 100 billion. */
const INTEGER_MAX = 2_147_483_647;
const DECIMAL_LIMIT = 100_000_000_000;

function text(name: string, label: string, maxLength: number, description: string): TableColumnSpec {
  return { name, label, type: 'String', maxLength, description: `Shopverse: ${description}` };
}

function decimal(name: string, label: string, precision: number, description: string): TableColumnSpec {
  // The whole documented range: a mirror of Shopify's figures, not a check on them (refunds can make totals negative).
  return {
    name,
    label,
    type: 'Decimal',
    precision,
    minValue: -DECIMAL_LIMIT,
    maxValue: DECIMAL_LIMIT,
    description: `Shopverse: ${description}`,
  };
}

function instant(name: string, label: string, description: string): TableColumnSpec {
  // Shopify's times are instants in UTC: UserLocal stores them in UTC and shows them in each reader's zone.
  return {
    name,
    label,
    type: 'DateTime',
    behavior: 'UserLocal',
    format: 'DateAndTime',
    description: `Shopverse: ${description}`,
  };
}

/** The key and correlation id every synced row has (DESIGN.md, "Identity and keys"). */
const SYNC_COLUMNS: TableColumnSpec[] = [
  text(
    'shopifyid',
    'Shopify ID',
    100,
    'the Shopify record this row mirrors, as <store key>_<legacy id>. Alternate key.',
  ),
  text(
    'lastcorrelationid',
    'Last sync correlation ID',
    36,
    'the correlation id of the last sync that wrote this row; search it in the console.',
  ),
];

/** The three tables for the given names. */
export function orderTableSpecs(names: OrderTableNames): TableSpec[] {
  return [
    {
      logicalName: names.order,
      label: 'Shopify order',
      pluralLabel: 'Shopify orders',
      description: 'Shopverse: an order of a Shopify store, as Shopify states it.',
      nameLength: 300,
      hasNotes: true,
      columns: [
        ...SYNC_COLUMNS,
        text('ordername', 'Shopify order name', 100, 'the order name as the merchant sees it in Shopify, e.g. #1042.'),
        text('currency', 'Shopify shop currency', 3, "ISO 4217 code of the shop's currency for this order."),
        text(
          'presentmentcurrency',
          'Shopify presentment currency',
          3,
          'ISO 4217 code of the currency the customer paid in.',
        ),
        text('locale', 'Shopify store locale', 35, 'the locale of the store the order was placed in (e.g. de-DE).'),
        text('financialstatus', 'Shopify financial status', 50, "Shopify's financial status (PAID, REFUNDED, ...)."),
        text('fulfillmentstatus', 'Shopify fulfilment status', 50, "Shopify's fulfilment status (FULFILLED, ...)."),
        text(
          'cancelreason',
          'Shopify cancel reason',
          50,
          'why the order was cancelled in Shopify (CUSTOMER, FRAUD, ...).',
        ),
        text('shopifyurl', 'Shopify admin link', 300, "the order's page in the Shopify admin."),
        decimal('subtotal', 'Subtotal', 2, 'the sum of the lines after their discounts, before tax and shipping.'),
        decimal('totaldiscount', 'Total discount', 2, 'the discounts of the order.'),
        decimal('totaltax', 'Total tax', 2, 'the tax of the order.'),
        decimal('freight', 'Shipping', 2, 'the shipping charged.'),
        decimal('total', 'Total', 2, 'what the customer was charged for the order.'),
        decimal('refundedamount', 'Refunded amount', 2, 'the total refunded on the order.'),
        {
          name: 'refundcount',
          label: 'Refunds',
          type: 'Integer',
          minValue: 0,
          maxValue: INTEGER_MAX,
          description: 'Shopverse: how many refunds (including returns without money back) the order has.',
        },
        instant('processedon', 'Processed on', 'when Shopify processed the order.'),
        instant('cancelledon', 'Cancelled on', 'when the order was cancelled in Shopify.'),
        instant('closedon', 'Closed on', 'when the order was closed in Shopify.'),
      ],
      // The buyer as two plain lookups, one per table, of which the mapping fills the one that applies. A Customer
      // (contact-or-account) lookup cannot be made by POST RelationshipDefinitions; Microsoft documents a separate
      // Web API action for it (CreateCustomerRelationships), which the simulated org does not implement, so two
      // lookups are what can be provisioned and tested here.
      lookups: [
        {
          name: 'contactid',
          label: 'Contact',
          description: 'Shopverse: the contact who placed the order.',
          referenced: 'contact',
          behavior: 'referential',
        },
        {
          name: 'accountid',
          label: 'Account',
          description: 'Shopverse: the account (company or guest account) the order is under.',
          referenced: 'account',
          behavior: 'referential',
        },
      ],
    },
    {
      logicalName: names.line,
      label: 'Shopify order line',
      pluralLabel: 'Shopify order lines',
      description: 'Shopverse: a line of a Shopify order.',
      nameLength: 500,
      hasNotes: false,
      columns: [
        ...SYNC_COLUMNS,
        text('sku', 'SKU', 100, 'the SKU of the variant sold.'),
        text('variant', 'Variant', 255, 'the title of the variant sold.'),
        // Quantities are whole in Shopify today; five places leave room for units sold by weight or length.
        decimal('quantity', 'Quantity', 5, 'the quantity ordered.'),
        decimal('unitprice', 'Unit price', 2, 'the price of one unit before discounts.'),
        decimal('discount', 'Discount', 2, 'the discounts allocated to the line.'),
        decimal('tax', 'Tax', 2, 'the tax of the line.'),
        decimal('total', 'Total', 2, 'the line after its discounts and with its tax as the order states it.'),
      ],
      lookups: [
        {
          name: 'orderid',
          label: 'Shopify order',
          description: 'Shopverse: the order of the line; deleting the order deletes its lines.',
          referenced: names.order,
          behavior: 'parental',
        },
      ],
    },
    {
      logicalName: names.refund,
      label: 'Shopify refund',
      pluralLabel: 'Shopify refunds',
      description: 'Shopverse: a refund (or a return without money back) of a Shopify order.',
      nameLength: 300,
      hasNotes: false,
      columns: [
        ...SYNC_COLUMNS,
        decimal('amount', 'Amount', 2, 'the money refunded.'),
        text('currency', 'Currency', 3, 'ISO 4217 code of the currency of the amount.'),
        instant('refundedon', 'Refunded on', 'when the refund was made in Shopify.'),
        {
          name: 'lines',
          label: 'Lines',
          type: 'Memo',
          maxLength: 4000,
          description: 'Shopverse: the refunded lines and what was restocked, as text.',
        },
        text('note', 'Note', 2000, "the staff's note on the refund."),
      ],
      lookups: [
        {
          name: 'orderid',
          label: 'Shopify order',
          description: 'Shopverse: the order refunded; deleting the order deletes its refunds.',
          referenced: names.order,
          behavior: 'parental',
        },
      ],
    },
  ];
}

/** The AttributeMetadata body of a column: provisioning.ts's for the types it knows, Microsoft's Memo body here. */
export function tableColumnMetadata(column: TableColumnSpec, prefix: string): Record<string, unknown> {
  if (column.type !== 'Memo') return attributeMetadata({ ...column, tables: [] }, prefix);
  return {
    '@odata.type': 'Microsoft.Dynamics.CRM.MemoAttributeMetadata',
    AttributeType: 'Memo',
    AttributeTypeName: { Value: 'MemoType' },
    SchemaName: `${prefix}_${column.name}`,
    RequiredLevel: { Value: 'None', CanBeChanged: true },
    DisplayName: label(column.label),
    Description: label(column.description),
    Format: 'TextArea',
    MaxLength: column.maxLength,
  };
}

/** The EntityMetadata body that creates a table with its primary name column (POST EntityDefinitions). */
export function entityMetadata(table: TableSpec, prefix: string): Record<string, unknown> {
  return {
    '@odata.type': 'Microsoft.Dynamics.CRM.EntityMetadata',
    SchemaName: table.logicalName,
    DisplayName: label(table.label),
    DisplayCollectionName: label(table.pluralLabel),
    Description: label(table.description),
    OwnershipType: 'UserOwned',
    IsActivity: false,
    HasActivities: false,
    HasNotes: table.hasNotes,
    Attributes: [
      {
        '@odata.type': 'Microsoft.Dynamics.CRM.StringAttributeMetadata',
        AttributeType: 'String',
        AttributeTypeName: { Value: 'StringType' },
        SchemaName: `${prefix}_name`,
        IsPrimaryName: true,
        RequiredLevel: { Value: 'None', CanBeChanged: true },
        MaxLength: table.nameLength,
        FormatName: { Value: 'Text' },
        DisplayName: label('Name'),
        Description: label(`Shopverse: the name of the ${table.label.toLowerCase()}.`),
      },
    ],
  };
}

/** The schema name of a lookup's relationship: `<prefix>_<referenced>_<referencing>`, without repeating the prefix. */
export function relationshipName(lookup: LookupSpec, table: TableSpec, prefix: string): string {
  const bare = (name: string) => (name.startsWith(`${prefix}_`) ? name.slice(prefix.length + 1) : name);
  return `${prefix}_${bare(lookup.referenced)}_${bare(table.logicalName)}`;
}

/** The OneToManyRelationshipMetadata body that creates a lookup (POST RelationshipDefinitions). */
export function relationshipMetadata(lookup: LookupSpec, table: TableSpec, prefix: string): Record<string, unknown> {
  const logical = `${prefix}_${lookup.name}`;
  const parental = lookup.behavior === 'parental';
  return {
    '@odata.type': 'Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata',
    SchemaName: relationshipName(lookup, table, prefix),
    ReferencedEntity: lookup.referenced,
    ReferencedAttribute: `${lookup.referenced}id`,
    ReferencingEntity: table.logicalName,
    ReferencingEntityNavigationPropertyName: logical,
    AssociatedMenuConfiguration: { Behavior: 'UseCollectionName', Group: 'Details', Order: 10000 },
    // Parental: the lines live and die with their order. Referential: deleting a contact clears the lookup and keeps
    // the order (it is Shopify's record), and merging two contacts moves the orders to the one that survives.
    CascadeConfiguration: parental
      ? {
          Assign: 'Cascade',
          Delete: 'Cascade',
          Merge: 'NoCascade',
          Reparent: 'Cascade',
          Share: 'Cascade',
          Unshare: 'Cascade',
        }
      : {
          Assign: 'NoCascade',
          Delete: 'RemoveLink',
          Merge: 'Cascade',
          Reparent: 'NoCascade',
          Share: 'NoCascade',
          Unshare: 'NoCascade',
        },
    Lookup: {
      '@odata.type': 'Microsoft.Dynamics.CRM.LookupAttributeMetadata',
      AttributeType: 'Lookup',
      AttributeTypeName: { Value: 'LookupType' },
      SchemaName: logical,
      RequiredLevel: { Value: 'None', CanBeChanged: true },
      DisplayName: label(lookup.label),
      Description: label(lookup.description),
    },
  };
}

/** Null when the resource (table, column, key) does not exist. */
async function readOrNull(client: DataverseClient, path: string): Promise<unknown> {
  try {
    return (await client.request({ method: 'GET', path, idempotent: true })).body;
  } catch (error) {
    if (error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND') return null;
    throw error;
  }
}

interface TableRow {
  LogicalName: string;
  HasNotes?: boolean;
}

interface AttributeRow {
  AttributeType?: string;
  Targets?: string[];
}

async function readColumn(client: DataverseClient, table: string, logical: string): Promise<AttributeRow | null> {
  const body = (await readOrNull(
    client,
    `EntityDefinitions(LogicalName='${table}')/Attributes?$select=LogicalName,AttributeType&$filter=LogicalName eq '${logical}'`,
  )) as { value?: AttributeRow[] } | null;
  return body?.value?.[0] ?? null;
}

interface KeyRow {
  LogicalName: string;
  EntityKeyIndexStatus: string;
}

async function readKey(client: DataverseClient, table: string, key: string): Promise<KeyRow | undefined> {
  const body = (await readOrNull(
    client,
    `EntityDefinitions(LogicalName='${table}')/Keys?$select=LogicalName,KeyAttributes,EntityKeyIndexStatus`,
  )) as { value?: KeyRow[] } | null;
  return body?.value?.find((row) => row.LogicalName === key);
}

/** Options of provisionOrderTables. */
export interface OrderTablesOptions {
  /** The publisher's customization prefix of our columns (default `sv`). */
  prefix?: string;
  /** The tables' logical names (default DEFAULT_ORDER_TABLE_NAMES); each must start with a publisher prefix and `_`. */
  names?: OrderTableNames;
  dryRun?: boolean;
  sleep?: (ms: number) => Promise<void>;
  /** How often a building key index is read (default 1 s). */
  pollMs?: number;
  /** How long a key index may take to build (default 10 minutes). */
  maxWaitMs?: number;
}

/**
 * Creates, idempotently, the custom order, line and refund tables (issue 7) with their columns, their lookups (each
 * created with its one-to-many relationship, as Dataverse requires) and the alternate key over `<prefix>_shopifyid`,
 * then waits for each key index to become Active. A dry run only reads and reports what it would change; a second run
 * changes nothing. Something of ours that exists in a shape the sync cannot write (a column of another type, a lookup
 * to another table, an order table without notes) is an error naming it and what to do, never silently kept.
 */
export async function provisionOrderTables(
  client: DataverseClient,
  options: OrderTablesOptions = {},
): Promise<OrderTablesReport> {
  const prefix = options.prefix ?? 'sv';
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const report: OrderTablesReport = { steps: [], present: [], dryRun: options.dryRun ?? false };
  const post = async (path: string, body: Record<string, unknown>): Promise<void> => {
    if (report.dryRun) return;
    await client.request({ method: 'POST', path, idempotent: false, body });
  };

  for (const table of orderTableSpecs(options.names ?? DEFAULT_ORDER_TABLE_NAMES)) {
    const name = table.logicalName;
    const existing = (await readOrNull(
      client,
      `EntityDefinitions(LogicalName='${name}')?$select=LogicalName,PrimaryNameAttribute,HasNotes`,
    )) as TableRow | null;
    const columns: TableColumnSpec[] = [...table.columns];
    if (existing) {
      report.present.push(name);
      if (table.hasNotes && existing.HasNotes === false) {
        throw new Error(
          `The table ${name} exists without notes (HasNotes), but the sync attaches timeline notes to it. ` +
            'Enable "Attachments (including notes)" on the table in the maker portal, then run provisioning again.',
        );
      }
      // A table made by hand may lack our name column or have it as another type: check it like any other.
      columns.unshift({
        name: 'name',
        label: 'Name',
        type: 'String',
        maxLength: table.nameLength,
        description: `Shopverse: the name of the ${table.label.toLowerCase()}.`,
      });
    } else {
      report.steps.push({ kind: 'create-table', table: name });
      await post('EntityDefinitions', entityMetadata(table, prefix));
    }

    for (const column of columns) {
      const logical = `${prefix}_${column.name}`;
      const found = existing ? await readColumn(client, name, logical) : null;
      if (found?.AttributeType === column.type) {
        report.present.push(`${name}.${logical}`);
        continue;
      }
      if (found) {
        // A column's type cannot be changed in place, and every write of ours would fail against it.
        throw new Error(
          `The column ${logical} on ${name} exists as ${found.AttributeType ?? 'unknown'}, but the sync writes it as ` +
            `${column.type}. Delete the column in the CRM (after saving its data if needed), then run provisioning again.`,
        );
      }
      report.steps.push({ kind: 'create-column', table: name, column: logical });
      await post(`EntityDefinitions(LogicalName='${name}')/Attributes`, tableColumnMetadata(column, prefix));
    }

    for (const lookup of table.lookups) {
      const logical = `${prefix}_${lookup.name}`;
      // The whole attribute: Targets belongs to LookupAttributeMetadata, so a $select over all columns cannot name it.
      const found = existing
        ? ((await readOrNull(
            client,
            `EntityDefinitions(LogicalName='${name}')/Attributes(LogicalName='${logical}')`,
          )) as AttributeRow | null)
        : null;
      if (found) {
        if (found.AttributeType !== 'Lookup' || !(found.Targets ?? [lookup.referenced]).includes(lookup.referenced)) {
          throw new Error(
            `The column ${logical} on ${name} exists as ${found.AttributeType ?? 'unknown'}` +
              `${found.Targets ? ` to ${found.Targets.join(', ')}` : ''}, but the sync needs a lookup to ` +
              `${lookup.referenced}. Delete the column (or its relationship) in the CRM, then run provisioning again.`,
          );
        }
        report.present.push(`${name}.${logical} -> ${lookup.referenced}`);
        continue;
      }
      const relationship = relationshipName(lookup, table, prefix);
      report.steps.push({
        kind: 'create-relationship',
        table: name,
        relationship,
        column: logical,
        referenced: lookup.referenced,
      });
      await post('RelationshipDefinitions', relationshipMetadata(lookup, table, prefix));
    }

    const keyName = `${prefix}_shopifyid_key`;
    const key = existing ? await readKey(client, name, keyName) : undefined;
    if (key) {
      report.present.push(`${name} key ${keyName} (${key.EntityKeyIndexStatus})`);
    } else {
      report.steps.push({ kind: 'create-key', table: name, key: keyName, columns: [`${prefix}_shopifyid`] });
      await post(`EntityDefinitions(LogicalName='${name}')/Keys`, {
        SchemaName: keyName,
        DisplayName: label('Shopify ID'),
        KeyAttributes: [`${prefix}_shopifyid`],
      });
    }
    if (report.dryRun) continue;
    await waitForKey(client, {
      ...options,
      table: name,
      keyName,
      prefix,
      noteWait: (step) => report.steps.push(step),
      sleep,
    });
  }
  return report;
}
