import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { AUDIT_PLACES_QUERY, AUDIT_QUERY } from './audit-query';

/** The committed SDL, which sdl.test.ts keeps equal to the schema the server runs. */
const schema = buildSchema(readFileSync(join(import.meta.dirname, '..', '..', '..', 'schema.graphql'), 'utf8'));

describe('the audit queries', () => {
  it('ask only for what the API has', () => {
    // Action
    const problems = [AUDIT_QUERY, AUDIT_PLACES_QUERY].flatMap((query) => validate(schema, parse(query)));
    // Assertions
    expect(problems.map((problem) => problem.message)).toEqual([]);
  });

  it('would notice a field the API does not have', () => {
    // Action
    const problems = validate(schema, parse('{ auditEvents { edges { node { whoKnows } } } }'));
    // Assertions
    expect(problems.map((problem) => problem.message)).toEqual(['Cannot query field "whoKnows" on type "AuditEvent".']);
  });
});
