import {
  addJob,
  decideMergeItem,
  describeRefusal,
  type DecisionRefusal,
  getMergeItem,
  inTransaction,
  isTwoWayConflict,
  listMergeItems,
  type MergeDecision,
  type MergePosition,
  recordAuditEvent,
  settleTwoWayConflict,
  type TransactionHandles,
} from '@shopverse/db';
import type { MergeCandidate, MergeQueueItem, MergeStatus, ShopifyType } from '@shopverse/db/schema';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { GraphQLContext } from './context';
import { requireRole } from './authorize';
import { retryAudited } from './dead-letters';
import { resyncPlan } from './merge-resync';

/** GraphQL's enum values name our database values; Apollo maps between them. */
export const mergeStatusValues: Record<Uppercase<MergeStatus>, MergeStatus> = {
  OPEN: 'open',
  RESOLVED: 'resolved',
  DISMISSED: 'dismissed',
};

export const shopifyTypeValues: Record<Uppercase<ShopifyType>, ShopifyType> = {
  CUSTOMER: 'customer',
  COMPANY: 'company',
  COMPANY_LOCATION: 'company_location',
  ADDRESS_COMPANY: 'address_company',
  GUEST_CHECKOUT: 'guest_checkout',
  ORDER: 'order',
  LINE_ITEM: 'line_item',
  REFUND: 'refund',
  FULFILLMENT: 'fulfillment',
};

/** A decision as the API takes it: one of the database's on an ambiguous match, or the side kept in a conflict. */
type Decision = MergeDecision | { kind: 'keep_crm' } | { kind: 'keep_shopify' };
type DecisionKind = Decision['kind'];

export const mergeDecisionKindValues: Record<Uppercase<DecisionKind>, DecisionKind> = {
  LINK: 'link',
  CREATE: 'create',
  IGNORE: 'ignore',
  KEEP_CRM: 'keep_crm',
  KEEP_SHOPIFY: 'keep_shopify',
};

const isKeep = (decision: Decision): decision is { kind: 'keep_crm' } | { kind: 'keep_shopify' } =>
  decision.kind === 'keep_crm' || decision.kind === 'keep_shopify';

/** Why an item waits, as the API names it (no enum resolver: the values are the GraphQL names). */
export type MergeItemKind = 'AMBIGUOUS_MATCH' | 'TWO_WAY_CONFLICT';

/** A field of a two-way conflict as the API shows it: the contact's columns on each side. */
export interface ConflictFieldView {
  field: 'EMAIL' | 'PHONE' | 'ADDRESS';
  crm: Record<string, unknown>;
  shopify: Record<string, unknown> | null;
}

export interface ConflictView {
  fields: ConflictFieldView[];
  crmModifiedOn: Date | null;
  shopifyUpdatedAt: Date | null;
}

/** A candidate as the API shows it, whichever shape the worker stored it in. */
export interface MergeCandidateView {
  crmTable: string;
  crmId: string;
  matchedOn: string[];
  confidence: number | null;
  label: string | null;
}

/** An item as the API shows it; enums hold database values, which the enum resolvers name. */
export interface MergeItemView extends Omit<MergeQueueItem, 'candidates' | 'resolution'> {
  kind: MergeItemKind;
  candidates: MergeCandidateView[];
  conflict: ConflictView | null;
  resolution: { kind: DecisionKind; crmId: string | null } | null;
}

function toCandidate(candidate: MergeCandidate): MergeCandidateView {
  const { matchedOn, confidence, label } = candidate;
  return {
    crmTable: candidate.crmTable,
    crmId: candidate.crmId,
    // Items parked before candidates carried every key hold one key as a string.
    matchedOn: typeof matchedOn === 'string' ? [matchedOn] : matchedOn.filter((key) => typeof key === 'string'),
    confidence: typeof confidence === 'number' && Number.isFinite(confidence) ? confidence : null,
    label: typeof label === 'string' ? label : null,
  };
}

function toResolution(resolution: Record<string, unknown> | null): MergeItemView['resolution'] {
  const kind = resolution?.kind;
  if (typeof kind !== 'string' || !Object.values<string>(mergeDecisionKindValues).includes(kind)) return null;
  const known = kind as DecisionKind;
  return { kind: known, crmId: known === 'link' && typeof resolution?.crmId === 'string' ? resolution.crmId : null };
}

const columns = z.record(z.string(), z.unknown());
const moment = z
  .string()
  .nullish()
  .transform((value) => (value && !Number.isNaN(Date.parse(value)) ? new Date(value) : null))
  .catch(null);

