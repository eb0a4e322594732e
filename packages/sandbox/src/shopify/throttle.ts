/**
 * The leaky bucket of cost points per app and shop (SHOPIFY.md, "GraphQL rate limits"): it refills at the plan's
 * restore rate up to its size; a query is admitted only if the bucket holds its requested cost, which is taken at
 * once, and the difference to the actual cost is given back afterwards. Time comes from the injected clock, so
 * tests run a minute of traffic in milliseconds.
 */

/** `extensions.cost.throttleStatus` */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** The leaky bucket of one app on one shop. */
export class CostBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    readonly maximum: number,
    readonly restoreRate: number,
    private readonly clock: () => Date,
  ) {
    this.available = maximum;
    this.updatedAt = clock().getTime();
  }

  private refill(): void {
    const now = this.clock().getTime();
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.available = Math.min(this.maximum, this.available + elapsed * this.restoreRate);
    this.updatedAt = now;
  }

  /** Takes `cost` if the bucket holds it; false (nothing taken) when the query must be throttled. */
  tryTake(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  /** Gives back what a query did not use (requested minus actual). */
  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.maximum, this.available + Math.max(0, points));
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.maximum,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }
}
