import { DataverseApiError } from '@shopverse/dataverse';
import { dropLink, findLink, type LinkRef, otherLinksToCrmRow, recordAttempt, saveLink } from '@shopverse/db';
import type { EntityLink, NewSyncAttempt } from '@shopverse/db/schema';
import { type CrmValue, type FieldMapSettings, guestCustomer, isPersonalField } from '@shopverse/sync-core';
import { type AttemptScope, isDryRun, syncAttempt, type SyncChain } from './attempts';
import { odataString, queryRows, readRow, upsertByKey } from './crm-rows';
import type { SyncDeps } from './customer-sync';
import type { StoreContext } from './store-context';

/**
 * Shopify's mandatory compliance webhooks (issue 12). Shopify sends them to the app's compliance URLs, signed like
 * every webhook; deliveries repeat, so each step compares the CRM with the end state it wants and writes only the
 * difference: a repeated request finds nothing left to do and logs `unchanged`.
 */
export type PrivacyTopic = 'customers/redact' | 'customers/data_request' | 'shop/redact';

export const PRIVACY_TOPICS: readonly PrivacyTopic[] = ['customers/redact', 'customers/data_request', 'shop/redact'];

/** What a compliance webhook asks, as the delivery router read it from the body (the task's payload). */
export interface PrivacyRequest extends SyncChain {
  storeId: string;
  topic: PrivacyTopic;
  /** `gid://shopify/Shop/<shop_id>`: the subject of the job's lock and log when there is no customer. */
  shopGid: string;
  /** From `customer.id`; null for `shop/redact`. */
  customerGid: string | null;
  /** Shopify's `customer.email`: finds a guest checkout link of the same person. Never written to the log. */
  email: string | null;
  /** `orders_to_redact` or `orders_requested`. */
  orderGids: string[];
  /** `data_request.id` of `customers/data_request`. */
  dataRequestId: string | null;
}

/** Dynamics requires a last name on a contact: an anonymised contact keeps this one. */
export const REDACTED_LASTNAME = 'Redacted';

const ADDRESS_PARTS = ['line1', 'line2', 'line3', 'city', 'stateorprovince', 'postalcode', 'country', 'name'];
const address = (slot: string, extra: string[] = []) => [...ADDRESS_PARTS, ...extra].map((part) => `${slot}_${part}`);

/**
 * The contact's columns that hold the person: what the sync writes (names, email, phone, default address) and what
 * the CRM keeps beside it for a person (mobile phone, the second address), plus the store's field-map columns whose
 * source is personal (a note, an email).
 */
export function contactPersonalColumns(fieldMap: FieldMapSettings): string[] {
  return [
    'firstname',
    'lastname',
    'emailaddress1',
    'telephone1',
    'mobilephone',
    ...address('address1', ['telephone1']),
    ...address('address2', ['telephone1']),
    ...fieldMap.contact.filter((entry) => isPersonalField(entry.source)).map((entry) => entry.column),
  ];
}

/** The sales order's columns that hold the buyer: bill-to and ship-to as the sync writes them, and field-map columns. */
export function orderPersonalColumns(fieldMap: FieldMapSettings): string[] {
  return [
    ...address('billto', ['contactname', 'telephone']),
    ...address('shipto', ['contactname', 'telephone']),
    ...fieldMap.salesorder.filter((entry) => isPersonalField(entry.source)).map((entry) => entry.column),
  ];
}

/** The columns a `customers/data_request` export shows of the contact: what the sync writes there. */
export function contactExportColumns(fieldMap: FieldMapSettings, prefix: string): string[] {
  return [
    'firstname',
    'lastname',
    'emailaddress1',
    'telephone1',
    ...address('address1').filter((column) => column !== 'address1_name'),
    `${prefix}_shopifyid`,
    ...fieldMap.contact.map((entry) => entry.column),
  ];
}

/**
 * The changes that anonymise a row: each personal column that still holds a value is cleared, the contact's last name
 * becomes the placeholder. `only` limits them to the columns this store wrote (a contact shared with another store).
 */
