import { z } from 'zod';
import { fieldMapProblems } from '../map/field-map';

/** How a field's value is chosen when Shopify and the CRM disagree (DESIGN.md, "Settings per store"). */
export const conflictPolicy = z.enum(['shopifyWins', 'crmWins', 'newestWins', 'fillEmptyOnly']);

/** The keys a customer can be matched on; `linkedId` and `alternateKey` are always tried first, whatever the order. */
export const matchKey = z.enum(['linkedId', 'alternateKey', 'email', 'phone', 'namePostal']);

/** A Dataverse row id, e.g. `00000000-0000-0000-0000-000000000001` (any case; stored lower case). */
export const guid = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a Dataverse row id (a GUID)')
  .transform((value) => value.toLowerCase());

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
  /**
   * The account a contact the store creates goes under when it has no account of its own (a B2C customer: no
   * Shopify company, no company on its address); null: none. Set when the contact is created, never moved after.
   */
  parentAccountId: guid.nullable().default(null),
});

/** ISO 4217 code, upper case. */
const isoCurrency = z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as "EUR"');

/** The order part of a store's settings (issue 7). */
export const orderSettings = z.object({
  /** Which of Shopify's two money sets the CRM order is written in: the shop's currency or the customer's. */
  currency: z.enum(['shop', 'presentment']).default('shop'),
  /** The Dynamics price list (pricelevel id) to put on orders, per ISO currency; none when a currency is not listed. */
  priceLists: z.record(isoCurrency, z.string().min(1)).default({}),
  /** Shipping as the order's freight amount, or as one order line per Shopify shipping line. */
  shippingAs: z.enum(['freight', 'line']).default('freight'),
  /** Lines as write-in products (title and variant), or bound to the Dynamics product whose number is the SKU. */
  products: z.enum(['writeIn', 'bySku']).default('writeIn'),
  /** Orders to Dynamics' salesorder and salesorderdetail tables, or to our custom tables. */
  target: z.enum(['salesorder', 'custom']).default('salesorder'),
  /** The custom tables' logical names, used when `target` is `custom`. */
  customTables: z
    .object({
      order: z.string().min(1),
      line: z.string().min(1),
      refund: z.string().min(1).default('sv_shopifyrefund'),
    })
    .default({ order: 'sv_shopifyorder', line: 'sv_shopifyorderline', refund: 'sv_shopifyrefund' }),
  /** The CRM order's name; placeholders {storeKey}, {name} (Shopify's "#1042") and {number} (its digits). */
  nameTemplate: z.string().min(1).default('{storeKey}-{name}'),
});

/**
 * Who owns the rows the store creates (contacts, accounts, orders), issue 11. Applied when a row is created, never to
 * a row that exists: a person may reassign it, and a contact another store created keeps its owner.
 */
export const ownershipSettings = z.object({
  /** The owner (`ownerid`): a team or a user of the org; null: the application user the sync signs in as. */
  owner: z
    .object({ kind: z.enum(['team', 'user']), id: guid })
    .nullable()
    .default(null),
  /** The business unit (`owningbusinessunit`); null: the owner's, as Dataverse sets it. */
  businessUnitId: guid.nullable().default(null),
});

/** A BCP 47 language tag such as `en-US`, `de-DE` or `fr-CA`. */
export const localeTag = z
  .string()
  .trim()
  .regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/, 'a language tag such as "en-US", "de-DE" or "fr-CA"');

/** How the store's changes are found and logged. */
export const pipelineSettings = z.object({
  /**
   * Dry-run (shadow) mode: everything runs, nothing is written to the CRM, and the sync log shows the writes it would
   * have made as a diff against the CRM's current row.
   */
  dryRun: z.boolean().default(false),
  /** Days the sync log keeps this store's attempts (`sync_attempts__prune`). */
  logRetentionDays: z.number().int().min(1).max(3650).default(30),
  /**
   * Leave personal data (names, emails, phones, addresses) out of the request and response kept in the sync log;
   * the record's ids, keys and the error stay, so an attempt can still be found and understood.
   */
  redactPersonalData: z.boolean().default(false),
  /** The delta poll (`store__poll`) reconciles what webhooks missed; off only while a store is being set up. */
  pollEnabled: z.boolean().default(true),
  /**
   * How far before its cursor the poll reads again, in seconds: records updated while the last page was read, or
   * indexed late by Shopify's search, are seen on the next poll instead of lost.
   */
  pollOverlapSeconds: z.number().int().min(0).max(86_400).default(300),
});

/** One row of the field map: a Shopify source field (map/field-map.ts's catalogue) and the CRM column it is written to. */
export const fieldMapEntry = z.object({ source: z.string().min(1), column: z.string().min(1) });

