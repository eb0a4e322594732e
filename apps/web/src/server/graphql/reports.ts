import {
  findCrmOrg,
  listCrmOrgs,
  listStores,
  type OrgReport,
  orgReport,
  reportedOrgIds,
  type StoreSummary,
} from '@shopverse/db';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { GraphQLContext } from './context';

const uuid = z.uuid();

interface RangeArgs {
  from?: Date | null;
  to?: Date | null;
}

function badInput(message: string, argument: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
}

function checkId(value: string | null | undefined, argument: string, what: string): void {
  if (value != null && !uuid.safeParse(value).success) {
    throw badInput(`${argument} ${JSON.stringify(value)} is not ${what} id (a UUID).`, argument);
  }
}

function checkRange({ from, to }: RangeArgs): void {
  if (from && to && to.getTime() <= from.getTime()) {
    throw badInput(`to (${to.toISOString()}) must be after from (${from.toISOString()}).`, 'to');
  }
}

/** The report as the schema has it: the org and stores as rows their own resolvers know. */
function present(
  report: OrgReport,
  org: unknown,
  stores: ReadonlyMap<string, StoreSummary>,
  range: RangeArgs,
): Record<string, unknown> {
  return {
    org,
    from: range.from ?? null,
    to: range.to ?? null,
    stores: report.stores.flatMap(({ storeId, key: _key, name: _name, ...figures }) => {
      const store = stores.get(storeId);
      return store ? [{ store, ...figures }] : [];
    }),
    total: report.total,
    sharedBetween: report.sharedBetween,
  };
}

async function orgReports(_parent: unknown, args: RangeArgs, context: GraphQLContext) {
  checkRange(args);
  const [ids, orgs, stores] = await Promise.all([
    reportedOrgIds(context.sql),
    listCrmOrgs(context.db),
    listStores(context.db),
  ]);
  const orgById = new Map(orgs.map((org) => [org.id, org]));
  const storeById = new Map(stores.map((store) => [store.id, store]));
  const reports = await Promise.all(
    ids.map(async (orgId) => {
      const report = await orgReport(context.sql, { orgId, from: args.from, to: args.to });
      const org = orgById.get(orgId);
      return report && org ? [present(report, org, storeById, args)] : [];
    }),
  );
  return reports.flat();
}

async function oneOrgReport(
  _parent: unknown,
  args: RangeArgs & { orgId: string; storeId?: string | null },
  context: GraphQLContext,
) {
  checkId(args.orgId, 'orgId', 'an org');
  checkId(args.storeId, 'storeId', 'a store');
  checkRange(args);
  const org = await findCrmOrg(context.db, args.orgId);
  if (!org) return null;
  const report = await orgReport(context.sql, {
    orgId: org.id,
    storeId: args.storeId,
    from: args.from,
    to: args.to,
  });
  if (!report) return null;
  if (args.storeId && report.stores.length === 0) {
    throw badInput(
      `Store ${args.storeId} neither writes to org ${org.name} nor has orders or customers in it; ask without storeId ` +
        'to see the stores that do.',
      'storeId',
    );
  }
  const stores = await listStores(context.db);
  return present(report, org, new Map(stores.map((store) => [store.id, store])), args);
}

export const reportResolvers = {
  Query: { orgReports, orgReport: oneOrgReport },
};
