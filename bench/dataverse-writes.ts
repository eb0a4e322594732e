import {
  createDataverseGateway,
  createDataverseOrg,
  createTokenVerifier,
  startEntraSimulator,
} from '@shopverse/sandbox';
import {
  clientCredentialsToken,
  DataverseClient,
  type DataverseClientEvent,
  provision,
  writeUnits,
  type WriteUnit,
} from '@shopverse/dataverse';
import { inProcessFetch } from './in-process-fetch';
import { VirtualClock } from './virtual-clock';

/** Dataverse's documented service protection defaults (DATAVERSE.md). */
const LIMITS = { requests: 6000, executionTimeMs: 1_200_000, concurrent: 52, windowMs: 300_000 };

export interface DataverseBenchOptions {
  orders: number;
  linesPerOrder: number;
  /** Modelled server time of one write (upsert); Microsoft publishes none, so it is an assumption of the bench. */
  writeMs: number;
  parallel: number;
}

/**
 * The fastest any client could finish W ms of work under the limits: all 52 requests in flight at once (each
 * executing for its modelled time, so 52,000 ms of work per second) until the window's budget is spent, then waiting
 * for work to leave the 300 s window, which frees it at the rate it was spent.
 */
function fastestPossibleMs(workMs: number): number {
  const rate = LIMITS.concurrent; // ms of work per ms of time
  const windows = Math.max(0, Math.ceil(workMs / LIMITS.executionTimeMs) - 1);
  return windows * LIMITS.windowMs + (workMs - windows * LIMITS.executionTimeMs) / rate;
}

function orderUnit(n: number, lines: number, priceList: string): WriteUnit {
  return {
    key: `order ${n}`,
    operations: [
      {
        method: 'PATCH',
        url: `salesorders(sv_shopifyid='bench_${n}')`,
        contentId: '1',
        body: { name: `#B${n}`, 'pricelevelid@odata.bind': `/pricelevels(${priceList})` },
      },
      ...Array.from({ length: lines }, (_, line) => ({
        method: 'PATCH' as const,
        url: `salesorderdetails(sv_shopifyid='bench_${n}_${line}')`,
        body: {
          'salesorderid@odata.bind': '$1',
          isproductoverridden: true,
          productdescription: `Item ${line}`,
          quantity: 1 + (line % 3),
          ispriceoverridden: true,
          priceperunit: 12.5,
        },
      })),
    ],
  };
}

/** Writes orders with their lines into a simulated org with the real default limits, on a virtual clock. */
export async function benchDataverseWrites(options: DataverseBenchOptions) {
  const tenantId = '6b1a9c3e-2f4d-4e5a-8b7c-9d0e1f2a3b4c';
  const app = { clientId: '0f1e2d3c-4b5a-4697-8877-665544332211', clientSecret: 'bench-secret', displayName: 'Bench' };
  const orgUrl = 'http://127.0.0.1:4902';
  const entra = await startEntraSimulator({
    tenants: [{ tenantId, apps: [{ ...app, resources: [orgUrl] }], users: [] }],
  });
  try {
    const clock = new VirtualClock(Date.parse('2026-11-26T00:00:00Z'));
    const org = createDataverseOrg({ name: orgUrl, now: () => new Date(clock.now()), keyActivationMs: 0 });
    // Signature checks run on libuv's thread pool, which the virtual clock cannot see; the token is checked once for
    // real and its verdict reused (the bench measures throttling, not sign-in).
    const verify = createTokenVerifier({ simulator: entra });
    const verdicts = new Map<string, Awaited<ReturnType<typeof verify>>>();
    const verifyToken: typeof verify = async (token, audience) => {
      const key = `${audience} ${token}`;
      const known = verdicts.get(key) ?? (await verify(token, audience));
      verdicts.set(key, known);
      return known;
    };
    const gateway = createDataverseGateway({
      orgs: org,
      verifyToken,
      limits: LIMITS,
      executionTime: { updateMs: options.writeMs, createMs: options.writeMs },
      faults: { executionDelayFactor: 1 },
      now: clock.now,
      sleep: clock.sleep,
    });
    const tokens = clientCredentialsToken({ authority: entra.authority(tenantId), ...app, orgUrl });
    // Fetched and checked now, over real HTTP, so that inside the virtual run the token comes from MSAL's cache and
    // the signing keys from the verifier's.
    await verifyToken(await tokens.getToken(), orgUrl);
    const events: { at: number; event: DataverseClientEvent }[] = [];
    /** When each request left the client. */
    const sends: number[] = [];
    const fetchInProcess = inProcessFetch(gateway, orgUrl);
    const client = new DataverseClient({
      orgUrl,
      tokens,
      fetch: (input, init) => {
        sends.push(clock.now());
        return fetchInProcess(input, init);
      },
      clock: { now: clock.now, sleep: clock.sleep },
      concurrency: options.parallel,
      onEvent: (event) => events.push({ at: clock.now(), event }),
    });

    return await clock.run(async () => {
      await provision(client, { sleep: clock.sleep, pollMs: 100 });
      const prices = await client.request({
        method: 'GET',
        path: 'pricelevels?$select=pricelevelid',
        idempotent: true,
      });
      const [priceList] = (prices.body as { value: { pricelevelid: string }[] }).value;
      const units = Array.from({ length: options.orders }, (_, n) =>
        orderUnit(n, options.linesPerOrder, priceList?.pricelevelid ?? ''),
      );
      gateway.stats.reset();
      const firstEvent = events.length;
      const started = clock.now();
      const summary = await writeUnits(client, units, {
        parallel: options.parallel,
        sleep: clock.sleep,
        limit: LIMITS,
      });
      const elapsedMs = clock.now() - started;
      const run = events.slice(firstEvent);
      const requests = run.filter(({ event }) => event.kind === 'response').length;
      const throttles = run.filter(({ event }) => event.kind === 'throttled');
      // A 429 must be followed by a wait of at least its Retry-After: no request of this client may leave before.
      const shortWaits = throttles.filter(
        ({ at, event }) =>
          event.kind === 'throttled' && sends.some((sent) => sent > at && sent < at + event.retryAfterMs),
      ).length;
      const workMs = options.orders * (1 + options.linesPerOrder) * options.writeMs;
      const fastestMs = fastestPossibleMs(workMs);
      return {
        orders: options.orders,
        written: summary.written,
        failed: summary.failed.length,
        batches: summary.batches,
        requests,
        throttled: throttles.length,
        throttledShare: throttles.length / Math.max(1, requests),
        shortWaits,
        elapsedSeconds: elapsedMs / 1000,
        workMs,
        fastestSeconds: fastestMs / 1000,
        throughputShare: fastestMs / elapsedMs,
      };
    });
  } finally {
    await entra.close();
  }
}