/** The payload `crm_changes__poll` parks for a conflict, read leniently: what is missing or odd reads as absent. */
const conflictPayload = z.object({
  fields: z.array(
    z.object({ field: z.enum(['email', 'phone', 'address']), crm: columns, shopify: columns.nullish().catch(null) }),
  ),
  crmModifiedOn: moment,
  shopifyUpdatedAt: moment,
});

function toConflict(payload: unknown): ConflictView | null {
  const parsed = conflictPayload.safeParse(payload);
  if (!parsed.success) return null;
  return {
    fields: parsed.data.fields.map((entry) => ({
      field: entry.field === 'email' ? 'EMAIL' : entry.field === 'phone' ? 'PHONE' : 'ADDRESS',
      crm: entry.crm,
      shopify: entry.shopify ?? null,
    })),
    crmModifiedOn: parsed.data.crmModifiedOn,
    shopifyUpdatedAt: parsed.data.shopifyUpdatedAt,
  };
}

/** A row of `merge_queue` as a `MergeItem`. */
export function toMergeItem(item: MergeQueueItem): MergeItemView {
  const conflict = isTwoWayConflict(item) ? toConflict(item.payload) : null;
  return {
    ...item,
    kind: conflict ? 'TWO_WAY_CONFLICT' : 'AMBIGUOUS_MATCH',
    candidates: item.candidates.map(toCandidate),
    conflict,
    resolution: toResolution(item.resolution),
  };
}

const MAX_PAGE = 200;
const position = z.tuple([z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/), z.uuid()]);
const uuid = z.uuid();

/** The opaque cursor of an item: its position in the queue's order, which clients pass back unread. */
export function encodeCursor(at: MergePosition): string {
  return Buffer.from(JSON.stringify([at.createdAt, at.id])).toString('base64url');
}

