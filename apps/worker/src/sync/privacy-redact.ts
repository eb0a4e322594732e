import { DataverseApiError } from '@shopverse/dataverse';
import { dropLink, findLink, otherLinksToCrmRow, recordAttempt, saveLink } from '@shopverse/db';
import type { EntityLink } from '@shopverse/db/schema';
import { type CrmValue, guestCustomer } from '@shopverse/sync-core';
import { isDryRun } from './attempts';
import { readRow, type StoreAccount, storeAccount } from './crm-rows';
import type { SyncDeps } from './customer-sync';
import {
  anonymisingChanges,
  contactPersonalColumns,
  type CrmOrderRow,
  orderLinksOf,
  orderPersonalColumns,
  ordersOfContact,
  type PrivacyRequest,
  privacyAttempt as attempt,
  refOf,
} from './privacy';
import type { StoreContext } from './store-context';

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

/** The store's account for the orders of customers whose contact a redaction deleted (Dynamics needs a customer on every order). */
const REDACTED_ACCOUNT: StoreAccount = {
  role: 'redacted',
  name: 'Redacted customers',
  description: 'Shopverse: orders whose contact was deleted on a customers/redact request.',
};

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
    const account = await storeAccount(ctx, REDACTED_ACCOUNT, request.correlationId);
    for (const order of orders) {
      await patch(
        ctx,
        'salesorders',
        order.id,
        { 'customerid_account@odata.bind': `/accounts(${account})` },
        request.correlationId,
      );
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
    // The customer's link now names the redacted customers account: its later orders stand under it (Dynamics needs
    // a customer on each), and its own syncs write nothing (customer-sync.ts). The guest link goes.
    await saveLink(deps.db, {
      ...refOf(link),
      orgId: link.orgId,
      crmTable: 'account',
      crmId: account,
      shopifyUpdatedAt: deps.now(),
      contentHash: null,
      writtenValues: {},
      correlationId: request.correlationId,
      now: deps.now(),
    });
    if (guest) await dropLink(deps.db, refOf(guest));
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
  // A customer whose contact a request deleted before is linked to the redacted customers account: nothing is left.
  const deletedBefore = link?.crmTable === 'account';
  if (setting === 'ignore' || !link || deletedBefore) {
    const reason =
      setting === 'ignore'
        ? 'the store keeps the CRM rows of redacted customers (privacy.onRedact: ignore); nothing was changed'
        : deletedBefore
          ? 'the contact was deleted by an earlier request; the customer stands for the redacted customers account'
          : 'no contact is linked to this customer: never synced, or redacted before';
    await recordAttempt(
      deps.db,
      attempt(request, ctx, started, {
        shopifyGid: request.customerGid,
        crmTable: link?.crmTable ?? null,
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
