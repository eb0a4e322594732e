import {
  DataverseError,
  duplicateDetected,
  duplicateKey,
  invalidTransition,
  orderReadOnly,
  requiredMissing,
  stateNeedsMessage,
} from '../errors';
import type { TableDef } from '../metadata/types';
import { baseAmounts, currencyPrecision, lineAmounts, recalculateOrder } from '../pricing';
import { isLookup, type Row, type StoredValue } from '../store';
import { timestamp, type OrgContext } from '../context';
import { keyClash } from '../key-index';
import { ownNewRow, ownUpdatedRow } from './ownership';

/**
 * The platform's rules around writes: defaults and SystemRequired columns, state/status pairs, alternate key
 * uniqueness, duplicate detection, and the sales rules (an order is editable only while Active; its lines carry
 * computed amounts and roll up into its totals, pricing.ts).
 */

/** Columns the platform fills itself, so that their SystemRequired level does not fall on the caller. */
const SYSTEM_FILLED = new Set([
  'statecode',
  'statuscode',
  'ownerid',
  'organizationid',
  'ordernumber',
  'createdon',
  'modifiedon',
  'versionnumber',
  'producttypecode',
  'propertyconfigurationstatus',
  'productstructure',
  'isdocument',
  'salesorderstatecode',
  'salesorderispricelocked',
  'exchangerate',
  'transactioncurrencyid',
]);

/** Dataverse's defaults for those (CDM option lists: producttypecode 1 Product, propertyconfigurationstatus 2 Not
 * Configured, productstructure 1 Product). */
const DEFAULTS: Record<string, StoredValue> = {
  producttypecode: 1,
  propertyconfigurationstatus: 2,
  productstructure: 1,
  isdocument: false,
  ispricelocked: false,
};

const ACTIVE = 0;

/** The message that closes an order in a given state (salesorder states 2 Canceled, 3 Fulfilled, 4 Invoiced). */
function closingMessage(state: number): DataverseError | undefined {
  const request = {
    2: ['Canceled', 'CancelSalesOrderRequest'],
    3: ['Fulfilled', 'FulfillSalesOrderRequest'],
    4: ['Invoiced', 'ConvertSalesOrderToInvoiceRequest'],
  }[state];
  return request ? stateNeedsMessage('SalesOrder', request[0] ?? '', request[1] ?? '') : undefined;
}

/** Sets statuscode from statecode (or checks the pair), using the reference state map. */
function applyState(
  table: TableDef,
  current: Record<string, StoredValue> | undefined,
  changes: Record<string, StoredValue>,
): void {
  const status = table.columns.get('statuscode');
  if (!status || !table.columns.has('statecode')) return;
  const state =
    typeof changes.statecode === 'number'
      ? changes.statecode
      : typeof current?.statecode === 'number'
        ? current.statecode
        : ACTIVE;
  if (changes.statecode !== undefined && changes.statuscode === undefined) {
    changes.statuscode = table.defaultStatusByState[String(state)] ?? null;
    return;
  }
  if (typeof changes.statuscode === 'number') {
    const option = status.options?.find((item) => item.value === changes.statuscode);
    if (option?.state !== undefined && option.state !== state)
      throw invalidTransition(table.logicalName, state, changes.statuscode);
    if (changes.statecode === undefined && current === undefined) changes.statecode = state;
  }
}

/** An order's state; closed orders refuse edits (DATAVERSE.md: only active orders can be edited). */
function requireActiveOrder(context: OrgContext, orderId: string): Row {
  const order = context.store.get('salesorder', orderId);
  if (!order) throw new DataverseError(404, '0x80040217', `salesorder With Id = ${orderId} Does Not Exist`);
  if (order.values.statecode !== ACTIVE) throw orderReadOnly();
  return order;
}

function checkKeys(context: OrgContext, table: TableDef, id: string, values: Record<string, StoredValue>): void {
  for (const key of table.keys) {
    if (key.status !== 'Active') continue;
    if (keyClash(context, table, key, id, values)) {
      const text = key.keyAttributes.map((name) => {
        const value = values[name];
        return `${name}:${isLookup(value) ? value.id : String(value)}`;
      });
      throw duplicateKey(table.logicalName, text.join(','));
    }
  }
}

/** Duplicate detection rules of a default org ("Contacts with the same e-mail address", "Accounts with the same
 * Account Name"), run only when the request asks with `MSCRM.SuppressDuplicateDetection: false`
 * (manage-duplicate-detection-create-update; mslearn-examples/error_duplicate_detection_0x80040333.json). */
function detectDuplicates(context: OrgContext, table: TableDef, id: string, values: Record<string, StoredValue>): void {
  const column =
    table.logicalName === 'contact' ? 'emailaddress1' : table.logicalName === 'account' ? 'name' : undefined;
  const value = column ? values[column] : undefined;
  if (!column || typeof value !== 'string') return;
  const duplicate = context.store
    .all(table.logicalName)
    .some(
      (row) =>
        row.id !== id &&
        typeof row.values[column] === 'string' &&
        row.values[column].toLowerCase() === value.toLowerCase(),
    );
  if (duplicate) throw duplicateDetected();
}