/**
 * Columns a store adds to the rows the sync writes, per entity: `contact` from the customer, `account` from a B2B
 * company, `salesorder` from the order (the salesorder table only). Checked here without the CRM (sources, columns
 * the sync already writes, our `sv_` columns) and against the org's metadata when saved from the console.
 */
export const fieldMapSettings = z
  .object({
    contact: z.array(fieldMapEntry).default([]),
    account: z.array(fieldMapEntry).default([]),
    salesorder: z.array(fieldMapEntry).default([]),
  })
  .superRefine((fieldMap, context) => {
    // The default publisher prefix; an org provisioned under another one is checked against it when saved.
    for (const problem of fieldMapProblems(fieldMap, 'sv')) {
      context.addIssue({
        code: 'custom',
        path: problem.path
          .split('.')
          .slice(1)
          .map((part) => (/^\d+$/.test(part) ? Number(part) : part)),
        message: problem.message,
      });
    }
  });

/** The customer fields that may flow back from the CRM to Shopify (issue 12). */
export const twoWayField = z.enum(['email', 'phone', 'address']);

/**
 * What happens to a two-way field edited on both sides since the last sync: one side wins, the newer edit wins (the
 * CRM row's `modifiedon` against the customer's `updatedAt`), or a person decides in the merge queue (`ask`).
 */
export const twoWayPolicy = z.enum(['shopifyWins', 'crmWins', 'newestWins', 'ask']);

/** CRM edits flowing back to Shopify (issue 12): off unless turned on, since it writes to the shop. */
export const twoWaySettings = z.object({
  enabled: z.boolean().default(false),
  /** The fields whose CRM edits reach Shopify: the customer's email, phone and default address by default. */
  fields: z.array(twoWayField).default(['email', 'phone', 'address']),
  /** Per field, and the default for the rest. */
  conflictPolicy: z.partialRecord(twoWayField, twoWayPolicy).default({}),
  defaultConflictPolicy: twoWayPolicy.default('newestWins'),
  /** A contact created in the CRM: left there (default), or created as a Shopify customer, linked before it is. */
  crmCreates: z.enum(['ignore', 'createInShopify']).default('ignore'),
});

/** Shopify's mandatory privacy webhooks (issue 12): what a `customers/redact` request does to the CRM's records. */
export const privacySettings = z.object({
  /**
   * `anonymize` (default) clears the person's name, email, phone and addresses on the contact and keeps the row (and
   * the orders bound to it) for the books; `deactivate` also deactivates it; `delete` deletes the contact; `ignore`
   * only logs the request, for a merchant whose CRM has its own retention process.
   */
  onRedact: z.enum(['anonymize', 'deactivate', 'delete', 'ignore']).default('anonymize'),
});

/** A store's settings, validated; every field has a default, so `{}` is a working store. */
export const storeSettings = z.object({
  pipeline: pipelineSettings.default(pipelineSettings.parse({})),
  /** The store's locale, kept on every order it writes (`sv_locale`) so that reports across stores read alike. */
  locale: localeTag.default('en-US'),
  ownership: ownershipSettings.default(ownershipSettings.parse({})),
  /** Dynamics' country and region columns as the English name or the ISO code. */
  countryAs: z.enum(['name', 'code']).default('name'),
  customers: customerSettings.default(customerSettings.parse({})),
  orders: orderSettings.default(orderSettings.parse({})),
  fieldMap: fieldMapSettings.default({ contact: [], account: [], salesorder: [] }),
  twoWay: twoWaySettings.default(twoWaySettings.parse({})),
  privacy: privacySettings.default(privacySettings.parse({})),
});

export type StoreSettings = z.infer<typeof storeSettings>;
export type CustomerSettings = z.infer<typeof customerSettings>;
export type OrderSettings = z.infer<typeof orderSettings>;
export type PipelineSettings = z.infer<typeof pipelineSettings>;
export type FieldMapSettings = z.infer<typeof fieldMapSettings>;
export type OwnershipSettings = z.infer<typeof ownershipSettings>;
export type TwoWaySettings = z.infer<typeof twoWaySettings>;
export type TwoWayField = z.infer<typeof twoWayField>;
export type TwoWayPolicy = z.infer<typeof twoWayPolicy>;
export type PrivacySettings = z.infer<typeof privacySettings>;

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

/**
 * The Shopify entities a store syncs, in the order their syncs want them (a company before its contacts, customers
 * before their orders): companies only for B2B stores. The delta poll and backfills both go by it.
 */
export function syncedEntities(settings: StoreSettings): ('customer' | 'company' | 'order')[] {
  return settings.customers.target === 'b2b' ? ['customer', 'company', 'order'] : ['customer', 'order'];
}
