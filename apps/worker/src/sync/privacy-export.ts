import { findLink, recordAttempt } from '@shopverse/db';
import { readRow } from './crm-rows';
import type { SyncDeps } from './customer-sync';
import {
  contactExportColumns,
  orderLinksOf,
  ordersOfContact,
  type PrivacyRequest,
  privacyAttempt as attempt,
} from './privacy';

/**
 * `customers/data_request`: what the CRM holds of the customer (the contact's columns the sync writes, its orders'
 * names and ids), kept as an attempt the merchant finds in the console by the data request id or the email, and
 * hands over. With `pipeline.redactPersonalData` the export is withheld from the log and the CRM ids listed instead.
 */
export async function exportCustomerData(deps: SyncDeps, request: PrivacyRequest): Promise<void> {
  const started = performance.now();
  const ctx = await deps.contexts.get(request.storeId);
  const link = request.customerGid
    ? await findLink(deps.db, { storeId: ctx.storeId, shopifyType: 'customer', shopifyGid: request.customerGid })
    : undefined;
  const contact = link
    ? await readRow(
        ctx.dataverse,
        'contact',
        link.crmId,
        contactExportColumns(ctx.settings.fieldMap, ctx.prefix),
        request.correlationId,
      )
    : null;
  const byId = new Map<string, { id: string; name: string | null; shopifyGid: string | null }>();
  const { linked } = await orderLinksOf(deps, request);
  for (const order of linked) byId.set(order.crmId, { id: order.crmId, name: null, shopifyGid: order.shopifyGid });
  if (contact) {
    for (const order of await ordersOfContact(ctx, contact.id, request.correlationId)) {
      byId.set(order.id, { ...order, shopifyGid: byId.get(order.id)?.shopifyGid ?? null });
    }
  }
  const orders = [...byId.values()];
  const withheld = ctx.settings.pipeline.redactPersonalData;
  const contactColumns = contact
    ? Object.fromEntries(Object.entries(contact).filter(([column]) => column !== 'id' && !column.includes('@')))
    : null;
  const email = typeof contact?.emailaddress1 === 'string' ? contact.emailaddress1 : request.email;
  await recordAttempt(
    deps.db,
    attempt(request, ctx, started, {
      // A gid of its own, so the console finds the export by the data request's id.
      shopifyGid: `gid://shopify/DataRequest/${request.dataRequestId ?? '0'}`,
      crmTable: contact ? 'contact' : null,
      crmId: contact?.id ?? null,
      email: email?.toLowerCase() ?? null,
      outcome: 'unchanged',
      request: {
        dataRequestId: request.dataRequestId,
        customerGid: request.customerGid,
        ordersRequested: request.orderGids,
      },
      response: withheld
        ? {
            withheld:
              "the store's sync log keeps no personal data (pipeline.redactPersonalData): read these CRM rows " +
              'and hand their data over',
            contact: contact?.id ?? null,
            orders: orders.map((order) => order.id),
          }
        : {
            contact: contact ? { id: contact.id, columns: contactColumns } : null,
            orders,
            ...(contact ? {} : { note: 'no contact of this customer is in the CRM' }),
          },
    }),
  );
}

/**
 * `shop/redact` (48 hours after the app is uninstalled): logged only. The store's data leaves Shopverse when the
 * store is deleted in the console, a decision a person makes; the CRM's rows are the merchant's own records.
 */
export async function logShopRedact(deps: SyncDeps, request: PrivacyRequest): Promise<void> {
  const started = performance.now();
  const ctx = await deps.contexts.get(request.storeId);
  await recordAttempt(
    deps.db,
    attempt(request, ctx, started, {
      shopifyGid: request.shopGid,
      outcome: 'skipped',
      request: {
        reason:
          "Shopify asks to erase the shop's data: nothing is deleted automatically; delete the store in the " +
          'console to remove its data from Shopverse (the CRM rows stay the merchant’s records)',
      },
    }),
  );
}
