import { attemptById, type AttemptFilter, correlationChain, searchAttempts } from '@shopverse/db';
import type { ErrorClass, SyncAttempt, SyncDirection, SyncOutcome } from '@shopverse/db/schema';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { GraphQLContext } from './context';

/** GraphQL's enum values name our database values; Apollo maps between them. */
export const syncOutcomeValues: Record<Uppercase<SyncOutcome>, SyncOutcome> = {
  CREATED: 'created',
  UPDATED: 'updated',
  UNCHANGED: 'unchanged',
  SKIPPED: 'skipped',
  AMBIGUOUS: 'ambiguous',
  FAILED: 'failed',
  RETRYING: 'retrying',
};

export const errorClassValues: Record<Uppercase<ErrorClass>, ErrorClass> = {
  TRANSIENT: 'transient',
  DEPENDENCY: 'dependency',
  PERMANENT: 'permanent',
};

export const syncDirectionValues: Record<Uppercase<SyncDirection>, SyncDirection> = {
  SHOPIFY_TO_CRM: 'shopify_to_crm',
  CRM_TO_SHOPIFY: 'crm_to_shopify',
};

export const MAX_PAGE = 200;
const uuid = z.uuid();
// Dataverse's row ids are GUIDs, not always RFC 9562 UUIDs: rows made with sequential ids read like
// `a2d3c9f0-1f2b-e811-a953-000d3a1a9407` (no valid version digit). Postgres's uuid type takes any of them.
const guid = z.guid();
const position = z.tuple([z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/), z.uuid()]);

/** An opaque keyset cursor: the row's instant (with microseconds) and id, which clients pass back unread. */
export function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

/** The instant and id a cursor stands for; undefined for anything this API did not hand out. */
export function decodeCursor(cursor: string): { at: string; id: string } | undefined {
  try {
    const parsed = position.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { at: parsed.data[0], id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

export function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

/** Checks a page size the way every list of this API does. */
export function pageSize(first: number | null | undefined): number {
  const size = first ?? 50;
  if (size < 0 || size > MAX_PAGE) throw badInput(`first must be 0 to ${MAX_PAGE}, not ${size}.`, 'first');
  return size;
}

export function isUuid(value: string): boolean {
  return uuid.safeParse(value).success;
}

/** An id argument that must be a UUID; the message names it, since a wrong paste is the usual cause. */
export function uuidArgument(value: string | null | undefined, argument: string, what: string): string | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (!uuid.safeParse(trimmed).success)
    throw badInput(`${argument} ${JSON.stringify(value)} is not ${what}.`, argument);
  return trimmed;
}

/** An id argument that must be a GUID in its 8-4-4-4-12 hex form, as Dynamics shows a row id. */
function guidArgument(value: string | null | undefined, argument: string, what: string): string | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim().toLowerCase();
  if (!guid.safeParse(trimmed).success)
    throw badInput(`${argument} ${JSON.stringify(value)} is not ${what}.`, argument);
  return trimmed;
}

interface SyncAttemptFilterInput {
  storeId?: string | null;
  correlationId?: string | null;
  orderName?: string | null;
  email?: string | null;
  shopifyId?: string | null;
  crmId?: string | null;
  entity?: string | null;
  outcomes?: SyncOutcome[] | null;
  from?: Date | null;
  to?: Date | null;
}

const SHOPIFY_ID = /^(gid:\/\/shopify\/[A-Za-z]+\/\d+|\d+)$/;

function toFilter(input: SyncAttemptFilterInput | null | undefined): AttemptFilter {
  const filter: AttemptFilter = {};
  if (!input) return filter;
  const storeId = uuidArgument(input.storeId, 'filter.storeId', 'a store id (a UUID)');
  const correlationId = uuidArgument(input.correlationId, 'filter.correlationId', 'a correlation id (a UUID)');
  const crmId = guidArgument(input.crmId, 'filter.crmId', 'a Dataverse row id (a GUID)');
  const shopifyId = input.shopifyId?.trim();
  if (shopifyId !== undefined && !SHOPIFY_ID.test(shopifyId)) {
    throw badInput(
      `filter.shopifyId ${JSON.stringify(input.shopifyId)} is neither a gid (gid://shopify/Order/1) nor a numeric id.`,
      'filter.shopifyId',
    );
  }
  if (input.from && input.to && input.from >= input.to) {
    throw badInput('filter.from must be before filter.to.', 'filter.from');
  }
  if (storeId) filter.storeId = storeId;
  if (correlationId) filter.correlationId = correlationId;
  if (crmId) filter.crmId = crmId;
  if (shopifyId) filter.shopifyId = shopifyId;
  if (input.orderName?.trim()) filter.orderName = input.orderName.trim();
  if (input.email?.trim()) filter.email = input.email.trim();
  if (input.entity?.trim()) filter.entity = input.entity.trim();
  if (input.outcomes?.length) filter.outcomes = input.outcomes;
  if (input.from) filter.from = input.from;
  if (input.to) filter.to = input.to;
  return filter;
}

interface SyncAttemptsArgs {
  filter?: SyncAttemptFilterInput | null;
  first?: number | null;
  after?: string | null;
}

async function syncAttempts(_parent: unknown, args: SyncAttemptsArgs, context: GraphQLContext) {
  const first = pageSize(args.first);
  const filter = toFilter(args.filter);
  const after = args.after == null ? undefined : decodeCursor(args.after);
  if (args.after != null && !after) {
    throw badInput('after is not a cursor of the sync log; pass an endCursor or an edge cursor as given.', 'after');
  }
  const page = await searchAttempts(context.db, {
    ...filter,
    first,
    ...(after ? { after: { startedAt: after.at, id: after.id } } : {}),
  });
  const edges = page.items.map((entry) => ({
    cursor: encodeCursor(entry.position.startedAt, entry.position.id),
    node: entry.attempt,
  }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

async function syncAttempt(
  _parent: unknown,
  args: { id: string },
  context: GraphQLContext,
): Promise<SyncAttempt | null> {
  // Not a UUID cannot be an attempt: null, as for any id that is not there.
  if (!uuid.safeParse(args.id).success) return null;
  return (await attemptById(context.db, args.id)) ?? null;
}

async function chain(_parent: unknown, args: { correlationId: string }, context: GraphQLContext) {
  const correlationId = uuidArgument(args.correlationId, 'correlationId', 'a correlation id (a UUID)');
  return correlationId ? correlationChain(context.db, correlationId) : [];
}

export const attemptsResolvers = {
  SyncOutcome: syncOutcomeValues,
  ErrorClass: errorClassValues,
  SyncDirection: syncDirectionValues,
  Query: { syncAttempts, syncAttempt, correlationChain: chain },
};
