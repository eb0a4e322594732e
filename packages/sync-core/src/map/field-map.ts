import type { ShopifyCompany } from '../models/company';
import type { ShopifyCustomer } from '../models/customer';
import type { ShopifyOrder } from '../models/order';
import { fit } from './map-address';

/** The CRM rows a store's field map can add columns to: a customer's contact, a B2B company's account, an order. */
export type FieldMapEntity = 'contact' | 'account' | 'salesorder';

export const FIELD_MAP_ENTITIES: readonly FieldMapEntity[] = ['contact', 'account', 'salesorder'];

/** One mapping of the field map: a Shopify source field (from the catalogue) written to a CRM column. */
export interface FieldMapEntry {
  /** A key of the entity's catalogue, e.g. `note`. */
  source: string;
  /** The CRM column's logical name, e.g. `new_loyaltynote`. */
  column: string;
}

/** The kind of value a source gives; checked against the column's AttributeType before the settings are saved. */
export type FieldSourceType = 'string' | 'number' | 'boolean' | 'datetime';

/** One Shopify field a store may map to a CRM column of its own choosing. */
export interface FieldSource<T, V> {
  /** What it is, for the console. */
  label: string;
  type: FieldSourceType;
  /**
   * For strings, the longest value this source writes: longer values are cut to it, with a warning, so a column that
   * holds at least this many characters always takes the value whole.
   */
  maxLength?: number;
  read: (record: T) => V;
}

type Text = string | null;

/** The longest tag list we write: Shopify's own limits allow far longer lists, so longer ones are cut. */
const TAGS_LENGTH = 2000;

const joinedTags = (tags: string[]): Text => (tags.length > 0 ? tags.join(', ') : null);

/** What a customer offers beyond the columns the sync always writes (map-contact.ts). */
export const CUSTOMER_SOURCES: Record<string, FieldSource<ShopifyCustomer, string | number | null>> = {
  note: { label: 'Note about the customer', type: 'string', maxLength: 5000, read: (c) => c.note },
  tags: { label: 'Tags, comma separated', type: 'string', maxLength: TAGS_LENGTH, read: (c) => joinedTags(c.tags) },
  state: {
    label: 'Account state (DISABLED, INVITED, ENABLED, DECLINED)',
    type: 'string',
    maxLength: 8,
    read: (c) => c.state,
  },
  createdAt: { label: 'When the customer was created', type: 'datetime', read: (c) => c.createdAt },
  addressCount: { label: 'Number of addresses', type: 'number', read: (c) => c.addresses.length },
};

/** What a B2B company offers beyond the account's columns the sync writes (map-account.ts). */
export const COMPANY_SOURCES: Record<string, FieldSource<ShopifyCompany, string | null>> = {
  note: { label: 'Note about the company', type: 'string', maxLength: 5000, read: (c) => c.note },
  externalId: { label: 'External id', type: 'string', maxLength: 64, read: (c) => c.externalId },
  createdAt: { label: 'When the company was created', type: 'datetime', read: (c) => c.createdAt },
};

/** What an order offers beyond the sales order's columns the sync writes (map-order.ts). */
export const ORDER_SOURCES: Record<string, FieldSource<ShopifyOrder, string | number | boolean | null>> = {
  name: { label: 'Order name, e.g. #1042', type: 'string', maxLength: 255, read: (o) => o.name },
  email: { label: 'Email given with the order', type: 'string', maxLength: 254, read: (o) => o.email },
  phone: { label: 'Phone given with the order', type: 'string', maxLength: 50, read: (o) => o.phone },
  tags: { label: 'Tags, comma separated', type: 'string', maxLength: TAGS_LENGTH, read: (o) => joinedTags(o.tags) },
  poNumber: { label: 'Purchase order number', type: 'string', maxLength: 255, read: (o) => o.poNumber },
  sourceName: { label: 'Sales channel (web, pos, …)', type: 'string', maxLength: 255, read: (o) => o.sourceName },
  financialStatus: { label: 'Financial status', type: 'string', maxLength: 30, read: (o) => o.financialStatus },
  fulfillmentStatus: { label: 'Fulfilment status', type: 'string', maxLength: 30, read: (o) => o.fulfillmentStatus },
  cancelReason: { label: 'Why it was cancelled', type: 'string', maxLength: 30, read: (o) => o.cancelReason },
  createdAt: { label: 'When the order was created', type: 'datetime', read: (o) => o.createdAt },
  processedAt: { label: 'When the order was processed', type: 'datetime', read: (o) => o.processedAt },
  cancelledAt: { label: 'When the order was cancelled', type: 'datetime', read: (o) => o.cancelledAt },
  closedAt: { label: 'When the order was closed', type: 'datetime', read: (o) => o.closedAt },
  test: { label: 'A test order', type: 'boolean', read: (o) => o.test },
  taxesIncluded: { label: 'Prices include taxes', type: 'boolean', read: (o) => o.taxesIncluded },
  lineItemCount: { label: 'Number of line items', type: 'number', read: (o) => o.lineItems.length },
};

