/**
 * How an item of the merge queue reads in the console: the Shopify record as a few fields a person compares, which
 * of those fields each candidate matched on, and the decision once made. Pure, so that it is tested without a page.
 */

/** A field of the Shopify record shown beside the candidates. */
export type RecordField = 'name' | 'email' | 'phone' | 'address';

export const RECORD_FIELDS: readonly { field: RecordField; label: string }[] = [
  { field: 'name', label: 'Name' },
  { field: 'email', label: 'Email' },
  { field: 'phone', label: 'Phone' },
  { field: 'address', label: 'Address' },
];

/** The record's fields as text; null where the record has none. */
export type RecordSummary = Record<RecordField, string | null>;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The address a person knows the record by: the default one, else the first (Shopify's own order). */
function addressOf(payload: Record<string, unknown>): Record<string, unknown> | null {
  if (isObject(payload.defaultAddress)) return payload.defaultAddress;
  const first: unknown = Array.isArray(payload.addresses) ? (payload.addresses as unknown[])[0] : undefined;
  if (isObject(first)) return first;
  for (const key of ['billingAddress', 'shippingAddress', 'address']) {
    const candidate = payload[key];
    if (isObject(candidate)) return candidate;
  }
  return null;
}

function joined(parts: unknown[], separator: string): string | null {
  const kept = parts.map(text).filter((part): part is string => part !== null);
  return kept.length > 0 ? kept.join(separator) : null;
}

function addressLine(address: Record<string, unknown> | null): string | null {
  if (!address) return null;
  return joined(
    [
      address.address1,
      address.address2,
      joined([address.zip, address.city], ' '),
      address.provinceCode ?? address.province,
      address.countryCode ?? address.country,
    ],
    ', ',
  );
}

/**
 * The record as parked (the canonical customer or company, whatever the sync kept), read defensively: the payload is
 * JSON of whichever shape the worker stored, so anything missing or of another type reads as absent.
 */
export function summarizeRecord(payload: unknown): RecordSummary {
  const record = isObject(payload) ? payload : {};
  const address = addressOf(record);
  return {
    name: text(record.name) ?? joined([record.firstName, record.lastName], ' ') ?? joined([address?.company], ''),
    email: text(record.email),
    phone: text(record.phone) ?? text(address?.phone),
    address: addressLine(address),
  };
}

/** Which record fields a matching key compares (`namePostal`: the name and the postal code in the address). */
const FIELDS_OF_KEY: Record<string, RecordField[]> = {
  email: ['email'],
  phone: ['phone'],
  namePostal: ['name', 'address'],
  name: ['name'],
};

/** The record fields a candidate's matching keys say are equal to the candidate's own. */
export function matchedFields(matchedOn: readonly string[]): Set<RecordField> {
  return new Set(matchedOn.flatMap((key) => FIELDS_OF_KEY[key] ?? []));
}

/** How sure the sync is that the candidate is this record, as people read it: `87%`; null when not kept. */
export function confidenceText(confidence: number | null): string | null {
  if (confidence === null || !Number.isFinite(confidence)) return null;
  return `${Math.round(Math.min(1, Math.max(0, confidence)) * 100)}%`;
}

/** The kind of Shopify record as a heading starts with it: `COMPANY_LOCATION` → `Company location`. */
export function typeText(shopifyType: string): string {
  const words = shopifyType.toLowerCase().replace(/_/g, ' ');
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** Words for a matching key, as the sync names them in the settings. */
export function keyText(key: string): string {
  return key === 'namePostal' ? 'name and postal code' : key;
}

/** A decision as the API returns it. */
export interface DecisionFacts {
  /** `AMBIGUOUS_MATCH` or `TWO_WAY_CONFLICT`. */
  kind: string;
  status: string;
  resolution: { kind: string; crmId: string | null } | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
}

/** Who decided what and when, in one sentence; null while the item is open. */
export function decisionText(item: DecisionFacts, candidateLabel: (crmId: string) => string): string | null {
  if (item.status === 'OPEN') return null;
  const by = `by ${item.resolvedBy ?? 'the system'}`;
  const when = item.resolvedAt ? ` on ${item.resolvedAt.replace('T', ' ').slice(0, 16)} UTC` : '';
  const resolution = item.resolution;
  if (resolution?.kind === 'KEEP_CRM') return `The CRM's values kept ${by}${when}.`;
  if (resolution?.kind === 'KEEP_SHOPIFY') return `Shopify's values kept ${by}${when}.`;
  // The database records a conflict's decision as the link to its contact; the side kept is in the audit trail.
  if (item.kind === 'TWO_WAY_CONFLICT') return `Settled ${by}${when}; the audit trail says which side was kept.`;
  if (resolution?.kind === 'LINK' && resolution.crmId) {
    return `Linked to ${candidateLabel(resolution.crmId)} ${by}${when}.`;
  }
  if (resolution?.kind === 'CREATE') return `Created as a new record in the CRM ${by}${when}.`;
  if (resolution?.kind === 'IGNORE') return `Ignored ${by}${when}: the record is not synced.`;
  return `${item.status.charAt(0)}${item.status.slice(1).toLowerCase()} ${by}${when}.`;
}
