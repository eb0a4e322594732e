/**
 * The Activity page's one "Find" box takes any key a person has at hand; its shape says which search of the sync log
 * it is. Where a shape fits two keys, both are searched and the answers merged:
 * - a GUID is a CRM row id or a correlation id (both are random GUIDs: the sandbox's Dataverse and our intake make
 *   them with `randomUUID`, and a real Dynamics id may be sequential, `…-e811-…`), so both;
 * - digits alone are an order name typed without its `#` (`1042`) or the numeric id Shopify's admin shows, so both.
 */

/** One search of the sync log by one key: the `SyncAttemptFilter` fields it sets. */
export type KeyFilter =
  { orderName: string } | { email: string } | { shopifyId: string } | { crmId: string } | { correlationId: string };

export type FindKind = 'none' | 'order-name' | 'email' | 'shopify-gid' | 'number' | 'guid';

export interface FindKey {
  kind: FindKind;
  /** The searches to run and merge; empty for no key (every attempt). */
  filters: KeyFilter[];
  /** What the box was read as, for the page to say. */
  meaning: string;
}

const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;
const GID = /^gid:\/\/shopify\/[A-Za-z]+\/\d+$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Reads the Find box: which key it holds, and the searches that find it. */
export function classifyFind(input: string): FindKey {
  const text = input.trim();
  if (!text) return { kind: 'none', filters: [], meaning: 'every attempt' };
  const guid = GUID.exec(text)?.[1];
  if (guid) {
    const id = guid.toLowerCase();
    return {
      kind: 'guid',
      filters: [{ correlationId: id }, { crmId: id }],
      meaning: `correlation id or CRM id ${id}`,
    };
  }
  if (GID.test(text)) return { kind: 'shopify-gid', filters: [{ shopifyId: text }], meaning: `Shopify record ${text}` };
  if (EMAIL.test(text)) {
    const email = text.toLowerCase();
    return { kind: 'email', filters: [{ email }], meaning: `email ${email}` };
  }
  if (/^\d+$/.test(text)) {
    return {
      kind: 'number',
      filters: [{ orderName: text }, { shopifyId: text }],
      meaning: `order #${text} or Shopify id ${text}`,
    };
  }
  // `#1042`, or a name from a store's own template (`SV-1042`): searched exactly as typed.
  return { kind: 'order-name', filters: [{ orderName: text }], meaning: `order ${text}` };
}