export function anonymisingChanges(
  current: Record<string, unknown>,
  columns: readonly string[],
  only?: (column: string) => boolean,
): Record<string, CrmValue> {
  const changes: Record<string, CrmValue> = {};
  for (const column of columns) {
    const value = current[column];
    if (value === null || value === undefined || value === '') continue;
    if (only && !only(column)) continue;
    if (column === 'lastname') {
      if (value !== REDACTED_LASTNAME) changes.lastname = REDACTED_LASTNAME;
    } else changes[column] = null;
  }
  return changes;
}

/** What every attempt of this module shares; never the personal values, only the column names. */
function attempt(
  request: PrivacyRequest,
  ctx: StoreContext,
  started: number,
  fields: Omit<NewSyncAttempt, 'correlationId' | 'storeId' | 'orgId' | 'direction' | 'attempt' | 'entity'>,
): NewSyncAttempt {
  const scope: AttemptScope = { ...request, ctx };
  return syncAttempt(scope, {
    entity: 'privacy',
    durationMs: Math.round(performance.now() - started),
    ...fields,
    request: { topic: request.topic, ...(fields.request as Record<string, unknown> | undefined) },
  });
}

/** The links of the orders the request names that are in the CRM; the others, by gid. */
async function orderLinksOf(
  deps: SyncDeps,
  request: PrivacyRequest,
): Promise<{ linked: EntityLink[]; absent: string[] }> {
  const linked: EntityLink[] = [];
  const absent: string[] = [];
  for (const shopifyGid of request.orderGids) {
    const link = await findLink(deps.db, { storeId: request.storeId, shopifyType: 'order', shopifyGid });
    if (link) linked.push(link);
    else absent.push(shopifyGid);
  }
  return { linked, absent };
}

/** The guest-checkout link of the request's email, when it points at the customer's contact: the same person. */
async function guestLinkOf(
  deps: SyncDeps,
  request: PrivacyRequest,
  contactId: string,
): Promise<EntityLink | undefined> {
  if (!request.email) return undefined;
  const guest = guestCustomer({
    email: request.email,
    phone: null,
    billingAddress: null,
    shippingAddress: null,
    createdAt: '',
    updatedAt: '',
  });
  if (!guest) return undefined;
  const link = await findLink(deps.db, {
    storeId: request.storeId,
    shopifyType: 'guest_checkout',
    shopifyGid: guest.gid,
  });
  return link?.crmId === contactId ? link : undefined;
}

const refOf = (link: EntityLink): LinkRef => ({
  storeId: link.storeId,
  shopifyType: link.shopifyType,
  shopifyGid: link.shopifyGid,
});

/**
 * Keeps a link to the anonymised row, with what it now holds, so the next sync of the record writes (no content hash)
 * and compares against the anonymised values, never the personal ones, which leave our database too. Its version is
 * the redaction's time: a webhook body older than the redaction is not used; the record is read from Shopify, which
 * has erased the person too.
 */
async function keepRedactedLink(
  deps: SyncDeps,
  request: PrivacyRequest,
  link: EntityLink,
  changes: Record<string, CrmValue>,
): Promise<void> {
  const written = { ...(link.writtenValues ?? {}) };
  for (const [column, value] of Object.entries(changes)) if (column in written) written[column] = value;
  await saveLink(deps.db, {
    ...link,
    ...refOf(link),
    shopifyUpdatedAt: deps.now(),
    contentHash: null,
    writtenValues: written,
    correlationId: request.correlationId,
    now: deps.now(),
  });
}

/** The store's account for orders whose contact was deleted on request (Dynamics needs a customer on every order). */
async function redactedAccount(ctx: StoreContext, correlationId: string): Promise<string> {
  const key = `${ctx.storeKey}_redacted`;
  const [existing] = await queryRows(
    ctx.dataverse,
    'account',
    `${ctx.prefix}_shopifyid eq ${odataString(key)}`,
    [],
    correlationId,
  );
  if (existing) return existing.id;
  const result = await upsertByKey(
    ctx.dataverse,
    'account',
    { [`${ctx.prefix}_shopifyid`]: key },
    {
      name: `Redacted customers (${ctx.storeName})`.slice(0, 160),
      description: 'Shopverse: orders whose contact was deleted on a customers/redact request.',
      [`${ctx.prefix}_lastcorrelationid`]: correlationId,
    },
    correlationId,
  );
  return result.id;
}

