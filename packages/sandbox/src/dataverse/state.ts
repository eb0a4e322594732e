import { badRequest, DataverseError, invalidTransition, recordNotFound } from './errors';
import { isJsonObject, JsonNumber, type JsonValue } from './json';
import { isLookup, type StoredValue } from './store';
import { tableByName, timestamp, type OrgContext } from './context';
import { resolveBind } from './writes/payload';
import { createRow } from './writes/write-ops';

/**
 * The salesorder state machine and its messages. States and statuses come from the reference (sales_Order.cdm.json
 * options, xrmmockup default map): 0 Active (1 New, 2 Pending), 1 Submitted (3 In Progress), 2 Canceled (4 No
 * Money), 3 Fulfilled (100001 Complete, 100002 Partial), 4 Invoiced (100003).
 *  - FulfillSalesOrder {OrderClose:{…,"salesorderid@odata.bind":"/salesorders(id)"},Status:100001} -> state 3
 *  - CancelSalesOrder  {OrderClose:{…},Status:4}                                                  -> state 2
 *  - ConvertSalesOrderToInvoice {SalesOrderId:"id",ColumnSet:{…}}                                -> state 4
 * (DATAVERSE.md; FulfillSalesOrder Action reference: OrderClose is an orderclose entity, Status an Edm.Int32, -1 =
 * the state's default status.) Fulfil and cancel create the orderclose activity, completed.
 */

const FULFILLED = 3;
const CANCELED = 2;
const INVOICED = 4;
/** Active and Submitted orders can be closed. */
const OPEN_STATES = new Set([0, 1]);

function statusFor(context: OrgContext, state: number, status: JsonValue | undefined): number {
  const table = tableByName(context, 'salesorder');
  if (!(status instanceof JsonNumber) || !/^-?\d+$/.test(status.text))
    throw badRequest("The parameter 'Status' is missing or not an Edm.Int32.", '0x80040203');
  const value = Number(status.text);
  if (value === -1) return table.defaultStatusByState[String(state)] ?? -1;
  const option = table.columns.get('statuscode')?.options?.find((item) => item.value === value);
  if (option?.state !== state) throw invalidTransition('salesorder', state, value);
  return value;
}

function closeOrder(
  context: OrgContext,
  orderId: string,
  state: number,
  status: number,
  extra: Record<string, StoredValue>,
): void {
  const order = context.store.get('salesorder', orderId);
  if (!order) throw recordNotFound('salesorder', orderId);
  const current = Number(order.values.statecode);
  if (!OPEN_STATES.has(current)) throw invalidTransition('salesorder', state, status);
  context.store.update('salesorder', orderId, {
    statecode: state,
    statuscode: status,
    modifiedon: timestamp(context),
    ...extra,
  });
  for (const line of context.store.all('salesorderdetail')) {
    if (isLookup(line.values.salesorderid) && line.values.salesorderid.id === orderId) {
      context.store.update('salesorderdetail', line.id, { salesorderstatecode: state });
    }
  }
}

/** FulfillSalesOrder / CancelSalesOrder. */
export function closeSalesOrder(
  context: OrgContext,
  action: 'FulfillSalesOrder' | 'CancelSalesOrder',
  body: JsonValue,
): void {
  if (!isJsonObject(body) || !isJsonObject(body.OrderClose))
    throw badRequest("The parameter 'OrderClose' is missing.", '0x80040203');
  const orderClose = body.OrderClose;
  const bind = orderClose['salesorderid@odata.bind'];
  if (typeof bind !== 'string') throw badRequest("OrderClose needs 'salesorderid@odata.bind'.", '0x80040203');
  const order = resolveBind(context, bind, 'salesorder');
  const state = action === 'FulfillSalesOrder' ? FULFILLED : CANCELED;
  const status = statusFor(context, state, body.Status);
  const current = Number(context.store.get('salesorder', order.id)?.values.statecode);
  if (!OPEN_STATES.has(current)) throw invalidTransition('salesorder', state, status);
  const closeBody: Record<string, JsonValue> = { ...orderClose };
  delete closeBody['@odata.type'];
  const closeTable = tableByName(context, 'orderclose');
  // The activity is recorded completed (orderclose state 1, status 2: sales_OrderClose.cdm.json).
  createRow(
    context,
    closeTable,
    closeBody,
    { detectDuplicates: false },
    { statecode: 1, statuscode: 2, actualend: timestamp(context) },
  );
  closeOrder(context, order.id, state, status, state === FULFILLED ? { datefulfilled: timestamp(context) } : {});
}

/** ConvertSalesOrderToInvoice: the order becomes Invoiced. No invoice table is simulated; the response names the
 * invoice the message would have created. */
export function convertToInvoice(context: OrgContext, body: JsonValue, origin: string): Record<string, unknown> {
  if (!isJsonObject(body) || typeof body.SalesOrderId !== 'string')
    throw badRequest("The parameter 'SalesOrderId' is missing.", '0x80040203');
  const orderId = body.SalesOrderId.toLowerCase();
  const order = context.store.get('salesorder', orderId);
  if (!order) throw recordNotFound('salesorder', orderId);
  const status = tableByName(context, 'salesorder').defaultStatusByState[String(INVOICED)];
  if (status === undefined) throw new DataverseError(500, '0x80040216', 'No default status for the Invoiced state.');
  closeOrder(context, orderId, INVOICED, status, {});
  return {
    '@odata.context': `${origin}/api/data/v9.2/$metadata#invoices/$entity`,
    invoiceid: context.newId(),
    name: order.values.name ?? null,
    _salesorderid_value: orderId,
  };
}
