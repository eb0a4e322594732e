import { backfillResolvers } from './backfills';
import { checkHealth, type HealthStatus } from '../health';
import type { GraphQLContext } from './context';
import { DateTimeScalar } from './date-time';
import { JSONScalar } from './json';
import { mergeQueueResolvers } from './merge-queue';
import { attemptsResolvers } from './attempts';
import { deadLetterResolvers } from './dead-letters';
import { statsResolvers } from './stats';
import { apiTokenResolvers } from './api-tokens';
import { auditEventResolvers } from './audit-events';
import { storeResolvers } from './stores';
import { orgResolvers } from './orgs';
import { mappingResolvers } from './mappings';
import { reportResolvers } from './reports';

/** GraphQL's enum values name our statuses; Apollo maps between them. */
const healthStatusValues: Record<Uppercase<HealthStatus>, HealthStatus> = {
  OK: 'ok',
  DEGRADED: 'degraded',
  DOWN: 'down',
};

export const resolvers = {
  DateTime: DateTimeScalar,
  JSON: JSONScalar,
  HealthStatus: healthStatusValues,
  MergeStatus: mergeQueueResolvers.MergeStatus,
  ShopifyType: mergeQueueResolvers.ShopifyType,
  MergeDecisionKind: mergeQueueResolvers.MergeDecisionKind,
  SyncOutcome: attemptsResolvers.SyncOutcome,
  ErrorClass: attemptsResolvers.ErrorClass,
  SyncDirection: attemptsResolvers.SyncDirection,
  DeadLetterStatus: deadLetterResolvers.DeadLetterStatus,
  Api: statsResolvers.Api,
  BackfillStatus: backfillResolvers.BackfillStatus,
  SyncEntity: backfillResolvers.SyncEntity,
  Role: apiTokenResolvers.Role,
  StoreStatus: storeResolvers.StoreStatus,
  Store: storeResolvers.Store,
  Org: storeResolvers.Org,
  Query: {
    health: (_parent: unknown, _args: unknown, context: GraphQLContext) =>
      checkHealth(context.sql, { now: context.now, workerStaleSeconds: context.workerStaleSeconds }),
    ...mergeQueueResolvers.Query,
    ...attemptsResolvers.Query,
    ...deadLetterResolvers.Query,
    ...statsResolvers.Query,
    ...backfillResolvers.Query,
    ...apiTokenResolvers.Query,
    ...auditEventResolvers.Query,
    ...storeResolvers.Query,
    ...orgResolvers.Query,
    ...mappingResolvers.Query,
    ...reportResolvers.Query,
  },
  Mutation: {
    ...mergeQueueResolvers.Mutation,
    ...deadLetterResolvers.Mutation,
    ...backfillResolvers.Mutation,
    ...apiTokenResolvers.Mutation,
    ...storeResolvers.Mutation,
    ...orgResolvers.Mutation,
  },
};
