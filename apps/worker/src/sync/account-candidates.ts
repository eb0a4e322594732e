import type { MergeCandidate } from '@shopverse/db/schema';
import type { RememberedDecision } from '@shopverse/db';
import { odataString, queryRows, readRow } from './crm-rows';
import type { Located } from './row-sync';
import type { StoreContext } from './store-context';
import { SyncError } from './sync-error';

/**
 * Where an account without a link goes: the row carrying our key; else the one active account with exactly this
 * name (a company already in the CRM is adopted, never duplicated); several of that name are a question for a
 * person; none, a new account.
 */
export async function locateAccount(
  ctx: StoreContext,
  input: {
    key: string;
    name: string | null;
    columns: string[];
    correlationId: string;
    /** A person's decision on this record in the merge queue, if one was made. */
    decided: RememberedDecision | undefined;
  },
): Promise<Located> {
  const keyColumn = `${ctx.prefix}_shopifyid`;
  const { decided } = input;
  if (decided?.decision.kind === 'ignore') {
    return { kind: 'skip', reason: `ignored in the merge queue by ${decided.by ?? 'a person'}` };
  }
  if (decided?.decision.kind === 'create') return { kind: 'create' };
  const byKey = `${keyColumn} eq ${odataString(input.key)}`;
  const filter = input.name ? `${byKey} or (statecode eq 0 and name eq ${odataString(input.name)})` : byKey;
  const rows = await queryRows(
    ctx.dataverse,
    'account',
    filter,
    [keyColumn, 'name', ...input.columns],
    input.correlationId,
  );
  const own = rows.find((row) => row[keyColumn] === input.key);
  if (own) return { kind: 'update', row: own, matchedOn: 'alternateKey' };
  if (decided?.decision.kind === 'link') {
    const chosen = await readRow(
      ctx.dataverse,
      'account',
      decided.decision.crmId,
      [keyColumn, ...input.columns],
      input.correlationId,
    );
    if (!chosen) {
      throw new SyncError(
        'merge.target_missing',
        'permanent',
        `Account ${decided.decision.crmId}, chosen in the merge queue, no longer exists in the CRM; decide again.`,
      );
    }
    return { kind: 'update', row: chosen, matchedOn: 'decision' };
  }
  // An account carrying another record's key of this store mirrors that record, not this one.
  const named = rows.filter((row) => {
    const key = row[keyColumn];
    return typeof key !== 'string' || key === '' || !key.startsWith(`${ctx.storeKey}_`);
  });
  const [only, ...more] = named;
  if (only && more.length === 0) return { kind: 'update', row: only, matchedOn: 'name' };
  if (only) {
    const candidates = named.map((row): MergeCandidate => ({
      crmTable: 'account',
      crmId: row.id,
      matchedOn: ['name'],
      confidence: 0.5,
      label: typeof row.name === 'string' ? row.name : row.id,
    }));
    return { kind: 'ambiguous', reason: `${named.length} accounts are named "${input.name ?? ''}"`, candidates };
  }
  return { kind: 'create' };
}
