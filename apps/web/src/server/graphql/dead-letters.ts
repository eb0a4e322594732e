import {
  failureGroups,
  inTransaction,
  listDeadLetters,
  recordAuditEvent,
  replayDeadLetters,
  replayDelivery,
  type ReplayedJob,
  type ReplayOutcome,
  type DeadLetterSelection,
} from '@shopverse/db';
import type { DeadLetter } from '@shopverse/db/schema';
import { GraphQLError } from 'graphql';
import { badInput, decodeCursor, encodeCursor, isUuid, pageSize, uuidArgument } from './attempts';
import type { GraphQLContext } from './context';
import { requireRole } from './authorize';

type DeadLetterStatus = 'open' | 'replayed' | 'resolved';

export const deadLetterStatusValues: Record<Uppercase<DeadLetterStatus>, DeadLetterStatus> = {
  OPEN: 'open',
  REPLAYED: 'replayed',
  RESOLVED: 'resolved',
};

/** A row of `dead_letters` as a `DeadLetter`; resolved wins over replayed, since it says the retry worked. */
export function toDeadLetter(letter: DeadLetter) {
  const status: DeadLetterStatus = letter.resolvedAt ? 'resolved' : letter.replayedAt ? 'replayed' : 'open';
  return { ...letter, task: letter.taskIdentifier, status };
}

/** Retries can queue many jobs; more ids than this in one call is a mistake rather than a plan. */
const MAX_IDS = 1000;

interface DeadLettersArgs {
  filter?: { storeId?: string | null; entity?: string | null; errorCode?: string | null; openOnly?: boolean | null };
  first?: number | null;
  after?: string | null;
}

