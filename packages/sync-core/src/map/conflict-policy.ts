/** How a field's value is chosen when Shopify and the CRM disagree (DESIGN.md, "Settings per store"). */
export type ConflictPolicy = 'shopifyWins' | 'crmWins' | 'newestWins' | 'fillEmptyOnly';

/** One field the sync would write, with both sides' values. */
export interface FieldProposal {
  column: string;
  shopify: string | null;
  crm: string | null;
}

export interface ConflictContext {
  policies: Record<string, ConflictPolicy>;
  /** Used for columns without a policy of their own. */
  defaultPolicy: ConflictPolicy;
  /** The customer's Shopify `updatedAt` and the contact's `modifiedon`, ISO-8601 (newestWins compares them). */
  shopifyUpdatedAt: string;
  crmModifiedOn: string | null;
  /** What the CRM row held when we last wrote it, per column: a CRM value equal to it was not edited in the CRM. */
  lastWritten: Record<string, string | null> | null;
  /**
   * Columns whose CRM value another store wrote (several stores, one contact: issue 11), per column: that store and
   * the `updatedAt` of its record when it wrote the value. Such a value is no person's edit but another store's
   * newer or older state of the same person: the newer Shopify record wins it, whatever the policy (fillEmptyOnly still
   * never overwrites).
   */
  otherStores?: Record<string, StoreOwnership>;
}

/** Which other store holds a column's value in the CRM, and as of which `updatedAt` of its record. */
export interface StoreOwnership {
  storeKey: string;
  updatedAt: string;
}

export interface ConflictDecision {
  /** The columns to write, with their values. */
  write: Record<string, string | null>;
  /** Columns where both sides changed and the policy kept the CRM's value: logged with both values. */
  kept: {
    column: string;
    shopify: string | null;
    crm: string | null;
    policy: ConflictPolicy;
    /** Set when the CRM value is another store's, from a newer record than this one: that store and when. */
    heldBy?: StoreOwnership;
  }[];
}

/**
 * Applies each field's policy. A field whose values agree is not written (no change, no write). `newestWins` compares
 * the two records' modification times, since neither side keeps a time per field. A value another store wrote is
 * settled between the stores' records by their `updatedAt` (`otherStores`), so a change in one store never overwrites
 * what another store holds from a newer record.
 */
export function resolveConflicts(fields: FieldProposal[], context: ConflictContext): ConflictDecision {
  const decision: ConflictDecision = { write: {}, kept: [] };
  const shopifyNewer =
    context.crmModifiedOn === null || Date.parse(context.shopifyUpdatedAt) >= Date.parse(context.crmModifiedOn);
  for (const field of fields) {
    if (field.shopify === field.crm) continue;
    const policy = context.policies[field.column] ?? context.defaultPolicy;
    // The CRM value is ours from the last sync: nobody edited it there, so Shopify's change simply flows.
    const crmUntouched = context.lastWritten !== null && context.lastWritten[field.column] === field.crm;
    const owner = crmUntouched ? undefined : context.otherStores?.[field.column];
    if (owner) {
      // Another store's value: the newer of the two Shopify records holds the field.
      const newer = Date.parse(context.shopifyUpdatedAt) >= Date.parse(owner.updatedAt);
      const mayOverwrite = policy !== 'fillEmptyOnly' || field.crm === null || field.crm === '';
      if (newer && mayOverwrite) decision.write[field.column] = field.shopify;
      else decision.kept.push({ column: field.column, shopify: field.shopify, crm: field.crm, policy, heldBy: owner });
      continue;
    }
    const takeShopify =
      crmUntouched ||
      policy === 'shopifyWins' ||
      (policy === 'newestWins' && shopifyNewer) ||
      (policy === 'fillEmptyOnly' && (field.crm === null || field.crm === ''));
    if (takeShopify) decision.write[field.column] = field.shopify;
    else decision.kept.push({ column: field.column, shopify: field.shopify, crm: field.crm, policy });
  }
  return decision;
}
