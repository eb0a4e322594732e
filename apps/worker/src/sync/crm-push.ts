import { type Database, findLink, recordAttempt, recordPush } from '@shopverse/db';
import {
  addressFromCrmColumns,
  type CustomerChanges,
  type CustomerPushResult,
  type ShopifyClient,
} from '@shopverse/shopify';
import type { TwoWayField } from '@shopverse/sync-core';
import { isDryRun, type SyncChain } from './attempts';
import { crmAttempt } from './crm-changes';
import { readRow } from './crm-rows';
import type { StoreContext, StoreContexts } from './store-context';
import { columnsOf, isOurs, TWO_WAY_COLUMNS } from './two-way-fields';

/** Writes a customer's changes to Shopify (packages/shopify customer-push.ts in production; the same shape in tests). */
export type PushCustomerChanges = (
  client: ShopifyClient,
  changes: CustomerChanges,
  options: { correlationId: string },
) => Promise<CustomerPushResult>;

export interface PushDeps {
  db: Database;
  contexts: StoreContexts;
  now: () => Date;
  push: PushCustomerChanges;
}

export interface PushRequest extends SyncChain {
  storeId: string;
  customerGid: string;
  /** The contact the poll read the edit from. */
  crmId: string;
  fields: TwoWayField[];
}

export type PushOutcome =
  | { kind: 'pushed'; fields: TwoWayField[]; updatedAt: string }
  | { kind: 'skipped'; reason: string }
  | { kind: 'refused'; message: string };

/** A CRM string column as Shopify takes it: trimmed, empty as null (cleared). */
function textOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** The change to send for these fields, from the CRM row's columns. */
export function changesFrom(
  customerGid: string,
  fields: readonly TwoWayField[],
  row: Record<string, unknown>,
): CustomerChanges {
  return {
    customerGid,
    ...(fields.includes('email') ? { email: textOf(row.emailaddress1) } : {}),
    // A phone typed without its country code is read in the contact's address country (as the customer sync does).
    ...(fields.includes('phone') ? { phone: textOf(row.telephone1), phoneCountry: textOf(row.address1_country) } : {}),
    ...(fields.includes('address') ? { address: addressFromCrmColumns(columnsOf('address', row)) } : {}),
  };
}

/**
 * Pushes a contact's two-way fields to its Shopify customer (issue 12). The CRM row is read again here, not taken
 * from the poll: a Shopify edit synced since may have replaced the person's edit (and then that value, ours, is not
 * pushed back), and a later edit is pushed as it now stands. On success the link records the pushed values and
 * Shopify's new `updatedAt`, so the webhook Shopify sends back finds nothing to write. Shopify's refusals (userErrors)
 * are permanent: logged with the message for a person to fix in the CRM, never retried.
 */
export async function pushCustomer(deps: PushDeps, request: PushRequest): Promise<PushOutcome> {
  const started = { at: deps.now(), clock: performance.now() };
  const ctx = await deps.contexts.get(request.storeId);
  const log = async (fields: Omit<Parameters<typeof crmAttempt>[3], 'shopifyGid' | 'crmId'>): Promise<void> => {
    await recordAttempt(
      deps.db,
      crmAttempt(ctx, request, deps.now(), {
        shopifyGid: request.customerGid,
        crmId: request.crmId,
        startedAt: started.at,
        durationMs: Math.round(performance.now() - started.clock),
        ...fields,
      }),
    );
  };
  const skip = async (reason: string): Promise<PushOutcome> => {
    await log({ outcome: 'skipped', request: { reason, fields: request.fields } });
    return { kind: 'skipped', reason };
  };
  const fields = request.fields.filter((field) => ctx.settings.twoWay.fields.includes(field));
  if (!ctx.settings.twoWay.enabled || fields.length === 0) {
    return skip('two-way sync is off for this store or these fields (settings twoWay)');
  }
  const link = await findLink(deps.db, {
    storeId: ctx.storeId,
    shopifyType: 'customer',
    shopifyGid: request.customerGid,
  });
  if (link?.crmId !== request.crmId) return skip(`the customer is no longer linked to contact ${request.crmId}`);
  const columns = fields.flatMap((field) => [...TWO_WAY_COLUMNS[field]]);
  const row = await readRow(
    ctx.dataverse,
    'contact',
    request.crmId,
    [...columns, 'address1_country'],
    request.correlationId,
  );
  if (!row) return skip(`contact ${request.crmId} was deleted in the CRM`);
  const written = link.writtenValues ?? {};
  const edited = fields.filter((field) => !isOurs({ field, crm: row, written, othersWritten: [] }));
  if (edited.length === 0) return skip('the CRM holds what the sync last wrote: nothing to push');
  const changes = changesFrom(request.customerGid, edited, row);
  if (isDryRun(ctx)) {
    // Shadow mode writes to neither system: the log shows the push that would have been made.
    await log({
      outcome: 'skipped',
      request: { reason: 'dry run (pipeline.dryRun): not pushed', fields: edited, changes },
    });
    return { kind: 'skipped', reason: 'dry run' };
  }
  const answer = await deps.push(ctx.shopify, changes, { correlationId: request.correlationId });
  const sent = { fields: edited, changes };
  if (answer.userErrors.length > 0 || !answer.updatedAt) {
    const message = refusalMessage(ctx, request, edited, answer);
    await log({
      outcome: 'failed',
      errorClass: 'permanent',
      errorCode: 'shopify.user_errors',
      errorMessage: message,
      request: sent,
      response: { userErrors: answer.userErrors, cost: answer.cost },
    });
    return { kind: 'refused', message };
  }
  const values = Object.assign({}, ...edited.map((field) => columnsOf(field, row))) as Record<string, unknown>;
  await deps.db.transaction(async (tx) => {
    await recordPush(tx, {
      linkId: link.id,
      values,
      shopifyUpdatedAt: new Date(answer.updatedAt ?? 0),
      correlationId: request.correlationId,
      now: deps.now(),
    });
    await recordAttempt(
      tx,
      crmAttempt(ctx, request, deps.now(), {
        shopifyGid: request.customerGid,
        crmId: request.crmId,
        outcome: 'updated',
        startedAt: started.at,
        durationMs: Math.round(performance.now() - started.clock),
        email: typeof answer.customer?.email === 'string' ? answer.customer.email.toLowerCase() : null,
        request: sent,
        response: { updatedAt: answer.updatedAt, cost: answer.cost },
      }),
    );
  });
  return { kind: 'pushed', fields: edited, updatedAt: answer.updatedAt };
}

/** Shopify's refusal as a sentence naming the customer, the contact, and where to fix it. */
function refusalMessage(
  ctx: StoreContext,
  request: PushRequest,
  fields: TwoWayField[],
  answer: CustomerPushResult,
): string {
  const reasons = answer.userErrors.map((error) =>
    /email/i.test(error.field?.join('.') ?? '') && /taken/i.test(error.message)
      ? 'the email is taken by another customer in Shopify'
      : `${error.field?.join('.') ?? 'customer'}: ${error.message}`,
  );
  return (
    `Shopify store ${ctx.storeName} refused the CRM's ${fields.join(', ')} for customer ${request.customerGid} ` +
    `(contact ${request.crmId}): ${reasons.join('; ') || 'no reason given'}. Fix it in the CRM; the next edit is pushed again.`
  );
}
