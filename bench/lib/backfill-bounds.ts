/**
 * What bounds a backfill's rate, computed from what it spent per order and the limits it runs under: Dataverse's
 * execution time and requests per window (service protection, per user), Shopify's cost restore rate, and the time
 * one sync spends waiting on the network. The lowest of them is what a faster sync would meet first.
 */

/** What the backfill spent over the measured window, and the limits it ran under. */
export interface BackfillSpend {
  orders: number;
  seconds: number;
  /** From the Dataverse simulator's `/_sim/stats`. */
  dataverse: { requests: number; executionTimeMs: number };
  shopify: { requests: number; costPoints: number };
  limits: { requests: number; executionTimeMs: number; windowMs: number };
  /** Cost points Shopify restores per second on the shop's plan. */
  shopifyRestoreRate: number;
  /** Syncs that run at once: worker slots times the records each runs (a backfill's batch jobs). */
  syncsAtOnce: number;
  /** Mean one-way network time added to every call, both services. */
  meanLatencyMs: number;
}

/** One ceiling in orders per second, with how it was computed. */
export interface Ceiling {
  name: 'execution time' | 'request limit' | 'Shopify cost' | 'network wait';
  ordersPerSecond: number;
  how: string;
}

export interface BackfillBounds {
  rate: number;
  executionTime: Ceiling;
  requests: Ceiling;
  shopifyCost: Ceiling;
  networkWait: Ceiling;
  /** The lowest ceiling: the one the rate meets first. */
  lowest: Ceiling;
}

const per = (amount: number, orders: number) => amount / Math.max(1, orders);
const ceilingOf = (allowedPerSecond: number, spentPerOrder: number) =>
  spentPerOrder > 0 ? allowedPerSecond / spentPerOrder : Number.POSITIVE_INFINITY;

export function backfillBounds(spend: BackfillSpend): BackfillBounds {
  const windowSeconds = spend.limits.windowMs / 1000;
  const executionAllowed = spend.limits.executionTimeMs / windowSeconds;
  const executionPerOrder = per(spend.dataverse.executionTimeMs, spend.orders);
  const requestsAllowed = spend.limits.requests / windowSeconds;
  const requestsPerOrder = per(spend.dataverse.requests, spend.orders);
  const costPerOrder = per(spend.shopify.costPoints, spend.orders);
  // One sync waits for each call in turn: latency on every call, plus Dataverse's modelled execution time.
  const shopifyRequestsPerOrder = per(spend.shopify.requests, spend.orders);
  const waitPerOrderMs = (requestsPerOrder + shopifyRequestsPerOrder) * spend.meanLatencyMs + executionPerOrder;
  const executionTime: Ceiling = {
    name: 'execution time',
    ordersPerSecond: ceilingOf(executionAllowed, executionPerOrder),
    how: `${executionAllowed.toFixed(0)} ms/s allowed / ${executionPerOrder.toFixed(1)} ms modelled per order`,
  };
  const requests: Ceiling = {
    name: 'request limit',
    ordersPerSecond: ceilingOf(requestsAllowed, requestsPerOrder),
    how: `${requestsAllowed.toFixed(0)} requests/s allowed / ${requestsPerOrder.toFixed(2)} per order`,
  };
  const shopifyCost: Ceiling = {
    name: 'Shopify cost',
    ordersPerSecond: ceilingOf(spend.shopifyRestoreRate, costPerOrder),
    how: `${spend.shopifyRestoreRate} points/s restored / ${costPerOrder.toFixed(1)} points per order`,
  };
  const networkWait: Ceiling = {
    name: 'network wait',
    ordersPerSecond: ceilingOf(spend.syncsAtOnce * 1000, waitPerOrderMs),
    how:
      `${spend.syncsAtOnce} syncs at once / ${(waitPerOrderMs / 1000).toFixed(2)} s per order ` +
      `(${(requestsPerOrder + shopifyRequestsPerOrder).toFixed(1)} calls x ${spend.meanLatencyMs} ms + execution), ` +
      'if each sync makes its calls one after another',
  };
  const all = [executionTime, requests, shopifyCost, networkWait];
  const lowest = all.reduce((low, ceiling) => (ceiling.ordersPerSecond < low.ordersPerSecond ? ceiling : low));
  return { rate: spend.orders / spend.seconds, executionTime, requests, shopifyCost, networkWait, lowest };
}

const show = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'none');

/** The ceilings lowest first, for a figure's note: `request limit 1.32 orders/s (…); execution time 7.34 (…)`. */
export function describeCeilings(bounds: BackfillBounds): string {
  return [bounds.executionTime, bounds.requests, bounds.shopifyCost, bounds.networkWait]
    .sort((a, b) => a.ordersPerSecond - b.ordersPerSecond)
    .map((ceiling) => `${ceiling.name} ${show(ceiling.ordersPerSecond)} orders/s (${ceiling.how})`)
    .join('; ');
}

/**
 * What held the rate over the measured window. Dataverse's request limit is a sliding window's allowance: a run
 * shorter than that window may spend it all at once, so the request ceiling binds only once it is spent (or a 429
 * came); until then the lowest of the other ceilings is the one the rate met.
 */
export function bindingNote(
  bounds: BackfillBounds,
  window: { requestsSpent: number; requestsAllowed: number; windowSeconds: number; throttled: number },
): string {
  const held = window.throttled > 0 || window.requestsSpent >= window.requestsAllowed;
  const others = [bounds.executionTime, bounds.shopifyCost, bounds.networkWait];
  const lowestOther = others.reduce((low, ceiling) => (ceiling.ordersPerSecond < low.ordersPerSecond ? ceiling : low));
  if (held) {
    const ceiling = bounds.requests.ordersPerSecond;
    return (
      `over the window, the request limit held it once the ${window.requestsAllowed} requests a ` +
      `${window.windowSeconds} s window allows were spent (${window.throttled} 429s; Retry-After holds every ` +
      `request of the app user): ${show(ceiling)} orders/s sustained (${bounds.requests.how})` +
      (bounds.rate > ceiling
        ? `, below the rate over this window (${show(bounds.rate)}), which began with the whole allowance`
        : `, the rate ${show(bounds.rate)} is ${((100 * bounds.rate) / ceiling).toFixed(0)}% of it`)
    );
  }
  const share = (100 * bounds.rate) / lowestOther.ordersPerSecond;
  const text =
    `over the window, the ${lowestOther.name} bound it: ${show(lowestOther.ordersPerSecond)} orders/s ` +
    `(${lowestOther.how}), the rate ${show(bounds.rate)} is ${share.toFixed(0)}% of it`;
  return (
    `${text}; the request limit (${show(bounds.requests.ordersPerSecond)} orders/s) did not hold yet: ` +
    `${window.requestsSpent} of the ${window.requestsAllowed} requests a ${window.windowSeconds} s window allows ` +
    `were spent${bounds.requests.ordersPerSecond < lowestOther.ordersPerSecond ? ', and over a longer run it binds first' : ''}`
  );
}