interface CrmOrderRow {
  id: string;
  name: string | null;
  statecode: number;
}

/** The sales orders bound to a contact, whatever store wrote them. */
async function ordersOfContact(ctx: StoreContext, contactId: string, correlationId: string): Promise<CrmOrderRow[]> {
  const rows: CrmOrderRow[] = [];
  for await (const page of ctx.dataverse.query<Record<string, unknown>>(
    `salesorders?$select=salesorderid,name,statecode&$filter=_customerid_value eq ${contactId}`,
    { correlationId },
  )) {
    for (const row of page) {
      rows.push({
        id: String(row.salesorderid),
        name: typeof row.name === 'string' ? row.name : null,
        statecode: Number(row.statecode),
      });
    }
  }
  return rows;
}

async function patch(
  ctx: StoreContext,
  entitySet: string,
  id: string,
  body: Record<string, CrmValue>,
  correlationId: string,
): Promise<number> {
  const response = await ctx.dataverse.request({
    method: 'PATCH',
    path: `${entitySet}(${id})`,
    body: { ...body, [`${ctx.prefix}_lastcorrelationid`]: correlationId },
    // Update only: a row deleted meanwhile is reported, never re-created under its old id.
    headers: { 'If-Match': '*' },
    idempotent: true,
    correlationId,
  });
  return response.status;
}

const notFound = (error: unknown) => error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND';

type Mode = 'anonymize' | 'deactivate' | 'delete';

