import { apiCallTotals, type ApiCallTotals, dailyStoreStats, queueByTask } from '@shopverse/db';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { GraphQLContext } from './context';

/** Longest span `stats` reads at once: a year of days per store is already a large answer. */
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;
const uuid = z.uuid();

export const apiValues: Record<Uppercase<ApiCallTotals['api']>, ApiCallTotals['api']> = {
  SHOPIFY: 'shopify',
  DATAVERSE: 'dataverse',
};

function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

function checkRange(from: Date, to: Date, maxDays?: number): void {
  if (to.getTime() <= from.getTime()) {
    throw badInput(`to (${to.toISOString()}) must be after from (${from.toISOString()}).`, 'to');
  }
  if (maxDays !== undefined && to.getTime() - from.getTime() > maxDays * DAY_MS) {
    throw badInput(`from and to may be at most ${maxDays} days apart; ask for the range in parts.`, 'from');
  }
}

async function stats(
  _parent: unknown,
  args: { storeId?: string | null; from: Date; to: Date },
  context: GraphQLContext,
) {
  if (args.storeId != null && !uuid.safeParse(args.storeId).success) {
    throw badInput(`storeId ${JSON.stringify(args.storeId)} is not a store id (a UUID).`, 'storeId');
  }
  checkRange(args.from, args.to, MAX_DAYS);
  return dailyStoreStats(context.sql, { from: args.from, to: args.to, now: context.now, storeId: args.storeId });
}

async function queue(_parent: unknown, _args: unknown, context: GraphQLContext) {
  const byTask = await queueByTask(context.sql, context.now);
  const ages = byTask.flatMap((row) => (row.oldestAgeSeconds === null ? [] : [row.oldestAgeSeconds]));
  const total = (pick: (row: (typeof byTask)[number]) => number) => byTask.reduce((sum, row) => sum + pick(row), 0);
  return {
    depth: total((row) => row.depth),
    ready: total((row) => row.ready),
    running: total((row) => row.running),
    failed: total((row) => row.failed),
    oldestJobAgeSeconds: ages.length > 0 ? Math.max(...ages) : null,
    byTask: byTask.map(({ oldestAgeSeconds, ...row }) => ({ ...row, oldestJobAgeSeconds: oldestAgeSeconds })),
  };
}

async function apiCalls(_parent: unknown, args: { from: Date; to: Date }, context: GraphQLContext) {
  checkRange(args.from, args.to);
  const rows = await apiCallTotals(context.sql, { from: args.from, to: args.to });
  return rows.map(({ throttleWaitMs, ...row }) => ({ ...row, throttleWaitSeconds: throttleWaitMs / 1000 }));
}

export const statsResolvers = {
  Api: apiValues,
  Query: { stats, queue, apiCalls },
};
