import type { ShopHandle } from '../shopify/shop-handle';
import type { DemoOperation } from './operation';

/** A userError a mutation returned, with the operation that met it. */
export interface DemoUserError {
  key: string;
  field: string[] | null;
  message: string;
}

/** What loading did: counts per kind of operation, and everything that went wrong, by operation key. */
export interface DemoLoadSummary {
  /** Operations that ran without errors or userErrors, per kind (`customer`, `order`, `refund`, …). */
  succeeded: Record<string, number>;
  userErrors: DemoUserError[];
  /** GraphQL errors, and steps skipped because an earlier result they need is missing. */
  errors: { key: string; message: string }[];
}

/** `order:17:refund` -> `refund`, `customer:3` -> `customer`. */
function kindOf(key: string): string {
  const parts = key.split(':');
  return parts.length > 2 ? (parts[2] ?? key) : (parts[0] ?? key);
}

/** userErrors of every mutation payload in a result (`userErrors`, and orderCancel's `orderCancelUserErrors`). */
function userErrorsOf(data: unknown): { field: string[] | null; message: string }[] {
  if (data === null || typeof data !== 'object') return [];
  const found: { field: string[] | null; message: string }[] = [];
  for (const payload of Object.values(data as Record<string, unknown>)) {
    if (payload === null || typeof payload !== 'object') continue;
    for (const name of ['userErrors', 'orderCancelUserErrors']) {
      const list = (payload as Record<string, unknown>)[name];
      if (Array.isArray(list)) found.push(...(list as { field: string[] | null; message: string }[]));
    }
  }
  return found;
}

/**
 * Runs the operations in order against a shop. A failed step does not stop the load: the steps that need its result
 * are skipped and reported, and the rest goes on, so one bad record never hides the others.
 */
export async function loadDemoData(shop: ShopHandle, operations: readonly DemoOperation[]): Promise<DemoLoadSummary> {
  const results = new Map<string, unknown>();
  const summary: DemoLoadSummary = { succeeded: {}, userErrors: [], errors: [] };
  const context = {
    result(key: string): unknown {
      if (!results.has(key)) throw new Error(`needs ${key}, which did not succeed`);
      return results.get(key);
    },
  };
  for (const operation of operations) {
    let variables: Record<string, unknown>;
    try {
      variables = typeof operation.variables === 'function' ? operation.variables(context) : operation.variables;
    } catch (error) {
      summary.errors.push({
        key: operation.key,
        message: `skipped: ${error instanceof Error ? error.message : String(error)}`,
      });
      continue;
    }
    const result = await shop.execute(operation.document, variables);
    if (result.errors?.length) {
      summary.errors.push({ key: operation.key, message: result.errors.map((e) => e.message).join('; ') });
      continue;
    }
    const userErrors = userErrorsOf(result.data);
    if (userErrors.length > 0) {
      summary.userErrors.push(...userErrors.map((e) => ({ key: operation.key, field: e.field, message: e.message })));
      continue;
    }
    results.set(operation.key, result.data);
    const kind = kindOf(operation.key);
    summary.succeeded[kind] = (summary.succeeded[kind] ?? 0) + 1;
  }
  return summary;
}
