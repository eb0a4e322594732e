import { countryCode, normalizeEmail, normalizePhone, type TwoWayField, type TwoWayPolicy } from '@shopverse/sync-core';

/** The contact columns each two-way field is (map-contact.ts, map-address.ts: the default address is `address1_*`). */
export const TWO_WAY_COLUMNS: Record<TwoWayField, readonly string[]> = {
  email: ['emailaddress1'],
  phone: ['telephone1'],
  address: [
    'address1_line1',
    'address1_line2',
    'address1_line3',
    'address1_city',
    'address1_stateorprovince',
    'address1_postalcode',
    'address1_country',
  ],
};

function text(value: unknown): string | null {
  // Two-way columns are text; a number (a postal code typed as one) compares as its digits.
  const raw = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  const trimmed = raw.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * A field's values as compared across the two systems, so that a difference only of form is no edit: emails by case
 * and spaces, phones as E.164 (by the address's country), addresses without case, spaces, or the name-or-code
 * choice of the country (`countryAs`).
 */
export function comparable(field: TwoWayField, values: Record<string, unknown>): string {
  switch (field) {
    case 'email':
      return JSON.stringify(normalizeEmail(text(values.emailaddress1)).value);
    case 'phone':
      return JSON.stringify(normalizePhone(text(values.telephone1), countryOf(values)).value);
    case 'address':
      return JSON.stringify(TWO_WAY_COLUMNS.address.map((column) => addressPart(column, values)));
  }
}

/** The address country as an ISO code where it can be read (a name and a code compare equal). */
function countryOf(values: Record<string, unknown>): string | null {
  const country = text(values.address1_country);
  return country ? (countryCode({ code: country, name: country }) ?? country.toLowerCase()) : null;
}

/** One address column in the form addresses are compared in. */
function addressPart(column: string, values: Record<string, unknown>): string | null {
  return column === 'address1_country'
    ? countryOf(values)
    : (text(values[column])?.toLowerCase().replace(/\s+/g, ' ') ?? null);
}

/** The field's columns out of a row. */
export function columnsOf(field: TwoWayField, row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(TWO_WAY_COLUMNS[field].map((column) => [column, row[column] ?? null]));
}

/** What to do about one field of one linked customer after the CRM row changed. */
export type FieldDecision =
  /** The CRM holds what one of our syncs last wrote (loop prevention) or what Shopify holds already. */
  | { kind: 'ours' }
  | { kind: 'agreed' }
  /** A person's edit in the CRM, to write to Shopify. */
  | { kind: 'push'; conflict: boolean }
  /** Edited on both sides; Shopify's value is written back over the CRM edit. */
  | { kind: 'shopifyWins' }
  /** Edited on both sides; a person decides in the merge queue, nothing is written meanwhile. */
  | { kind: 'ask' };

export interface FieldState {
  field: TwoWayField;
  /** The CRM row's values (its changed version). */
  crm: Record<string, unknown>;
  /** What this link last wrote, and what every other link to the row last wrote (another store's writes are ours too). */
  written: Record<string, unknown>;
  othersWritten: Record<string, unknown>[];
  /** The customer's values as the customer sync maps them; null until read (only needed for a CRM edit). */
  shopify: Record<string, unknown> | null;
  policy: TwoWayPolicy;
  /** The CRM row's `modifiedon` and the customer's `updatedAt`, for `newestWins`. */
  crmModifiedOn: string | null;
  shopifyUpdatedAt: string | null;
}

/** Whether the CRM value is one of our own writes (this store's or another's): such a change is never pushed. */
export function isOurs(state: Pick<FieldState, 'field' | 'crm' | 'written' | 'othersWritten'>): boolean {
  const all = [state.written, ...state.othersWritten];
  const crm = comparable(state.field, state.crm);
  if (all.some((written) => comparable(state.field, written) === crm)) return true;
  if (state.field !== 'address') return false;
  // An address our syncs composed between them (a guest checkout fills the columns its customer left empty): each
  // column is as one of them last wrote it, so no person edited it.
  return TWO_WAY_COLUMNS.address.every((column) => {
    const value = addressPart(column, state.crm);
    return all.some((written) => column in written && addressPart(column, written) === value);
  });
}

/**
 * The decision for one field (issue 12): our own write is ignored; a CRM edit is pushed unless Shopify also changed
 * the field since our last sync, in which case the field's policy settles it (the newer edit by the CRM row's
 * `modifiedon` against the customer's `updatedAt`; a tie goes to Shopify, the system of record).
 */
export function decideField(state: FieldState): FieldDecision {
  if (isOurs(state)) return { kind: 'ours' };
  const crm = comparable(state.field, state.crm);
  if (state.shopify === null) return { kind: 'push', conflict: false };
  const shopify = comparable(state.field, state.shopify);
  if (shopify === crm) return { kind: 'agreed' };
  if (shopify === comparable(state.field, state.written)) return { kind: 'push', conflict: false };
  switch (state.policy) {
    case 'crmWins':
      return { kind: 'push', conflict: true };
    case 'shopifyWins':
      return { kind: 'shopifyWins' };
    case 'ask':
      return { kind: 'ask' };
    case 'newestWins': {
      const crmAt = state.crmModifiedOn ? Date.parse(state.crmModifiedOn) : Number.NaN;
      const shopifyAt = state.shopifyUpdatedAt ? Date.parse(state.shopifyUpdatedAt) : Number.NaN;
      return crmAt > shopifyAt ? { kind: 'push', conflict: true } : { kind: 'shopifyWins' };
    }
  }
}
