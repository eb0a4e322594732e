import { type AuditEventFilter, listAuditEvents } from '@shopverse/db';
import { badInput, decodeCursor, encodeCursor, pageSize, uuidArgument } from './attempts';
import { requireRole } from './authorize';
import type { GraphQLContext } from './context';

/**
 * The cursor format of this API counts microseconds (PostgreSQL's precision). Audit events are always recorded with a
 * JavaScript Date (`recordAuditEvent` requires one), so their last three digits are zeros and nothing is lost.
 */
function microseconds(at: Date): string {
  return at.toISOString().replace('Z', '000Z');
}

interface AuditEventsArgs {
  first?: number | null;
  after?: string | null;
  filter?: {
    actor?: string | null;
    action?: string | null;
    targetType?: string | null;
    targetId?: string | null;
    storeId?: string | null;
  } | null;
}

async function auditEvents(_parent: unknown, args: AuditEventsArgs, context: GraphQLContext) {
  requireRole(context, 'admin');
  const first = pageSize(args.first);
  const after = args.after == null ? undefined : decodeCursor(args.after);
  if (args.after != null && !after) {
    throw badInput('after is not a cursor of the audit trail; pass an endCursor or an edge cursor as given.', 'after');
  }
  const given = args.filter ?? {};
  const filter: AuditEventFilter = {};
  if (given.actor != null) filter.actor = given.actor;
  if (given.action != null) filter.action = given.action;
  if (given.targetType != null) filter.targetType = given.targetType;
  if (given.targetId != null) filter.targetId = given.targetId;
  const storeId = uuidArgument(given.storeId, 'storeId', 'a store id (a UUID)');
  if (storeId) filter.storeId = storeId;
  const page = await listAuditEvents(context.db, {
    filter,
    first,
    ...(after ? { after: { occurredAt: new Date(after.at), id: after.id } } : {}),
  });
  const edges = page.items.map((event) => ({
    cursor: encodeCursor(microseconds(event.occurredAt), event.id),
    node: event,
  }));
  return { edges, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}

export const auditEventResolvers = { Query: { auditEvents } };
