import { z } from 'zod';
import { graphqlRequest } from '../graphql-client';

/**
 * Every org's stores with their orders, revenue per currency and customers, over every order synced. Its own
 * request, apart from the overview's: its lists nest three deep, and the API's cost limit counts each of them.
 */
export const STORE_REPORTS_QUERY = `#graphql
  query StoreReports {
    orgReports {
      org { id name }
      stores {
        store { id key name }
        orders cancelled customers sharedCustomers locales
        revenue { currency orders gross refunded net }
      }
      total { stores orders cancelled customers sharedCustomers locales revenue { currency orders gross refunded net } }
      sharedBetween { stores storeIds customers }
    }
  }
`;

const revenue = z.object({
  currency: z.string(),
  orders: z.number(),
  gross: z.string(),
  refunded: z.string(),
  net: z.string(),
});

const figures = {
  orders: z.number(),
  cancelled: z.number(),
  customers: z.number(),
  sharedCustomers: z.number(),
  locales: z.array(z.string()),
  revenue: z.array(revenue),
};

const orgReport = z.object({
  org: z.object({ id: z.string(), name: z.string() }),
  stores: z.array(z.object({ store: z.object({ id: z.string(), key: z.string(), name: z.string() }), ...figures })),
  total: z.object({ stores: z.number(), ...figures }),
  sharedBetween: z.array(
    z.object({ stores: z.array(z.string()), storeIds: z.array(z.string()), customers: z.number() }),
  ),
});

const answer = z.object({ orgReports: z.array(orgReport) });

export type CurrencyRevenue = z.infer<typeof revenue>;
export type OrgReportData = z.infer<typeof orgReport>;
export type StoreReportData = OrgReportData['stores'][number];

/** Reads every org's report; throws with the server's reasons when it fails. */
export async function fetchStoreReports(signal?: AbortSignal): Promise<OrgReportData[]> {
  return (await graphqlRequest(STORE_REPORTS_QUERY, {}, answer, signal)).orgReports;
}
