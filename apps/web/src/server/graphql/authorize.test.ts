import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { requireRole, type Role, roleFromClaim } from './authorize';

function refusal(role: Role, needed: Role): GraphQLError | undefined {
  try {
    requireRole({ role, actor: 'someone@example.com' }, needed);
    return undefined;
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
}

describe('requireRole', () => {
  it('lets each role do what it and the roles below it may, and refuses the rest with FORBIDDEN', () => {
    // Setup
    const cases: [Role, Role, boolean][] = [
      ['viewer', 'viewer', true],
      ['viewer', 'operator', false],
      ['viewer', 'admin', false],
      ['operator', 'viewer', true],
      ['operator', 'operator', true],
      ['operator', 'admin', false],
      ['admin', 'viewer', true],
      ['admin', 'operator', true],
      ['admin', 'admin', true],
    ];
    // Action
    const outcomes = cases.map(([role, needed]) => refusal(role, needed));
    // Assertions
    cases.forEach(([role, needed, allowed], index) => {
      const error = outcomes[index];
      if (allowed) {
        expect(error, `${role} doing ${needed} work`).toBeUndefined();
      } else {
        expect(error?.extensions).toEqual({ code: 'FORBIDDEN', needed, role });
        expect(error?.message).toBe(`someone@example.com is a ${role}; this needs the ${needed} role.`);
      }
    });
  });
});

describe('roleFromClaim', () => {
  it('takes the highest role of ours from the roles claim and ignores names it does not know', () => {
    // Action
    const outcomes = {
      several: roleFromClaim(['viewer', 'admin', 'operator']),
      withForeign: roleFromClaim(['Reports.Read', 'operator']),
      single: roleFromClaim('viewer'),
      onlyForeign: roleFromClaim(['Admin', 'Global Administrator']),
      absent: roleFromClaim(undefined),
      empty: roleFromClaim([]),
      wrongType: roleFromClaim({ role: 'admin' }),
    };
    // Assertions
    expect(outcomes).toEqual({
      several: 'admin',
      withForeign: 'operator',
      single: 'viewer',
      onlyForeign: undefined,
      absent: undefined,
      empty: undefined,
      wrongType: undefined,
    });
  });
});
