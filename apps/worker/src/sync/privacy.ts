import { findLink, type LinkRef } from '@shopverse/db';
import type { EntityLink, NewSyncAttempt } from '@shopverse/db/schema';
import { type CrmValue, type FieldMapSettings, isPersonalField } from '@shopverse/sync-core';
import { type AttemptScope, syncAttempt, type SyncChain } from './attempts';
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

/** A sync log row of a privacy request: entity `privacy`, the topic; never personal values, only column names. */
export function privacyAttempt(
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
export async function orderLinksOf(
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

export interface CrmOrderRow {
  id: string;
  name: string | null;
  statecode: number;
}

/** The sales orders bound to a contact, whatever store wrote them. */
export async function ordersOfContact(
  ctx: StoreContext,
  contactId: string,
  correlationId: string,
): Promise<CrmOrderRow[]> {
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

/** A link's identity. */
export const refOf = (link: EntityLink): LinkRef => ({
  storeId: link.storeId,
  shopifyType: link.shopifyType,
  shopifyGid: link.shopifyGid,
});
