/** `extensions.cost.throttleStatus` of an Admin GraphQL response (SHOPIFY.md, "GraphQL rate limits"). */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  /** Points restored per second. */
  restoreRate: number;
}

/** The most a single query may cost: Shopify rejects anything above it outright. */
export const MAX_SINGLE_QUERY_COST = 1000;

/**
 * Until the first response tells us the shop's plan we assume the smallest bucket Shopify still serves (1000 points,
 * 50 per second): too slow for a moment is better than a burst of THROTTLED on a small plan.
 */
const UNKNOWN_PLAN: ThrottleStatus = { maximumAvailable: 1000, currentlyAvailable: 1000, restoreRate: 50 };

/**
 * Our model of one shop's leaky bucket. Shopify admits a query only if the bucket holds its *requested* cost, then
 * refunds the difference to the actual cost. We take the requested cost when a query leaves, restore at the shop's
 * rate in between, and take the shop's own figures whenever a response brings them — so the model never drifts far
 * and the client waits before sending rather than after being refused.
 */
export class CostBucket {
  #status: ThrottleStatus;
  #at: number;

  constructor(nowMs: number, initial: ThrottleStatus = UNKNOWN_PLAN) {
    this.#status = { ...initial };
    this.#at = nowMs;
  }

  /** Points we expect the shop to have at `nowMs`. */
  available(nowMs: number): number {
    const elapsed = Math.max(0, nowMs - this.#at) / 1000;
    return Math.min(
      this.#status.maximumAvailable,
      this.#status.currentlyAvailable + elapsed * this.#status.restoreRate,
    );
  }

  get maximumAvailable(): number {
    return this.#status.maximumAvailable;
  }

  get restoreRate(): number {
    return this.#status.restoreRate;
  }

  /** Milliseconds to wait before a query of `requestedCost` would be admitted (0: send now). */
  waitMs(requestedCost: number, nowMs: number): number {
    const cost = Math.min(requestedCost, this.#status.maximumAvailable);
    const missing = cost - this.available(nowMs);
    return missing <= 0 ? 0 : Math.ceil((missing / this.#status.restoreRate) * 1000);
  }

  /** Takes a query's requested cost as it leaves. */
  take(requestedCost: number, nowMs: number): void {
    this.#status.currentlyAvailable = this.available(nowMs) - requestedCost;
    this.#at = nowMs;
  }

  /** Adopts the shop's own figures from a response. */
  observe(status: ThrottleStatus, nowMs: number): void {
    this.#status = { ...status };
    this.#at = nowMs;
  }
}

/**
 * The largest `first:` that keeps a connection query under the single-query maximum, by Shopify's cost rules: a
 * connection costs 2 plus `first` times the cost of one node (SHOPIFY.md). `nodeCost` is what one node with its
 * nested selections costs; `overhead` is the rest of the document.
 */
export function maxPageSize({
  nodeCost,
  overhead = 0,
  limit = 250,
  maxCost = MAX_SINGLE_QUERY_COST,
}: {
  nodeCost: number;
  overhead?: number;
  limit?: number;
  maxCost?: number;
}): number {
  const size = Math.floor((maxCost - overhead - 2) / nodeCost);
  if (size < 1) throw new Error(`One node costs ${nodeCost}: even a page of one exceeds the ${maxCost}-point maximum.`);
  return Math.min(limit, size);
}

/** Full-jitter exponential backoff: a random wait up to `baseMs × 2^attempt`, capped (AWS architecture blog's rule). */
export function backoffMs(attempt: number, random: () => number, baseMs = 500, maxMs = 30_000): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** attempt));
}
