import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { costLimit, DEFAULT_LIST_SIZE, depthLimit, introspectionEnabled, MAX_DEPTH } from './limits';

const schema = buildSchema(`
  type Query {
    stores: [Store!]!
    attempts(first: Int = 50): AttemptConnection!
    node: Node
  }
  type Store { id: ID! name: String! orgs: [Org!]! parent: Store }
  type Org { id: ID! name: String! stores: [Store!]! }
  type AttemptConnection { nodes: [Attempt!]! }
  type Attempt { id: ID! chain: [Attempt!]! }
  type Node { child: Node, id: ID }
`);

function errorsOf(query: string, rules = [depthLimit(), costLimit()]) {
  return validate(schema, parse(query), rules).map((error) => ({
    message: error.message,
    code: error.extensions.code,
    cost: error.extensions.cost,
  }));
}

/** `{ node { child { child … { id } } } }` with `levels` fields in all. */
function nested(levels: number): string {
  let query = 'id';
  for (let level = 1; level < levels; level += 1) query = `${level === levels - 1 ? 'node' : 'child'} { ${query} }`;
  return `{ ${query} }`;
}

describe('query limits', () => {
  it('lets a query as deep as the limit through and refuses one level more', () => {
    // Action
    const atLimit = errorsOf(nested(MAX_DEPTH));
    const over = errorsOf(nested(MAX_DEPTH + 1));

    // Assertions
    expect(atLimit).toEqual([]);
    expect(over).toEqual([expect.objectContaining({ code: 'QUERY_TOO_DEEP' })]);
    expect(over[0]?.message).toContain(`more than ${MAX_DEPTH} deep`);
  });

  it('counts depth through fragments, so a spread cannot hide nesting', () => {
    // Setup
    const query = `query { ...deep } fragment deep on Query { ${nested(MAX_DEPTH + 1).slice(1, -1)} }`;

    // Action
    const errors = errorsOf(query, [depthLimit()]);

    // Assertions
    expect(errors.map((error) => error.code)).toEqual(['QUERY_TOO_DEEP']);
  });

  it('multiplies by `first` and by the assumed size of unpaged lists, and refuses over the budget naming the cost', () => {
    // Setup: attempts 1, then per attempt (first: 100) nodes, id and chain: 300, then 20 ids per chain: 2000
    const query = `{ attempts(first: 100) { nodes { id chain { id } } } }`;

    // Action
    const within = errorsOf(query, [costLimit(2301)]);
    const over = errorsOf(query, [costLimit(2300)]);

    // Assertions
    expect(within).toEqual([]);
    expect(over).toEqual([expect.objectContaining({ code: 'QUERY_TOO_COSTLY', cost: 2301 })]);
    expect(over[0]?.message).toContain('estimated cost is 2301, over the limit of 2300');
  });

  it('takes a variable `first` at its default, or else at the largest page', () => {
    // Setup: stores 1, then per store (20 assumed) name and orgs, then 20 names per orgs list
    const unpaged = `{ stores { name orgs { name } } }`;
    const withDefault = `query ($n: Int = 10) { attempts(first: $n) { nodes { id } } }`;
    const withoutDefault = `query ($n: Int) { attempts(first: $n) { nodes { id } } }`;

    // Action
    const costs = [unpaged, withDefault, withoutDefault].map(
      (query) => errorsOf(query, [costLimit(0)])[0]?.cost as number,
    );

    // Assertions
    expect(costs).toEqual([1 + DEFAULT_LIST_SIZE * 2 + DEFAULT_LIST_SIZE ** 2, 1 + 10 * 2, 1 + 200 * 2]);
  });

  it('is on outside production, off in production unless asked for', () => {
    // Assertions
    expect(introspectionEnabled({ NODE_ENV: 'development' })).toBe(true);
    expect(introspectionEnabled({ NODE_ENV: 'production' })).toBe(false);
    expect(introspectionEnabled({ NODE_ENV: 'production', SHOPVERSE_GRAPHQL_INTROSPECTION: 'on' })).toBe(true);
    expect(introspectionEnabled({ NODE_ENV: 'development', SHOPVERSE_GRAPHQL_INTROSPECTION: 'off' })).toBe(false);
  });
});
