import { describe, expect, it } from 'vitest';
import { shapeDifferences } from './shape-compare';

describe('shapeDifferences', () => {
  const sample = { id: 1, name: 'x' };
  const inferred = {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      name: { type: 'string' },
      company: { type: ['null', 'object'], properties: { id: { type: 'integer' } } },
    },
  };

  it('accepts a key the sample lacks only where production payloads have it, and holds it to their schema', () => {
    expect(shapeDifferences(sample, { ...sample, company: null }, inferred)).toEqual([]);
    expect(shapeDifferences(sample, { ...sample, company: { id: 5 } }, inferred)).toEqual([]);
    expect(shapeDifferences(sample, { ...sample, company: 'Acme' }, inferred)).not.toEqual([]);
    expect(shapeDifferences(sample, { ...sample, invented: 1 }, inferred)).toEqual(['$.invented: extra']);
    expect(shapeDifferences(sample, { id: 1 }, inferred)).toEqual(['$.name: missing']);
  });
});
