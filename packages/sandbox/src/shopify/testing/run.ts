/** Runs a document on a shop in-process and fails the test on any GraphQL error. */
import type { ShopHandle } from '../shop-handle';

// Test helpers read results loosely: the assertions check the values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export async function run(shop: ShopHandle, document: string, variables?: Record<string, unknown>): Promise<Loose> {
  const result = await shop.execute(document, variables);
  if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
  return result.data;
}