/** Per-request write options: duplicate detection runs only when the request asks for it. */
export interface WriteOptions {
  detectDuplicates: boolean;
}

function baseCurrency(context: OrgContext): StoredValue {
  const first = context.store.all('transactioncurrency')[0];
  return first ? { kind: 'lookup', table: 'transactioncurrency', id: first.id } : null;
}

/** Completes a new row's values (defaults, system columns, computed amounts) and checks them. */
export function prepareCreate(
  context: OrgContext,
  table: TableDef,
  id: string,
  values: Record<string, StoredValue>,
  options: WriteOptions,
): Record<string, StoredValue> {
  const now = timestamp(context);
  const result: Record<string, StoredValue> = { createdon: now, modifiedon: now };
  // Every row is created and modified by the caller, and owned by it unless the request names another owner
  // (frodata/leads.json: _ownerid_value, _createdby_value; ownership.ts).
  const user: StoredValue = { kind: 'lookup', table: 'systemuser', id: context.userId };
  for (const name of ['createdby', 'modifiedby']) if (table.columns.has(name)) result[name] = user;
  for (const [name, value] of Object.entries(DEFAULTS)) if (table.columns.has(name)) result[name] = value;
  Object.assign(result, values);
  if (table.columns.has('ownerid')) result.ownerid ??= user;
  ownNewRow(context, table, result);
  if (table.columns.has('statecode')) {
    if (table.logicalName === 'salesorder' && result.statecode !== undefined && result.statecode !== ACTIVE) {
      throw (
        closingMessage(Number(result.statecode)) ??
        invalidTransition(table.logicalName, Number(result.statecode), Number(result.statuscode ?? -1))
      );
    }
    if (result.statecode === undefined && result.statuscode === undefined) result.statecode = ACTIVE;
    applyState(table, undefined, result);
  }
  if (table.logicalName === 'salesorder') prepareOrder(context, result);
  if (table.logicalName === 'salesorderdetail') prepareLine(context, undefined, result);
  if (table.logicalName === 'contact' || table.logicalName === 'systemuser') composeFullName(undefined, result);
  if (table.logicalName === 'productpricelevel') preparePriceListItem(context, result);
  for (const column of table.columns.values()) {
    if (
      column.requiredLevel !== 'SystemRequired' ||
      column.logicalName === table.primaryIdAttribute ||
      SYSTEM_FILLED.has(column.logicalName)
    )
      continue;
    const value = result[column.logicalName];
    if (value === undefined || value === null) throw requiredMissing(column.logicalName, table.logicalName);
  }
  Object.assign(result, baseAmounts(context, table, result));
  checkKeys(context, table, id, result);
  if (options.detectDuplicates) detectDuplicates(context, table, id, result);
  return result;
}

/** Checks and completes an update of an existing row. */
export function prepareUpdate(
  context: OrgContext,
  table: TableDef,
  row: Row,
  changes: Record<string, StoredValue>,
  options: WriteOptions,
): Record<string, StoredValue> {
  const result: Record<string, StoredValue> = { ...changes, modifiedon: timestamp(context) };
  if (table.columns.has('modifiedby')) result.modifiedby = { kind: 'lookup', table: 'systemuser', id: context.userId };
  ownUpdatedRow(context, table, row.values, result);
  if (table.logicalName === 'salesorder') {
    if (row.values.statecode !== ACTIVE) throw orderReadOnly();
    const state = result.statecode;
    // Fulfilled, Canceled and Invoiced are reached only through their messages (FulfillSalesOrder, ...).
    if (typeof state === 'number' && state !== ACTIVE && state !== 1)
      throw closingMessage(state) ?? invalidTransition(table.logicalName, state, Number(result.statuscode ?? -1));
  }
  applyState(table, row.values, result);
  if (table.logicalName === 'salesorderdetail') prepareLine(context, row.values, result);
  if (table.logicalName === 'contact' || table.logicalName === 'systemuser') composeFullName(row.values, result);
  Object.assign(result, baseAmounts(context, table, { ...row.values, ...result }));
  const merged = { ...row.values, ...result };
  for (const column of table.columns.values()) {
    if (
      column.requiredLevel === 'SystemRequired' &&
      column.logicalName in changes &&
      (changes[column.logicalName] ?? null) === null &&
      !SYSTEM_FILLED.has(column.logicalName)
    ) {
      throw requiredMissing(column.logicalName, table.logicalName);
    }
  }
  checkKeys(context, table, row.id, merged);
  if (options.detectDuplicates) detectDuplicates(context, table, row.id, merged);
  return result;
}

/** contact.fullname and systemuser.fullname are composed by the platform from the name parts (the default "First
 * Last" format; an application user is "# <app name>": first name "#"). */
