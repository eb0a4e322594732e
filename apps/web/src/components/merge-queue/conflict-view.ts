/**
 * How a two-way conflict reads in the console: per field, the CRM's value beside Shopify's (the API gives both as
 * the contact's columns), and the sentences that confirm and report the side kept. Pure, so it is tested without a
 * page.
 */

/** A field as the API names it. */
export type ConflictField = 'EMAIL' | 'PHONE' | 'ADDRESS';

/** The side a person keeps, as the API's decision names it. */
export type KeepKind = 'KEEP_CRM' | 'KEEP_SHOPIFY';

const FIELD_LABELS: Record<string, string> = { EMAIL: 'Email', PHONE: 'Phone', ADDRESS: 'Default address' };

/** A field in words: `ADDRESS` → `Default address`; a field this console does not know reads as the API names it. */
export function conflictFieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

const text = (value: unknown): string | null => {
  const raw = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  return raw.trim() === '' ? null : raw.trim();
};

function joined(parts: (string | null)[], separator: string): string | null {
  const kept = parts.filter((part): part is string => part !== null);
  return kept.length > 0 ? kept.join(separator) : null;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One side's value of a field as text, from the contact's columns (`emailaddress1`, `telephone1`, `address1_*`);
 * null when the side holds nothing (an emptied field), so the page can say "none".
 */
export function conflictValueText(field: string, columns: unknown): string | null {
  const row = isObject(columns) ? columns : {};
  switch (field) {
    case 'EMAIL':
      return text(row.emailaddress1);
    case 'PHONE':
      return text(row.telephone1);
    case 'ADDRESS':
      return joined(
        [
          text(row.address1_line1),
          text(row.address1_line2),
          text(row.address1_line3),
          joined([text(row.address1_postalcode), text(row.address1_city)], ' '),
          text(row.address1_stateorprovince),
          text(row.address1_country),
        ],
        ', ',
      );
    default:
      return joined(Object.values(row).map(text), ', ');
  }
}

/** `email`, `email and phone`, `email, phone and default address`: the fields as a sentence names them. */
export function fieldsText(fields: readonly string[]): string {
  const words = fields.map((field) => conflictFieldLabel(field).toLowerCase());
  if (words.length <= 1) return words[0] ?? 'the fields';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The confirmation asked before a side is kept: what stays, and what the sync then overwrites. */
export function keepQuestion(keep: KeepKind, fields: readonly string[], recordName: string): string {
  const which = fieldsText(fields);
  return keep === 'KEEP_CRM'
    ? `Keep the CRM's ${which} for ${recordName}? They are pushed to Shopify, replacing Shopify's.`
    : `Keep Shopify's ${which} for ${recordName}? The customer is synced to the CRM again, replacing the CRM's.`;
}

/** What the page says once a side is kept. */
export function keptText(keep: KeepKind, fields: readonly string[]): string {
  const which = fieldsText(fields);
  return keep === 'KEEP_CRM'
    ? `The CRM's ${which} kept: the push to Shopify is queued.`
    : `Shopify's ${which} kept: the customer's sync to the CRM is queued.`;
}
