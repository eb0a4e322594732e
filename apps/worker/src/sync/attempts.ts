import { type Database, recordAttempt } from '@shopverse/db';
import type { NewSyncAttempt } from '@shopverse/db/schema';
import type { StoreContext } from './store-context';

/** What every attempt of one Shopify -> CRM sync job shares: its chain, its store and org, and the job's try. */
export interface AttemptScope {
  ctx: StoreContext;
  correlationId: string;
  attempt: number;
}

/** A sync log row of this job: the shared fields filled, the rest as given. */
export function syncAttempt(
  scope: AttemptScope,
  fields: Omit<NewSyncAttempt, 'correlationId' | 'storeId' | 'orgId' | 'direction' | 'attempt'>,
): NewSyncAttempt {
  return {
    correlationId: scope.correlationId,
    storeId: scope.ctx.storeId,
    orgId: scope.ctx.org.id,
    direction: 'shopify_to_crm',
    attempt: scope.attempt,
    ...fields,
  };
}

/** Logs a record the sync left alone, with the reason a person reads. */
export async function recordSkip(
  db: Database,
  scope: AttemptScope,
  fields: { entity: string; shopifyGid: string; reason: string; crmTable?: string; crmId?: string | null } & Record<
    string,
    unknown
  >,
): Promise<void> {
  const { entity, shopifyGid, reason, crmTable, crmId, ...detail } = fields;
  await recordAttempt(
    db,
    syncAttempt(scope, {
      entity,
      shopifyGid,
      crmTable: crmTable ?? null,
      crmId: crmId ?? null,
      outcome: 'skipped',
      request: { reason, ...detail },
    }),
  );
}