/** The contact's part of a redaction: anonymised, deactivated or deleted per the store's `privacy.onRedact`. */
async function redactContact(
  deps: SyncDeps,
  ctx: StoreContext,
  request: PrivacyRequest,
  link: EntityLink,
  asked: Mode,
): Promise<void> {
  const started = performance.now();
  const guest = await guestLinkOf(deps, request, link.crmId);
  const ours = [link, ...(guest ? [guest] : [])];
  const others = (
    await otherLinksToCrmRow(deps.db, {
      orgId: ctx.org.id,
      crmTable: 'contact',
      crmId: link.crmId,
      except: refOf(link),
    })
  ).filter((other) => !ours.some((own) => own.storeId === other.storeId && own.shopifyGid === other.shopifyGid));
  const shared = others.map((other) => `${other.storeKey}:${other.shopifyGid}`);
  const columns = contactPersonalColumns(ctx.settings.fieldMap);
  const base = { shopifyGid: request.customerGid, crmTable: 'contact', crmId: link.crmId };
  const current = await readRow(ctx.dataverse, 'contact', link.crmId, columns, request.correlationId);
  if (!current) {
    if (!isDryRun(ctx)) for (const own of ours) await dropLink(deps.db, refOf(own));
    await recordAttempt(
      deps.db,
      attempt(request, ctx, started, {
        ...base,
        outcome: 'unchanged',
        request: { action: asked, reason: `contact ${link.crmId} is no longer in the CRM; its link was dropped` },
      }),
    );
    return;
  }
  const notes: string[] = [];
  let mode = asked;
  // The request is this store's: a contact another store's customer still links stays, active, with that store's data.
  const written = link.writtenValues ?? {};
  const onlyOurs =
    shared.length > 0 ? (column: string) => column in written && written[column] === current[column] : undefined;
  if (shared.length > 0) {
    notes.push(
      `contact ${link.crmId} is also linked from ${shared.join(', ')}: only the columns this store wrote were ` +
        `cleared${mode === 'anonymize' ? '' : `, and it was not ${mode === 'delete' ? 'deleted' : 'deactivated'}`}`,
    );
    mode = 'anonymize';
  }
  let orders: CrmOrderRow[] = [];
  if (mode === 'delete') {
    orders = await ordersOfContact(ctx, link.crmId, request.correlationId);
    const closed = orders.filter((order) => order.statecode !== 0);
    if (closed.length > 0) {
      // Dynamics keeps a customer on every order and a closed order cannot be edited: deleting the contact would
      // leave those orders naming a customer that no longer exists.
      notes.push(
        `contact ${link.crmId} has ${closed.length} closed order(s) (${closed.map((order) => order.id).join(', ')}) ` +
          'that Dynamics allows no edit of, so they cannot move to another customer: the contact was anonymised ' +
          'and deactivated instead of deleted',
      );
      mode = 'deactivate';
    }
  }
  const changes = anonymisingChanges(current, columns, onlyOurs);
  if (mode === 'deactivate' && current.statecode !== 1) Object.assign(changes, { statecode: 1, statuscode: 2 });
  const cleared = Object.keys(changes).filter((column) => column !== 'statecode' && column !== 'statuscode');
  if (mode !== 'delete' && Object.keys(changes).length === 0) {
    await recordAttempt(
      deps.db,
      attempt(request, ctx, started, {
        ...base,
        outcome: 'unchanged',
        request: { action: mode, reason: 'the contact holds no personal data of this customer any more', notes },
      }),
    );
    return;
  }
  const summary = {
    action: mode,
    cleared,
    ...(mode === 'deactivate' ? { deactivated: 'statecode' in changes } : {}),
    ...(mode === 'delete' ? { deleted: true, ordersMoved: orders.map((order) => order.id) } : {}),
    notes,
  };
  if (isDryRun(ctx)) {
    await recordAttempt(deps.db, attempt(request, ctx, started, { ...base, outcome: 'updated', request: summary }));
    return;
  }
  let status: number;
  if (mode === 'delete') {
    if (orders.length > 0) {
      const account = await redactedAccount(ctx, request.correlationId);
      for (const order of orders) {
        await patch(
          ctx,
          'salesorders',
          order.id,
          { 'customerid_account@odata.bind': `/accounts(${account})` },
          request.correlationId,
        );
      }
    }
    try {
      status = (
        await ctx.dataverse.request({
          method: 'DELETE',
          path: `contacts(${link.crmId})`,
          idempotent: true,
          correlationId: request.correlationId,
        })
      ).status;
    } catch (error) {
      if (!notFound(error)) throw error;
      status = 404;
    }
    for (const own of ours) await dropLink(deps.db, refOf(own));
  } else {
    status = await patch(ctx, 'contacts', link.crmId, changes, request.correlationId);
    await keepRedactedLink(deps, request, link, changes);
    // The guest checkout link named the person by a hash of their email: no later guest order may find it again.
    if (guest) await dropLink(deps.db, refOf(guest));
  }
  await recordAttempt(
    deps.db,
    attempt(request, ctx, started, { ...base, outcome: 'updated', request: summary, response: { status } }),
  );
}

