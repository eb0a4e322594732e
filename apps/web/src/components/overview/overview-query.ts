import { z } from 'zod';
import { graphqlRequest } from '../graphql-client';
import { fetchStoreReports, type OrgReportData } from './store-report-query';

/** Everything the overview shows but the open failures, in one round trip. */
export const OVERVIEW_QUERY = `#graphql
  query Overview($from: DateTime!, $to: DateTime!, $callsFrom: DateTime!, $callsTo: DateTime!) {
    stores { id key name shopDomain status dryRun backlog lastSyncAt orgs { name url } }
    stats(from: $from, to: $to) { storeId day synced failed latencyP95Seconds }
    queue { depth ready running oldestJobAgeSeconds }
    apiCalls(from: $callsFrom, to: $callsTo) { api subjectId subject requests throttled errors }
  }
`;

/** Open failures of one store; `FailureGroup` names no store, so each store is asked on its own. */
export const STORE_FAILURES_QUERY = `#graphql
  query StoreFailures($storeId: ID!) {
    failureGroups(storeId: $storeId) { count }
  }
`;

const store = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  shopDomain: z.string(),
  status: z.enum(['ACTIVE', 'PAUSED', 'DISCONNECTED']),
  dryRun: z.boolean(),
  backlog: z.number(),
  lastSyncAt: z.string().nullable(),
  orgs: z.array(z.object({ name: z.string(), url: z.string() })),
});

const dayStats = z.object({
  storeId: z.string(),
  day: z.string(),
  synced: z.number(),
  failed: z.number(),
  latencyP95Seconds: z.number().nullable(),
});

const queue = z.object({
  depth: z.number(),
  ready: z.number(),
  running: z.number(),
  oldestJobAgeSeconds: z.number().nullable(),
});

const apiCall = z.object({
  api: z.enum(['SHOPIFY', 'DATAVERSE']),
  subjectId: z.string(),
  subject: z.string(),
  requests: z.number(),
  throttled: z.number(),
  errors: z.number(),
});

const overview = z.object({
  stores: z.array(store),
  stats: z.array(dayStats),
  queue,
  apiCalls: z.array(apiCall),
});

const storeFailures = z.object({ failureGroups: z.array(z.object({ count: z.number() })) });

export type OverviewStore = z.infer<typeof store>;
export type DayStats = z.infer<typeof dayStats>;
export type QueueSummary = z.infer<typeof queue>;
export type ApiCallRow = z.infer<typeof apiCall>;

/** The overview as read at `fetchedAt`, with each store's open failures by store id. */
export interface OverviewData {
  fetchedAt: number;
  stores: OverviewStore[];
  stats: DayStats[];
  queue: QueueSummary;
  apiCalls: ApiCallRow[];
  openFailures: ReadonlyMap<string, number>;
  /** Per org, its stores' orders, revenue and customers. */
  reports: OrgReportData[];
}

/** The windows asked for: the UTC days of the chart and the last hour of API calls. */
export interface OverviewWindows {
  from: Date;
  to: Date;
  callsFrom: Date;
  callsTo: Date;
}

/** Reads the overview for `windows`; throws with the server's reasons when any part fails. */
export async function fetchOverview(
  windows: OverviewWindows,
  fetchedAt: number,
  signal?: AbortSignal,
): Promise<OverviewData> {
  const variables = {
    from: windows.from.toISOString(),
    to: windows.to.toISOString(),
    callsFrom: windows.callsFrom.toISOString(),
    callsTo: windows.callsTo.toISOString(),
  };
  const [data, reports] = await Promise.all([
    graphqlRequest(OVERVIEW_QUERY, variables, overview, signal),
    fetchStoreReports(signal),
  ]);
  const counts = await Promise.all(
    data.stores.map(async ({ id }) => {
      const answer = await graphqlRequest(STORE_FAILURES_QUERY, { storeId: id }, storeFailures, signal);
      return [id, answer.failureGroups.reduce((sum, group) => sum + group.count, 0)] as const;
    }),
  );
  return { ...data, fetchedAt, openFailures: new Map(counts), reports };
}