function composeFullName(current: Record<string, StoredValue> | undefined, changes: Record<string, StoredValue>): void {
  if (!('firstname' in changes) && !('lastname' in changes) && !('middlename' in changes) && current !== undefined)
    return;
  const merged = { ...current, ...changes };
  const parts = [merged.firstname, merged.middlename, merged.lastname].filter(
    (part): part is string => typeof part === 'string',
  );
  changes.fullname = parts.length > 0 ? parts.join(' ') : null;
}

/** A price list item is in its price list's currency and its unit's group. */
function preparePriceListItem(context: OrgContext, values: Record<string, StoredValue>): void {
  if (isLookup(values.pricelevelid)) {
    values.transactioncurrencyid =
      context.store.get('pricelevel', values.pricelevelid.id)?.values.transactioncurrencyid ?? null;
  }
  if (isLookup(values.uomid))
    values.uomscheduleid = context.store.get('uom', values.uomid.id)?.values.uomscheduleid ?? null;
}

function prepareOrder(context: OrgContext, values: Record<string, StoredValue>): void {
  values.transactioncurrencyid ??= baseCurrency(context);
  if (values.ordernumber === undefined || values.ordernumber === null) {
    // Dynamics' auto-number format for orders: ORD-<5 digits>-<6 characters>.
    const count = context.store.all('salesorder').length + 1001;
    values.ordernumber = `ORD-${String(count).padStart(5, '0')}-${context.newId().slice(0, 6).toUpperCase()}`;
  }
  const priceList = values.pricelevelid;
  const currency = values.transactioncurrencyid;
  if (isLookup(priceList) && isLookup(currency)) {
    const listCurrency = context.store.get('pricelevel', priceList.id)?.values.transactioncurrencyid;
    // DATAVERSE.md: the order's price list must be in the order's currency.
    if (isLookup(listCurrency) && listCurrency.id !== currency.id) {
      throw new DataverseError(
        400,
        '0x80040203',
        'The currency of the price list does not match the currency of the order.',
      );
    }
  }
  for (const total of [
    'totallineitemamount',
    'totallineitemdiscountamount',
    'totaldiscountamount',
    'totalamountlessfreight',
    'totaltax',
    'totalamount',
  ]) {
    values[total] = '0.0000';
  }
}

function prepareLine(
  context: OrgContext,
  current: Record<string, StoredValue> | undefined,
  changes: Record<string, StoredValue>,
): void {
  const merged = { ...current, ...changes };
  const parent = merged.salesorderid;
  if (!isLookup(parent)) throw requiredMissing('salesorderid', 'salesorderdetail');
  const order = requireActiveOrder(context, parent.id);
  if (merged.productid === undefined || merged.productid === null) {
    if (merged.isproductoverridden !== true || typeof merged.productdescription !== 'string') {
      throw new DataverseError(
        400,
        '0x80040203',
        'Either productid, or isproductoverridden=true with productdescription, is required on an order line.',
      );
    }
  } else if (!isLookup(merged.uomid)) {
    throw requiredMissing('uomid', 'salesorderdetail');
  }
  if (merged.ispriceoverridden !== true && isLookup(merged.productid) && isLookup(order.values.pricelevelid)) {
    const product = merged.productid;
    const priceList = order.values.pricelevelid;
    const uom = merged.uomid;
    const item = context.store.all('productpricelevel').find((row) => {
      const values = row.values;
      return (
        isLookup(values.productid) &&
        values.productid.id === product.id &&
        isLookup(values.pricelevelid) &&
        values.pricelevelid.id === priceList.id &&
        isLookup(values.uomid) &&
        isLookup(uom) &&
        values.uomid.id === uom.id
      );
    });
    // With system pricing the price list sets the price unless the line overrides it.
    if (item && typeof item.values.amount === 'string') changes.priceperunit = item.values.amount;
  }
  changes.transactioncurrencyid = order.values.transactioncurrencyid ?? null;
  changes.salesorderstatecode = order.values.statecode ?? ACTIVE;
  changes.salesorderispricelocked = order.values.ispricelocked ?? false;
  Object.assign(
    changes,
    lineAmounts({ ...merged, ...changes }, currencyPrecision(context, order.values.transactioncurrencyid)),
  );
}

/** Checks a delete. */
export function prepareDelete(context: OrgContext, table: TableDef, row: Row): void {
  if (table.logicalName === 'salesorderdetail' && isLookup(row.values.salesorderid))
    requireActiveOrder(context, row.values.salesorderid.id);
}

/** Roll-ups after a write or delete. */
export function afterWrite(
  context: OrgContext,
  table: TableDef,
  values: Record<string, StoredValue>,
  id: string,
): void {
  if (table.logicalName === 'salesorder') recalculateOrder(context, id);
  if (table.logicalName === 'salesorderdetail' && isLookup(values.salesorderid))
    recalculateOrder(context, values.salesorderid.id);
}
