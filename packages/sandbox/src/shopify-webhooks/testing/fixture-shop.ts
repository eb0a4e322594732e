import { execute, parse, validate, type ExecutionResult } from 'graphql';
import type { ShopChange, ShopHandle } from '../../shopify/shop-handle';
import { adminSchema } from './reference-files';

/**
 * A fake of the ShopHandle interface for tests, until (and beside) the simulated store: it runs documents against
 * Shopify's real Admin schema with graphql-js, over objects written in GraphQL field names. Validation, enum values,
 * non-null fields and abstract types (`__typename`) are all checked by graphql-js itself, so a fixture that strays
 * from the schema fails here rather than passing silently.
 */
export interface FixtureShop extends ShopHandle {
  /** Objects reachable through `node(id:)`, keyed by gid; each needs its `__typename`. */
  nodes: Map<string, Record<string, unknown>>;
  /** What `webhookSubscriptions` lists (GraphQL `WebhookSubscription` shape). */
  subscriptions: Record<string, unknown>[];
  /** Raises a change to the listeners, as the store does after a commit. */
  emit(change: ShopChange): void;
}

/**
 * A fixture shop. `root` adds root fields (queries or mutations) by name, each a function of the field's arguments,
 * for tests that drive a fake through mutations.
 */
export function createFixtureShop(
  domain = 'fixture.myshopify.com',
  root: Record<string, (args: Record<string, unknown>) => unknown> = {},
): FixtureShop {
  const nodes = new Map<string, Record<string, unknown>>();
  const subscriptions: Record<string, unknown>[] = [];
  const listeners = new Set<(change: ShopChange) => void>();
  const rootValue = {
    node: ({ id }: { id: string }) => nodes.get(id) ?? null,
    webhookSubscriptions: () => ({ nodes: subscriptions }),
    ...root,
  };
  return {
    domain,
    apiVersion: '2025-01',
    nodes,
    subscriptions,
    execute(document: string, variables?: Record<string, unknown>): Promise<ExecutionResult> {
      const schema = adminSchema();
      const ast = parse(document);
      const errors = validate(schema, ast);
      if (errors.length > 0) return Promise.resolve({ errors });
      return Promise.resolve(execute({ schema, document: ast, rootValue, variableValues: variables }));
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(change) {
      for (const listener of listeners) listener(change);
    },
  };
}
