import {
  customerOperations,
  drawCustomers,
  generateCompanies,
  type DrawnCustomer,
  type SharedCustomer,
  type SharedPool,
} from './customers';
import { generateFollowUps } from './follow-ups';
import type { DemoOperation } from './operation';
import { generateOrder } from './orders';
import { createPrng } from './prng';

/** Options of {@link generateDemoData}. */
export interface DemoDataOptions {
  seed: number;
  /** The shop's own customers, besides any shared ones. */
  customers: number;
  orders: number;
  /** B2B companies (each with a contact and a location); default: one per ten customers. */
  companies?: number;
  /** Share of the orders bought for a company location (default 0.1); a wholesale shop's is most of them. */
  b2bShare?: number;
  shop: { currencyCode: string; taxesIncluded: boolean };
  /**
   * One of several shops of a sandbox: the pool of people shared between shops (the pool's people listing `shop`
   * become customers here too), and this shop's place among them (0, 1, 2…). The shop's own people then get emails
   * tagged with `shop` and phones from the shop's own range, so that no two different people of different shops
   * share an email or a phone: the CRM would take them for one person.
   */
  shared?: { pool: SharedPool; shop: string; index: number };
  /** Orders are spread over the year before this instant; fixed by default so that a seed means one data set. */
  now?: Date;
}

/**
 * The shop's own customers and its shared ones in one list, the shared spread evenly among the own (shared customer k
 * of n at position ⌊k · total / n⌋), so that they are not all the oldest customers of the shop.
 */
function interleave(own: readonly DrawnCustomer[], shared: readonly SharedCustomer[]): DrawnCustomer[] {
  const total = own.length + shared.length;
  const slots = new Map(shared.map((person, k) => [Math.floor((k * total) / shared.length), person]));
  const merged: DrawnCustomer[] = [];
  let next = 0;
  for (let position = 0; position < total; position += 1) {
    const person = slots.get(position) ?? own[next++];
    if (person) merged.push({ input: person.input, person: person.person });
  }
  return merged;
}

/**
 * A deterministic list of Admin API operations that fills a shop with customers, companies and orders of realistic
 * variety, then fulfils, refunds and cancels some of them. Same options, same operations.
 */
export function generateDemoData(options: DemoDataOptions): DemoOperation[] {
  const prng = createPrng(options.seed);
  const now = options.now ?? new Date('2026-01-01T00:00:00Z');
  const ownSalt = prng.int(0, 9_999_999);
  const { shared } = options;
  const identity = shared
    ? { tag: shared.shop, salt: shared.pool.salt, phoneOffset: (shared.index + 1) * 1_000_000 }
    : { tag: '', salt: ownSalt, phoneOffset: 0 };
  const own = drawCustomers(prng, options.customers, identity);
  const theirs = shared ? shared.pool.people.filter((person) => person.shops.includes(shared.shop)) : [];
  const customers = customerOperations(interleave(own, theirs));
  const companyCount = options.companies ?? Math.ceil(options.customers / 10);
  const companies = generateCompanies(prng, companyCount, now, identity.tag);
  const world = {
    people: customers.people,
    companies: companies.companies,
    shop: options.shop,
    now,
    identity,
    b2bShare: options.b2bShare ?? 0.1,
  };
  const operations: DemoOperation[] = [...customers.operations, ...companies.operations];
  for (let i = 0; i < options.orders; i += 1) {
    const { operation, plan } = generateOrder(prng, i, world);
    operations.push(operation, ...generateFollowUps(prng, plan));
  }
  return operations;
}
