import { describe, expect, it } from 'vitest';
import type { BatchItem, BatchPartResponse } from './batch';
import { BatchCoalescer, splitParts } from './coalescer';

const read = (url: string): BatchItem => ({ method: 'GET', url });
const changeset = (...urls: string[]): BatchItem => ({
  changeset: urls.map((url) => ({ method: 'PATCH' as const, url, body: {} })),
});
const part = (status: number, changeset?: number): BatchPartResponse => ({
  status,
  headers: {},
  body: '',
  ...(changeset !== undefined ? { changeset } : {}),
});

describe('splitParts', () => {
  it('hands each read its part and each changeset its group, renumbered as the only changeset', () => {
    // Action
    const split = splitParts(
      [read('a'), changeset('b', 'c'), read('d'), changeset('e')],
      [part(200), part(204, 0), part(204, 0), part(404), part(204, 1)],
    );
    // Assertions
    expect(split.map((parts) => parts.map((p) => [p.status, p.changeset]))).toEqual([
      [[200, undefined]],
      [
        [204, 0],
        [204, 0],
      ],
      [[404, undefined]],
      [[204, 0]],
    ]);
  });

  it('gives a failed changeset answered as one plain part that part, and an item the answer does not reach nothing', () => {
    // Action
    const split = splitParts([changeset('a', 'b'), changeset('c'), read('d')], [part(400), part(204, 0)]);
    // Assertions
    expect(split.map((parts) => parts.map((p) => p.status))).toEqual([[400], [204], []]);
  });
});

describe('BatchCoalescer', () => {
  it('sends what arrives while every slot is busy together, capped by operations', async () => {
    // Setup: one slot, held by the first batch until released.
    const sent: BatchItem[][] = [];
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const coalescer = new BatchCoalescer(
      async (items) => {
        sent.push(items);
        if (sent.length === 1) await held;
        return { parts: items.map(() => part(200)), throttled: 0 };
      },
      { inFlight: 1, maxOperations: 3 },
    );
    // Action
    const answers = ['a', 'b', 'c', 'd', 'e'].map((url) => coalescer.submit(read(url), true));
    expect(coalescer.waiting).toBe(4);
    release();
    const done = await Promise.all(answers);
    // Assertions
    expect(sent.map((items) => items.map((item) => ('url' in item ? item.url : '')))).toEqual([
      ['a'],
      ['b', 'c', 'd'],
      ['e'],
    ]);
    expect(done.every((answer) => answer.parts.length === 1)).toBe(true);
  });

  it('runs a request alone in a free slot, and fails every caller of a batch that failed whole', async () => {
    // Setup
    const coalescer = new BatchCoalescer(() => Promise.reject(new Error('connection reset')), {
      inFlight: 1,
      maxOperations: 10,
    });
    // Action
    const alone = await coalescer.submitOrRun(read('a'), true, () => Promise.resolve('direct'));
    const queued = [coalescer.submit(read('b'), true), coalescer.submit(read('c'), false)];
    // Assertions
    expect(alone).toEqual({ alone: 'direct' });
    await expect(queued[0]).rejects.toThrow('connection reset');
    await expect(queued[1]).rejects.toThrow('connection reset');
  });
});
