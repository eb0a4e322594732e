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
}

export interface ConflictDecision {
  /** The columns to write, with their values. */
  write: Record<string, string | null>;
  /** Columns where both sides changed and the policy kept the CRM's value: logged with both values. */
  kept: { column: string; shopify: string | null; crm: string | null; policy: ConflictPolicy }[];
}

/**
 * Applies each field's policy. A field whose values agree is not written (no change, no write). `newestWins` compares
 * the two records' modification times, since neither side keeps a time per field.
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