/** One order's part of a redaction: its bill-to and ship-to columns cleared (the order itself stays, for the books). */
async function redactOrder(
  deps: SyncDeps,
  ctx: StoreContext,
  request: PrivacyRequest,
  link: EntityLink,
): Promise<void> {
  const started = performance.now();
  const base = { shopifyGid: link.shopifyGid, crmTable: link.crmTable, crmId: link.crmId };
  if (link.crmTable !== 'salesorder') {
    await recordAttempt(
      deps.db,
      attempt(request, ctx, started, {
        ...base,
        outcome: 'unchanged',
        request: { action: 'anonymize', reason: `orders in ${link.crmTable} carry no personal columns` },
      }),
    );
    return;
  }
  const columns = orderPersonalColumns(ctx.settings.fieldMap);
  let current: Record<string, unknown>;
  try {
    const response = await ctx.dataverse.request({
      method: 'GET',
      path: `salesorders(${link.crmId})?$select=salesorderid,name,statecode,${columns.join(',')}`,
      idempotent: true,
      correlationId: request.correlationId,
    });
    current = response.body as Record<string, unknown>;
  } catch (error) {
    if (!notFound(error)) throw error;
    await recordAttempt(
      deps.db,
      attempt(request, ctx, started, {
        ...base,
        outcome: 'unchanged',
        request: { action: 'anonymize', reason: `sales order ${link.crmId} is no longer in the CRM` },
      }),
    );
    return;
  }
  const changes = anonymisingChanges(current, columns);
  const cleared = Object.keys(changes);
  const name = typeof current.name === 'string' ? current.name : link.shopifyGid;
  if (cleared.length === 0) {
    await recordAttempt(
      deps.db,
      attempt(request, ctx, started, {
        ...base,
        outcome: 'unchanged',
        request: { action: 'anonymize', reason: 'the order holds no personal data any more' },
      }),
    );
    return;
  }
  if (current.statecode !== 0) {
    await recordAttempt(
      deps.db,
      attempt(request, ctx, started, {
        ...base,
        outcome: 'failed',
        errorClass: 'permanent',
        errorCode: 'privacy.order_closed',
        errorMessage:
          `Order ${name} (sales order ${link.crmId}) is closed in Dynamics (state ${String(current.statecode)}), ` +
          `which allows edits only while an order is Active: clear ${cleared.join(', ')} on it by hand ` +
          `(customers/redact of ${request.customerGid ?? 'a customer'}, correlation ${request.correlationId}).`,
        request: { action: 'anonymize', toClear: cleared },
      }),
    );
    return;
  }
  if (isDryRun(ctx)) {
    await recordAttempt(
      deps.db,
      attempt(request, ctx, started, { ...base, outcome: 'updated', request: { action: 'anonymize', cleared } }),
    );
    return;
  }
  const status = await patch(ctx, 'salesorders', link.crmId, changes, request.correlationId);
  await keepRedactedLink(deps, request, link, changes);
  await recordAttempt(
    deps.db,
    attempt(request, ctx, started, {
      ...base,
      outcome: 'updated',
      request: { action: 'anonymize', cleared },
      response: { status },
    }),
  );
}

/**
 * `customers/redact`: the customer's contact and the orders Shopify names are anonymised, deactivated or deleted per
 * the store's `privacy.onRedact`; `ignore` only logs. Shopify erases the person on its side as well, so the next sync
 * of these records writes nothing personal back.
 */
export async function redactCustomer(deps: SyncDeps, request: PrivacyRequest): Promise<void> {
  const started = performance.now();
  const ctx = await deps.contexts.get(request.storeId);
  const setting = ctx.settings.privacy.onRedact;
  const link = request.customerGid
    ? await findLink(deps.db, { storeId: ctx.storeId, shopifyType: 'customer', shopifyGid: request.customerGid })
    : undefined;
  const orders = await orderLinksOf(deps, request);
  if (setting === 'ignore' || !link) {
    const reason =
      setting === 'ignore'
        ? 'the store keeps the CRM rows of redacted customers (privacy.onRedact: ignore); nothing was changed'
        : 'no contact is linked to this customer: never synced, or redacted before';
    await recordAttempt(
      deps.db,
      attempt(request, ctx, started, {
        shopifyGid: request.customerGid,
        crmTable: link ? 'contact' : null,
        crmId: link?.crmId ?? null,
        outcome: setting === 'ignore' ? 'skipped' : 'unchanged',
        request: {
          action: setting,
          reason,
          orders: orders.linked.map((order) => order.crmId),
          ordersNotInCrm: orders.absent,
        },
      }),
    );
    if (setting === 'ignore') return;
  } else {
    await redactContact(deps, ctx, request, link, setting);
  }
  for (const order of orders.linked) await redactOrder(deps, ctx, request, order);
}

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

/** Runs one compliance request. */
export async function processPrivacyRequest(deps: SyncDeps, request: PrivacyRequest): Promise<void> {
  switch (request.topic) {
    case 'customers/redact':
      return redactCustomer(deps, request);
    case 'customers/data_request':
      return exportCustomerData(deps, request);
    case 'shop/redact':
      return logShopRedact(deps, request);
  }
}
