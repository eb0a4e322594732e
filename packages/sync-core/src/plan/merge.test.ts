import { describe, expect, it } from 'vitest';
import { matchConfidence, resolveMatch } from './merge';

describe('matchConfidence', () => {
  it('adds independent evidence and never reaches certainty without our own key', () => {
    expect(matchConfidence(['email'])).toBe(0.7);
    expect(matchConfidence(['email', 'phone'])).toBe(0.87);
    expect(matchConfidence(['email', 'email'])).toBe(0.7);
    expect(matchConfidence(['alternateKey'])).toBe(1);
  });
});

describe('resolveMatch', () => {
  const ambiguous = {
    kind: 'ambiguous' as const,
    key: 'email' as const,
    candidates: [
      { id: 'a', matchedOn: ['email' as const] },
      { id: 'b', matchedOn: ['email' as const, 'phone' as const] },
    ],
  };

  it('orders the candidates of an open question by confidence', () => {
    expect(resolveMatch(ambiguous, undefined)).toEqual({
      kind: 'ambiguous',
      key: 'email',
      candidates: [
        { id: 'b', matchedOn: ['email', 'phone'], confidence: 0.87 },
        { id: 'a', matchedOn: ['email'], confidence: 0.7 },
      ],
    });
  });

  it('follows a person’s decision', () => {
    expect(resolveMatch(ambiguous, { decision: { kind: 'link', crmId: 'a' }, by: 'ops' })).toEqual({
      kind: 'update',
      id: 'a',
      matchedOn: 'decision',
    });
    expect(resolveMatch(ambiguous, { decision: { kind: 'create' }, by: 'ops' })).toEqual({ kind: 'create' });
    expect(resolveMatch(ambiguous, { decision: { kind: 'ignore' }, by: 'ops' })).toEqual({
      kind: 'skip',
      reason: 'ignored in the merge queue by ops',
    });
  });

  it('never lets a decision override a link or our own key', () => {
    const linked = { kind: 'update' as const, id: 'x', matchedOn: 'linkedId' as const };
    expect(resolveMatch(linked, { decision: { kind: 'create' }, by: 'ops' })).toEqual(linked);
  });
});
