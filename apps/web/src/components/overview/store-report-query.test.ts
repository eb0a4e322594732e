import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, Kind, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { queryCost, MAX_COST } from '../../server/graphql/limits';
import { STORE_REPORTS_QUERY } from './store-report-query';

/** The committed SDL, which sdl.test.ts keeps equal to the schema the server runs. */
const schema = buildSchema(readFileSync(join(import.meta.dirname, '..', '..', '..', 'schema.graphql'), 'utf8'));

describe('the store reports query', () => {
  it('asks only for what the API has, within the cost a query may have', () => {
    // Setup
    const document = parse(STORE_REPORTS_QUERY);
    const operation = document.definitions[0];
    if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('the query has no operation');
    // Action
    const problems = validate(schema, document);
    const cost = queryCost({ schema, document, operation });
    // Assertions
    expect(problems.map((problem) => problem.message)).toEqual([]);
    expect(cost).toBeLessThanOrEqual(MAX_COST);
  });
});
