/**
 * One step of the demo data: a GraphQL document of the real Admin schema and its variables. Later steps need ids that
 * only earlier results hold (a refund needs the order's line item and transaction ids), so variables may be a
 * function of the results so far.
 */

/** Results of the operations run so far, by operation key. */
export interface DemoContext {
  /** The `data` of an earlier operation; throws when that operation has not run or failed. */
  result(key: string): unknown;
}

/** A GraphQL operation of the demo data. */
export interface DemoOperation {
  /** Unique and stable, e.g. `customer:3`, `order:17`, `order:17:refund`. */
  key: string;
  document: string;
  variables: Record<string, unknown> | ((context: DemoContext) => Record<string, unknown>);
}

/** Reads a path of an earlier result, failing with the path when it is not there (so a skipped step says why). */
export function pick(context: DemoContext, key: string, path: readonly (string | number)[]): unknown {
  let value: unknown = context.result(key);
  for (const step of path) {
    if (value === null || typeof value !== 'object') throw new Error(`${key}: nothing at ${path.join('.')}`);
    value = (value as Record<string | number, unknown>)[step];
  }
  if (value === undefined || value === null) throw new Error(`${key}: nothing at ${path.join('.')}`);
  return value;
}

/** `pick` for a string (an id). */
export function pickString(context: DemoContext, key: string, path: readonly (string | number)[]): string {
  const value = pick(context, key, path);
  if (typeof value !== 'string') throw new Error(`${key}: ${path.join('.')} is not a string`);
  return value;
}