/** The catalogue of each entity, for validation and the console. */
export const FIELD_SOURCES: Record<FieldMapEntity, Record<string, Omit<FieldSource<never, unknown>, 'read'>>> = {
  contact: CUSTOMER_SOURCES,
  account: COMPANY_SOURCES,
  salesorder: ORDER_SOURCES,
};

const ADDRESS_SUFFIXES = ['line1', 'line2', 'line3', 'city', 'stateorprovince', 'postalcode', 'country'];
const slot = (name: string, extra: string[] = []) => [...ADDRESS_SUFFIXES, ...extra].map((part) => `${name}_${part}`);

/**
 * The columns (lookups by their own name, without `@odata.bind`) the sync itself writes or that Dynamics sets, per
 * entity: the field map may not write them too, or the two would overwrite each other on every sync. A test maps
 * full records and checks every column they write is listed here.
 */
export const SYNC_WRITTEN_COLUMNS: Record<FieldMapEntity, readonly string[]> = {
  contact: [
    'contactid',
    'firstname',
    'lastname',
    'fullname',
    'emailaddress1',
    'telephone1',
    ...slot('address1'),
    'parentcustomerid',
    'statecode',
    'statuscode',
  ],
  account: [
    'accountid',
    'name',
    'accountnumber',
    'description',
    ...slot('address1'),
    ...slot('address2'),
    'parentaccountid',
    'statecode',
    'statuscode',
  ],
  salesorder: [
    'salesorderid',
    'name',
    'transactioncurrencyid',
    'pricelevelid',
    'customerid',
    'discountamount',
    'freightamount',
    ...slot('billto', ['name', 'contactname']),
    ...slot('shipto', ['name', 'contactname']),
    'description',
    'statecode',
    'statuscode',
  ],
};

/** One thing wrong with a field map, by its path in the settings (`fieldMap.contact.0.column`). */
export interface FieldMapProblem {
  path: string;
  message: string;
}

const LOGICAL_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * What is wrong with a field map without asking the CRM: a source not in the catalogue, a column that is not a
 * logical name, one the sync already writes, one of our own (`<prefix>_`) columns, or a column mapped twice.
 */
export function fieldMapProblems(fieldMap: Record<FieldMapEntity, FieldMapEntry[]>, prefix: string): FieldMapProblem[] {
  const problems: FieldMapProblem[] = [];
  for (const entity of FIELD_MAP_ENTITIES) {
    const seen = new Set<string>();
    fieldMap[entity].forEach((entry, index) => {
      const path = `fieldMap.${entity}.${index}`;
      if (!Object.hasOwn(FIELD_SOURCES[entity], entry.source)) {
        problems.push({
          path: `${path}.source`,
          message: `"${entry.source}" is not a ${entity} source; one of ${Object.keys(FIELD_SOURCES[entity]).join(', ')}`,
        });
      }
      const column = entry.column;
      if (!LOGICAL_NAME.test(column)) {
        problems.push({
          path: `${path}.column`,
          message: `"${column}" is not a column's logical name (lower case letters, digits and _, e.g. new_note)`,
        });
      } else if (SYNC_WRITTEN_COLUMNS[entity].includes(column)) {
        problems.push({
          path: `${path}.column`,
          message: `the sync already writes ${entity}.${column}; map onto another column`,
        });
      } else if (column.startsWith(`${prefix}_`)) {
        problems.push({
          path: `${path}.column`,
          message: `${column} is one of Shopverse's own ${prefix}_ columns (keys and bookkeeping); map onto another column`,
        });
      } else if (seen.has(column)) {
        problems.push({ path: `${path}.column`, message: `${entity}.${column} is mapped twice` });
      }
      seen.add(column);
    });
  }
  return problems;
}

/**
 * The field map's columns of one record, as the mapper adds them to its row: strings cut to the source's length
 * (with a warning), a missing value written as null (the CRM mirrors Shopify). Sources the catalogue does not know
 * were refused when the settings were saved; they are skipped here with a warning rather than failing the record.
 */
export function fieldMapColumns<T, V>(
  sources: Record<string, FieldSource<T, V>>,
  record: T,
  entries: readonly FieldMapEntry[] | undefined,
  warnings: string[],
): Record<string, V | string | null> {
  const row: Record<string, V | string | null> = {};
  for (const entry of entries ?? []) {
    const source = Object.hasOwn(sources, entry.source) ? sources[entry.source] : undefined;
    if (!source) {
      warnings.push(`field map: "${entry.source}" is not a source; ${entry.column} not written`);
      continue;
    }
    const value = source.read(record);
    row[entry.column] =
      typeof value === 'string' && source.maxLength !== undefined
        ? fit(entry.column, value, source.maxLength, warnings)
        : value;
  }
  return row;
}
