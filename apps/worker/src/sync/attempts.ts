import { type Database, recordAttempt, type SyncSource } from '@shopverse/db';
import type { NewSyncAttempt } from '@shopverse/db/schema';
import { redactPersonalData } from '@shopverse/sync-core';
import type { StoreContext } from './store-context';

/** What a sync carries from its job to every attempt it logs and every call it makes (the task's `TaskContext`). */
export interface SyncChain {
  /** Sent on every API call and written to `<prefix>_lastcorrelationid`. */
  correlationId: string;
  /** The attempt number for the sync log (`TaskContext.attempt`). */
  attempt: number;
  /** What started the chain; absent for callers that do not know it (the log then leaves it null). */
  source?: SyncSource;
  /** When the change reached us, if known. */
  receivedAt?: Date;
}

/** The chain alone, without the rest of a request (a webhook body must not reach the sync of another record). */
export function chainOf(request: SyncChain): SyncChain {
  return {
    correlationId: request.correlationId,
    attempt: request.attempt,
    ...(request.source ? { source: request.source } : {}),
    ...(request.receivedAt ? { receivedAt: request.receivedAt } : {}),
  };
}

/** What every attempt of one Shopify -> CRM sync job shares: its chain, its store and org. */
export interface AttemptScope extends SyncChain {
  ctx: StoreContext;
}

/** Whether this store's syncs only show what they would write (`pipeline.dryRun`). */
export function isDryRun(ctx: StoreContext): boolean {
  return ctx.settings.pipeline.dryRun;
}

/**
 * A sync log row of this job: the shared fields filled, the rest as given. The store's settings apply here, in one
 * place for every row: `dry_run` from `pipeline.dryRun`, and with `pipeline.redactPersonalData` the request and the
 * response lose their personal data.
 */
export function syncAttempt(
  scope: AttemptScope,
  fields: Omit<
    NewSyncAttempt,
    'correlationId' | 'storeId' | 'orgId' | 'direction' | 'attempt' | 'source' | 'receivedAt' | 'dryRun'
  >,
): NewSyncAttempt {
  const redact = scope.ctx.settings.pipeline.redactPersonalData;
  return {
    correlationId: scope.correlationId,
    storeId: scope.ctx.storeId,
    orgId: scope.ctx.org.id,
    direction: 'shopify_to_crm',
    attempt: scope.attempt,
    source: scope.source ?? null,
    receivedAt: scope.receivedAt ?? null,
    dryRun: isDryRun(scope.ctx),
    ...fields,
    // The email column is the console's search key, so it is kept; with redaction on it is personal data like any
    // other and is left out: such a store's attempts are found by Shopify id, CRM id, order name or correlation id.
    email: redact ? null : (fields.email ?? null),
    request: redact ? redactPersonalData(fields.request ?? null) : (fields.request ?? null),
    response: redact ? redactPersonalData(fields.response ?? null) : (fields.response ?? null),
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
  started: number = performance.now(),
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
      durationMs: Math.round(performance.now() - started),
    }),
  );
}
