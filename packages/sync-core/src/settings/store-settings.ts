import { z } from 'zod';

/** How a field's value is chosen when Shopify and the CRM disagree (DESIGN.md, "Settings per store"). */
export const conflictPolicy = z.enum(['shopifyWins', 'crmWins', 'newestWins', 'fillEmptyOnly']);

/** The keys a customer can be matched on; `linkedId` and `alternateKey` are always tried first, whatever the order. */
export const matchKey = z.enum(['linkedId', 'alternateKey', 'email', 'phone', 'namePostal']);

/** The customer part of a store's settings (issue 6). */
export const customerSettings = z.object({
  /**
   * Where customers go: `contact` only; `contactWithAccount`, a contact plus an account named after the default
   * address's company; `b2b`, Shopify companies as accounts with their contacts under them (`parentcustomerid`).
   */
  target: z.enum(['contact', 'contactWithAccount', 'b2b']).default('contact'),
  /** B2B: a company location becomes the account's address (the main one; others as more addresses) or a child account. */
  companyLocationAs: z.enum(['address', 'childAccount']).default('address'),
  /** Matching keys in the order they are tried. */
  matchingKeys: z.array(matchKey).min(1).default(['linkedId', 'alternateKey', 'email', 'phone']),
  /** Conflict policy per CRM column, and the default for the rest. */
  conflictPolicy: z.record(z.string(), conflictPolicy).default({}),
  defaultConflictPolicy: conflictPolicy.default('newestWins'),
  /** Guest checkouts (an order without a customer): match by email or create; match only; or leave unbound. */
  guestCheckouts: z.enum(['matchOrCreate', 'matchOnly', 'skip']).default('matchOrCreate'),
  /** `customers/delete`: deactivate the contact (default), leave it, or delete it (never by default). */
  onDelete: z.enum(['deactivate', 'ignore', 'delete']).default('deactivate'),
  /**
   * `customers/merge`: move the deleted customer's link to the kept customer's contact and deactivate the contact
   * that was left over (default), or only re-sync the kept customer.
   */
  onMerge: z.enum(['deactivateMerged', 'ignore']).default('deactivateMerged'),
  /** Write the customer's orders count, amount spent and last order date onto the contact. */
  rollups: z.boolean().default(true),
});

/** A store's settings, validated; every field has a default, so `{}` is a working store. */
export const storeSettings = z.object({
  /** Dynamics' country and region columns as the English name or the ISO code. */
  countryAs: z.enum(['name', 'code']).default('name'),
  customers: customerSettings.default(customerSettings.parse({})),
});

export type StoreSettings = z.infer<typeof storeSettings>;
export type CustomerSettings = z.infer<typeof customerSettings>;

/** Thrown when a store's saved settings do not validate: names the store and each field to fix. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  readonly code = 'settings.invalid';
}

/** Reads a store's settings JSON, filling defaults; refuses what it cannot read, naming the field. */
export function parseStoreSettings(raw: unknown, storeName: string): StoreSettings {
  const parsed = storeSettings.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
  throw new SettingsError(`The settings of store ${storeName} are not valid: ${problems.join('; ')}.`);
}
