import { ApolloServer } from '@apollo/server';
import { buildSchema, Kind, type OperationDefinitionNode, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  costLimitPlugin,
  DEFAULT_LIST_SIZE,
  depthLimit,
  introspectionEnabled,
  MAX_DEPTH,
  MAX_PAGE_SIZE,
  queryCost,
} from './limits';

const SDL = `
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
`;
const schema = buildSchema(SDL);

function costOf(query: string, variables: Record<string, unknown> = {}): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('no operation');
  return queryCost({ schema, document, operation, variables });
}

function errorsOf(query: string, rules = [depthLimit()]) {
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
    const errors = errorsOf(query);

    // Assertions
    expect(errors.map((error) => error.code)).toEqual(['QUERY_TOO_DEEP']);
  });

  it('multiplies by `first` and by the assumed size of unpaged lists, through fragments', () => {
    // Setup: attempts 1, then per attempt (first: 100) nodes, id and chain: 300, then 20 ids per chain: 2000
    const query = `{ attempts(first: 100) { ...page } } fragment page on AttemptConnection { nodes { id chain { id } } }`;

    // Action
    const cost = costOf(query);

    // Assertions
    expect(cost).toBe(1 + 300 + 100 * DEFAULT_LIST_SIZE);
  });

  it('takes `first` from the variables as sent, else its default, and caps it at the largest page', () => {
    // Setup: stores 1, then per store (20 assumed) name and orgs, then 20 names per orgs list
    const unpaged = `{ stores { name orgs { name } } }`;
    const paged = `query ($n: Int) { attempts(first: $n) { nodes { id } } }`;

    // Action
    const costs = [costOf(unpaged), costOf(paged, { n: 10 }), costOf(paged), costOf(paged, { n: 1_000_000 })];

    // Assertions
    expect(costs).toEqual([
      1 + DEFAULT_LIST_SIZE * 2 + DEFAULT_LIST_SIZE ** 2,
      1 + 10 * 2,
      1 + 50 * 2,
      1 + MAX_PAGE_SIZE * 2,
    ]);
  });

  it('refuses an operation over the budget before any resolver runs, naming its cost', async () => {
    // Setup
    let resolved = 0;
    // Apollo builds the schema with its own copy of graphql (see limits.ts), as the real server does.
    const server = new ApolloServer({
      typeDefs: SDL,
      plugins: [costLimitPlugin(101)],
      resolvers: {
        Query: {
          attempts: () => {
            resolved += 1;
            return { nodes: [] };
          },
        },
      },
    });
    const query = `query ($n: Int) { attempts(first: $n) { nodes { id } } }`;

    // Action
    const run = async (n: number) => {
      const response = await server.executeOperation({ query, variables: { n } });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult;
    };
    const within = await run(50);
    const over = await run(51);
    await server.stop();

    // Assertions
    expect(within.errors).toBeUndefined();
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', cost: 103, maxCost: 101 });
    expect(over.errors?.[0]?.message).toContain('estimated cost is 103, over the limit of 101');
    expect(resolved).toBe(1);
  });

  it('is on outside production, off in production unless asked for', () => {
    // Assertions
    expect(introspectionEnabled({ NODE_ENV: 'development' })).toBe(true);
    expect(introspectionEnabled({ NODE_ENV: 'production' })).toBe(false);
    expect(introspectionEnabled({ NODE_ENV: 'production', SHOPVERSE_GRAPHQL_INTROSPECTION: 'on' })).toBe(true);
    expect(introspectionEnabled({ NODE_ENV: 'development', SHOPVERSE_GRAPHQL_INTROSPECTION: 'off' })).toBe(false);
  });
});
