import { backfillProgress, listBackfills, recordAuditEvent, type SyncEntity, startBackfill } from '@shopverse/db';
import { GraphQLError } from 'graphql';
import type { GraphQLContext } from './context';
import { requireRole } from './authorize';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function uuidOrRefuse(value: string, what: string): string {
  if (!UUID.test(value)) {
    throw new GraphQLError(`${what} must be a UUID, not "${value}".`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return value.toLowerCase();
}

/** GraphQL's enum values name our statuses; Apollo maps between them. */
const statusValues = {
  PENDING: 'pending',
  BULK_RUNNING: 'bulk_running',
  INGESTING: 'ingesting',
  SYNCING: 'syncing',
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
};

const entityValues: Record<Uppercase<SyncEntity>, SyncEntity> = {
  CUSTOMER: 'customer',
  COMPANY: 'company',
  ORDER: 'order',
};

export const backfillResolvers = {
  BackfillStatus: statusValues,
  SyncEntity: entityValues,
  Query: {
    backfills: (_parent: unknown, args: { storeId?: string | null; first?: number }, context: GraphQLContext) => {
      const first = args.first ?? 50;
      if (first < 1 || first > 200) {
        throw new GraphQLError(`first must be 1 to 200, not ${first}.`, { extensions: { code: 'BAD_USER_INPUT' } });
      }
      return listBackfills(
        context.db,
        { ...(args.storeId ? { storeId: uuidOrRefuse(args.storeId, 'storeId') } : {}), limit: first },
        context.now,
      );
    },
    backfill: async (_parent: unknown, args: { id: string }, context: GraphQLContext) =>
      (await backfillProgress(context.db, uuidOrRefuse(args.id, 'id'), context.now)) ?? null,
  },
  Mutation: {
    startBackfill: async (_parent: unknown, args: { storeId: string; entity: SyncEntity }, context: GraphQLContext) => {
      requireRole(context, 'operator');
      const storeId = uuidOrRefuse(args.storeId, 'storeId');
      let started;
      try {
        started = await startBackfill(context.sql, { storeId, entity: args.entity, requestedBy: context.actor });
      } catch (error) {
        const message = (error as Error).message;
        const code = /^No store with id/.test(message) ? 'STORE_NOT_FOUND' : 'BACKFILL_ACTIVE';
        throw new GraphQLError(message, { extensions: { code } });
      }
      // startBackfill commits the backfill and its job in a transaction of its own (postgres-js cannot nest a
      // begin), so the audit event follows it: a failure here leaves a started backfill unaudited, never the reverse.
      await recordAuditEvent(context.db, {
        actor: context.actor,
        actorRole: context.role,
        action: 'backfill.start',
        targetType: 'backfill',
        targetId: started.id,
        storeId: started.storeId,
        correlationId: started.correlationId,
        details: { entity: started.entity },
        occurredAt: context.now,
      });
      const withProgress = await backfillProgress(context.db, started.id, context.now);
      if (!withProgress) throw new Error(`Backfill ${started.id} vanished right after it was started.`);
      return withProgress;
    },
  },
};
