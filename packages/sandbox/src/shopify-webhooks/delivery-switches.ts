import type { Prng } from '../demo-data/prng';

/**
 * Fault switches for tests and demos: Shopify's deliveries come late, twice and out of order (DESIGN.md, principle 3),
 * and a receiver must cope; these make each of those happen on purpose. All randomness comes from a seeded PRNG.
 */
export interface DeliverySwitches {
  /** Deliver every webhook twice (same webhook id, event id and bytes), as Shopify's at-least-once delivery may. */
  duplicate: boolean;
  /**
   * Hold deliveries until `window` of them wait (or `maxHoldMs` passed since the first), then send them shuffled.
   * null: send in order.
   */
  reorder: { window: number; maxHoldMs?: number } | null;
  /** Wait this long before the first attempt of each delivery. */
  delayMs: number;
  /** Lose deliveries: each with a probability, or exactly the next `next` ones. null: lose none. */
  drop: { probability: number } | { next: number } | null;
}

/** No faults. */
export const NO_FAULTS: DeliverySwitches = { duplicate: false, reorder: null, delayMs: 0, drop: null };

/** Decides whether the next delivery is dropped, counting down a `next` budget. */
export function takeDrop(switches: DeliverySwitches, prng: Prng): { dropped: boolean; switches: DeliverySwitches } {
  const drop = switches.drop;
  if (!drop) return { dropped: false, switches };
  if ('next' in drop) {
    if (drop.next <= 0) return { dropped: false, switches: { ...switches, drop: null } };
    const left = drop.next - 1;
    return { dropped: true, switches: { ...switches, drop: left > 0 ? { next: left } : null } };
  }
  return { dropped: prng.chance(drop.probability), switches };
}
