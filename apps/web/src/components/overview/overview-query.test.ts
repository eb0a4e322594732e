import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { OVERVIEW_QUERY, STORE_FAILURES_QUERY } from './overview-query';

/** The committed SDL, which sdl.test.ts keeps equal to the schema the server runs. */
const schema = buildSchema(readFileSync(join(import.meta.dirname, '..', '..', '..', 'schema.graphql'), 'utf8'));

describe('the overview queries', () => {
  it('ask only for what the API has', () => {
    // Action
    const problems = [OVERVIEW_QUERY, STORE_FAILURES_QUERY].flatMap((query) => validate(schema, parse(query)));
    // Assertions
    expect(problems.map((problem) => problem.message)).toEqual([]);
  });
});