async function deadLetters(_parent: unknown, args: DeadLettersArgs, context: GraphQLContext) {
  const first = pageSize(args.first);
  const storeId = uuidArgument(args.filter?.storeId, 'filter.storeId', 'a store id (a UUID)');
  const after = args.after == null ? undefined : decodeCursor(args.after);
  if (args.after != null && !after) {
    throw badInput('after is not a cursor of the failed list; pass an endCursor or an edge cursor as given.', 'after');
  }
  const page = await listDeadLetters(context.db, {
    ...(storeId ? { storeId } : {}),
    ...(args.filter?.entity ? { entity: args.filter.entity } : {}),
    ...(args.filter?.errorCode ? { errorCode: args.filter.errorCode } : {}),
    openOnly: args.filter?.openOnly ?? true,
    first,
    ...(after ? { after: { failedAt: after.at, id: after.id } } : {}),
  });
  const edges = page.items.map((entry) => ({
    cursor: encodeCursor(entry.position.failedAt, entry.position.id),
    node: toDeadLetter(entry.letter),
  }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
}

async function groups(_parent: unknown, args: { storeId?: string | null }, context: GraphQLContext) {
  const storeId = uuidArgument(args.storeId, 'storeId', 'a store id (a UUID)');
  return failureGroups(context.db, storeId);
}

function queuedOrRefused(outcome: ReplayOutcome) {
  switch (outcome.kind) {
    case 'queued':
      return { count: outcome.jobs.length, queued: outcome.jobs };
    case 'not_found':
      throw new GraphQLError(`No dead letter ${outcome.ids.join(', ')}; nothing was retried.`, {
        extensions: { code: 'DEAD_LETTER_NOT_FOUND', ids: outcome.ids },
      });
    case 'not_open':
      throw new GraphQLError(
        `${outcome.letters.length} of the dead letters ${outcome.letters.length === 1 ? 'is' : 'are'} no longer ` +
          'on the failed list (retried already, or resolved by a later sync); nothing was retried. ' +
          'Leave them out, or look at their correlation chain.',
        {
          extensions: {
            code: 'DEAD_LETTER_NOT_OPEN',
            letters: outcome.letters.map((letter) => ({
              id: letter.id,
              status: toDeadLetter(letter).status.toUpperCase(),
              replayedBy: letter.replayedBy,
              replayedAt: letter.replayedAt?.toISOString() ?? null,
              resolvedAt: letter.resolvedAt?.toISOString() ?? null,
              correlationId: letter.correlationId,
            })),
          },
        },
      );
  }
}

/** A retry's target in the audit trail: one letter is its own; a selection or a group is named by what chose it. */
function retryTarget(selection: DeadLetterSelection, jobs: ReplayedJob[]): { targetType: string; targetId: string } {
  if ('ids' in selection) {
    const [only] = jobs;
    return {
      targetType: 'dead_letter',
      targetId: jobs.length === 1 && only ? only.deadLetterId : `${jobs.length} dead letters`,
    };
  }
  return {
    targetType: 'failure_group',
    targetId: `${selection.entity ?? 'every entity'} / ${selection.errorCode ?? 'every error code'}`,
  };
}

/**
 * Retries the selected dead letters and, when that queued any job, records who retried what in the audit trail in
 * the same transaction: the retry and its audit event commit together or not at all. A retry that queued nothing (a
 * refusal, an empty group) changed nothing, so it leaves no event. `cause` says what else led to the retry (a merge
 * decision), for retries a person did not ask for one by one.
 */
export async function retryAudited(
  context: GraphQLContext,
  selection: DeadLetterSelection,
  cause?: Record<string, unknown>,
): Promise<ReplayOutcome> {
  return inTransaction(context.db, async (tx) => {
    const outcome = await replayDeadLetters(tx.db, selection, context.actor, context.now);
    if (outcome.kind !== 'queued' || outcome.jobs.length === 0) return outcome;
    const { jobs } = outcome;
    const [only] = jobs;
    const single = jobs.length === 1 && only;
    const stores = new Set(jobs.map((job) => job.storeId));
    await recordAuditEvent(tx.db, {
      actor: context.actor,
      actorRole: context.role,
      action: 'dead_letter.retry',
      ...retryTarget(selection, jobs),
      storeId: stores.size === 1 && only ? only.storeId : null,
      correlationId: single ? single.correlationId : null,
      details: {
        count: jobs.length,
        ...('ids' in selection ? {} : { group: { ...selection } }),
        ids: jobs.map((job) => job.deadLetterId),
        ...(cause ? { cause } : {}),
      },
      occurredAt: context.now,
    });
    return outcome;
  });
}

async function retryDeadLetters(_parent: unknown, args: { ids: string[] }, context: GraphQLContext) {
  requireRole(context, 'operator');
  if (args.ids.length === 0) throw badInput('ids is empty: name at least one dead letter.', 'ids');
  if (args.ids.length > MAX_IDS) {
    throw badInput(`ids holds ${args.ids.length} ids; at most ${MAX_IDS} at once, or use retryFailed.`, 'ids');
  }
  const malformed = args.ids.filter((id) => !isUuid(id.trim()));
  // An id that is not a UUID names no dead letter: the same refusal as an unknown one.
  if (malformed.length > 0) return queuedOrRefused({ kind: 'not_found', ids: malformed });
  const selection: DeadLetterSelection = { ids: args.ids.map((id) => id.trim().toLowerCase()) };
  return queuedOrRefused(await retryAudited(context, selection));
}

interface RetryFailedArgs {
  storeId: string;
  entity?: string | null;
  errorCode?: string | null;
}

async function retryFailed(_parent: unknown, args: RetryFailedArgs, context: GraphQLContext) {
  requireRole(context, 'operator');
  const storeId = uuidArgument(args.storeId, 'storeId', 'a store id (a UUID)') ?? '';
  const [store] = await context.sql`select id from stores where id = ${storeId}`;
  if (!store) {
    throw new GraphQLError(`No store ${storeId}; nothing was retried.`, {
      extensions: { code: 'STORE_NOT_FOUND', storeId },
    });
  }
  const selection: DeadLetterSelection = {
    storeId,
    ...(args.entity?.trim() ? { entity: args.entity.trim() } : {}),
    ...(args.errorCode?.trim() ? { errorCode: args.errorCode.trim() } : {}),
  };
  return queuedOrRefused(await retryAudited(context, selection));
}

async function replay(_parent: unknown, args: { deliveryId: string }, context: GraphQLContext) {
  requireRole(context, 'operator');
  const notFound = () =>
    new GraphQLError(`No webhook delivery ${args.deliveryId}; nothing was replayed.`, {
      extensions: { code: 'DELIVERY_NOT_FOUND', deliveryId: args.deliveryId },
    });
  if (!isUuid(args.deliveryId.trim())) throw notFound();
  // The replay's job and its audit event commit together.
  const replayed = await inTransaction(context.db, async (tx) => {
    const queued = await replayDelivery(tx.db, args.deliveryId.trim().toLowerCase(), context.actor);
    if (!queued) return undefined;
    await recordAuditEvent(tx.db, {
      actor: context.actor,
      actorRole: context.role,
      action: 'delivery.replay',
      targetType: 'webhook_delivery',
      targetId: queued.deliveryId,
      storeId: queued.storeId,
      correlationId: queued.correlationId,
      details: { topic: queued.topic, jobId: queued.jobId },
      occurredAt: context.now,
    });
    return queued;
  });
  if (!replayed) throw notFound();
  return replayed;
}

export const deadLetterResolvers = {
  DeadLetterStatus: deadLetterStatusValues,
  Query: { deadLetters, failureGroups: groups },
  Mutation: { retryDeadLetters, retryFailed, replayDelivery: replay },
};