/** The position a cursor stands for; undefined for anything this API did not hand out. */
export function decodeCursor(cursor: string): MergePosition | undefined {
  try {
    const parsed = position.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { createdAt: parsed.data[0], id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}

function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

interface MergeQueueArgs {
  storeId?: string | null;
  status?: MergeStatus | null;
  first?: number | null;
  after?: string | null;
}

async function mergeQueue(_parent: unknown, args: MergeQueueArgs, context: GraphQLContext) {
  const first = args.first ?? 50;
  if (first < 0 || first > MAX_PAGE) throw badInput(`first must be 0 to ${MAX_PAGE}, not ${first}.`, 'first');
  if (args.storeId != null && !uuid.safeParse(args.storeId).success) {
    throw badInput(`storeId ${JSON.stringify(args.storeId)} is not a store id (a UUID).`, 'storeId');
  }
  const after = args.after == null ? undefined : decodeCursor(args.after);
  if (args.after != null && !after) {
    throw badInput('after is not a cursor of the merge queue; pass an endCursor or an edge cursor as given.', 'after');
  }
  const page = await listMergeItems(context.db, {
    storeId: args.storeId ?? undefined,
    status: args.status ?? undefined,
    first,
    after,
  });
  const edges = page.items.map((entry) => ({ cursor: encodeCursor(entry.position), node: toMergeItem(entry.item) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
}

interface ResolveMergeArgs {
  id: string;
  decision: { kind: DecisionKind; crmId?: string | null };
}

/** The decision the input describes; LINK needs a crmId and only LINK takes one. */
function toDecision(input: ResolveMergeArgs['decision']): Decision {
  const crmId = input.crmId?.trim() || undefined;
  if (input.kind === 'link') {
    if (!crmId) throw badInput('LINK needs crmId: the id of the candidate the record is.', 'decision.crmId');
    return { kind: 'link', crmId };
  }
  if (crmId) {
    const kind = input.kind.toUpperCase();
    throw badInput(`crmId is only for LINK; ${kind} takes none. Leave crmId out, or choose LINK.`, 'decision.crmId');
  }
  return { kind: input.kind };
}

/** Refuses a decision of the other kind of item: a side kept for an ambiguous match, a link for a conflict. */
function assertDecisionFits(item: MergeQueueItem, decision: Decision): void {
  const conflict = isTwoWayConflict(item);
  if (conflict === isKeep(decision)) return;
  const kind = decision.kind.toUpperCase();
  throw badInput(
    conflict
      ? `Merge queue item ${item.id} (${item.shopifyGid}) is a two-way conflict: a field was edited in the CRM and ` +
          `in Shopify. ${kind} is for ambiguous matches; decide it with KEEP_CRM or KEEP_SHOPIFY.`
      : `Merge queue item ${item.id} (${item.shopifyGid}) is an ambiguous match. ${kind} is for two-way ` +
          'conflicts; decide it with LINK, CREATE or IGNORE.',
    'decision.kind',
  );
}

/** Queues what follows a decision, in its transaction; returns the job's identifier, or null when none is queued. */
async function queueFollowUp(tx: TransactionHandles, item: MergeQueueItem, decision: Decision, now: Date) {
  if (isKeep(decision)) {
    const keep = decision.kind === 'keep_crm' ? 'crm' : 'shopify';
    return (await settleTwoWayConflict(tx, { item, keep, now }))?.identifier ?? null;
  }
  const plan = resyncPlan(item);
  if (plan.kind !== 'job') return null;
  const { identifier, payload, jobKey } = plan.job;
  await addJob(tx.sql, identifier, payload, { jobKey });
  return identifier;
}

function refusalError(refusal: DecisionRefusal): GraphQLError {
  const message = describeRefusal(refusal);
  switch (refusal.kind) {
    case 'not_found':
      return new GraphQLError(message, { extensions: { code: 'MERGE_NOT_FOUND', id: refusal.id } });
    case 'already_decided':
      return new GraphQLError(message, {
        extensions: {
          code: 'MERGE_ALREADY_DECIDED',
          status: refusal.item.status.toUpperCase(),
          resolvedBy: refusal.item.resolvedBy,
          resolvedAt: refusal.item.resolvedAt?.toISOString() ?? null,
          correlationId: refusal.item.correlationId,
        },
      });
    case 'not_a_candidate':
      return new GraphQLError(message, {
        extensions: {
          code: 'MERGE_NOT_A_CANDIDATE',
          crmId: refusal.crmId,
          candidates: refusal.item.candidates.map((candidate) => candidate.crmId),
          correlationId: refusal.item.correlationId,
        },
      });
  }
}

/**
 * Records the decision and queues what follows it (the record's re-sync, or the conflict's push or sync) in one
 * transaction: either the worker is told to follow the decision, or the decision is not recorded and the person can
 * try again.
 */
async function resolveMerge(_parent: unknown, args: ResolveMergeArgs, context: GraphQLContext) {
  requireRole(context, 'operator');
  const decision = toDecision(args.decision);
  if (!uuid.safeParse(args.id).success) throw refusalError({ kind: 'not_found', id: args.id });
  const outcome = await inTransaction(context.db, async (tx) => {
    // Whether the item is a conflict never changes while it is open: the poll parks a conflict only for a linked
    // customer, which no ambiguous match is about. The kind is checked before the decision so nothing is recorded.
    const current = await getMergeItem(tx.db, args.id);
    if (!current) return { kind: 'not_found' as const, id: args.id };
    if (current.status === 'open') assertDecisionFits(current, decision);
    const decided = await decideMergeItem(tx.db, {
      id: args.id,
      decision,
      by: context.actor,
      now: context.now,
    });
    if (decided.kind !== 'decided') return decided;
    const { item } = decided;
    const queued = await queueFollowUp(tx, item, decision, context.now);
    await recordAuditEvent(tx.db, {
      actor: context.actor,
      actorRole: context.role,
      action: 'merge.resolve',
      targetType: 'merge_queue',
      targetId: item.id,
      storeId: item.storeId,
      orgId: item.orgId,
      correlationId: item.correlationId,
      details: {
        kind: decision.kind,
        crmId: decision.kind === 'link' ? decision.crmId : null,
        shopifyType: item.shopifyType,
        shopifyGid: item.shopifyGid,
        ...(isKeep(decision) && { queued, fields: toConflict(item.payload)?.fields.map((entry) => entry.field) }),
      },
      occurredAt: context.now,
    });
    return decided;
  });
  if (outcome.kind !== 'decided') throw refusalError(outcome);
  const view = toMergeItem(outcome.item);
  // A conflict's customer was linked all along: no order waits for it.
  if (isKeep(decision)) return view;
  // Orders that gave up waiting for an undecided customer are on the failed list: now that a person decided, they
  // go again (any still waiting for another decision simply wait again). Orders still within their waits need nothing.
  await retryAudited(
    context,
    { storeId: outcome.item.storeId, entity: 'order', errorCode: 'order.customer_unresolved' },
    { action: 'merge.resolve', mergeItemId: outcome.item.id },
  );
  return view;
}

export const mergeQueueResolvers = {
  MergeStatus: mergeStatusValues,
  ShopifyType: shopifyTypeValues,
  MergeDecisionKind: mergeDecisionKindValues,
  Query: { mergeQueue },
  Mutation: { resolveMerge },
};
