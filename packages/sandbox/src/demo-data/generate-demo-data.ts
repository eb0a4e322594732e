import { generateCompanies, generateCustomers } from './customers';
import { generateFollowUps } from './follow-ups';
import type { DemoOperation } from './operation';
import { generateOrder } from './orders';
import { createPrng } from './prng';

/** Options of {@link generateDemoData}. */
export interface DemoDataOptions {
  seed: number;
  customers: number;
  orders: number;
  /** B2B companies (each with a contact and a location); default: one per ten customers. */
  companies?: number;
  shop: { currencyCode: string; taxesIncluded: boolean };
  /** Orders are spread over the year before this instant; fixed by default so that a seed means one data set. */
  now?: Date;
}

/**
 * A deterministic list of Admin API operations that fills a shop with customers, companies and orders of realistic
 * variety, then fulfils, refunds and cancels some of them. Same options, same operations.
 */
export function generateDemoData(options: DemoDataOptions): DemoOperation[] {
  const prng = createPrng(options.seed);
  const now = options.now ?? new Date('2026-01-01T00:00:00Z');
  const salt = prng.int(0, 9_999_999);
  const customers = generateCustomers(prng, options.customers, salt);
  const companyCount = options.companies ?? Math.ceil(options.customers / 10);
  const companies = generateCompanies(prng, companyCount, now);
  const world = { people: customers.people, companies: companies.companies, shop: options.shop, now, salt };
  const operations: DemoOperation[] = [...customers.operations, ...companies.operations];
  for (let i = 0; i < options.orders; i += 1) {
    const { operation, plan } = generateOrder(prng, i, world);
    operations.push(operation, ...generateFollowUps(prng, plan));
  }
  return operations;
}
