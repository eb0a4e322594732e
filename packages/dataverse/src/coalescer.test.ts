import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BatchItem, BatchPartResponse } from './batch';
import { BatchCoalescer, splitParts, withPatience } from './coalescer';

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

  describe('with patience', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    const recording = (maxOperations: number) => {
      const sent: string[][] = [];
      const coalescer = new BatchCoalescer(
        (items) => {
          sent.push(items.map((item) => ('url' in item ? item.url : 'changeset')));
          return Promise.resolve({ parts: items.map(() => part(200)), throttled: 0 });
        },
        { inFlight: 4, maxOperations },
      );
      return { sent, coalescer };
    };
    const alone = () => Promise.resolve('direct');

    it('holds patient requests in free slots until their batch is full, or the first is due', async () => {
      vi.useFakeTimers();
      const { sent, coalescer } = recording(3);
      // Action: three patient requests fill a batch; two more wait for their linger.
      const first = ['a', 'b', 'c'].map((url) =>
        withPatience(1000, () => coalescer.submitOrRun(read(url), true, alone)),
      );
      await Promise.all(first);
      const rest = ['d', 'e'].map((url) => withPatience(1000, () => coalescer.submitOrRun(read(url), true, alone)));
      await vi.advanceTimersByTimeAsync(999);
      const beforeDue = sent.length;
      await vi.advanceTimersByTimeAsync(1);
      await Promise.all(rest);
      // Assertions
      expect(beforeDue).toBe(1);
      expect(sent).toEqual([
        ['a', 'b', 'c'],
        ['d', 'e'],
      ]);
    });

    it('lets a request without patience leave at once, taking the waiting ones along', async () => {
      vi.useFakeTimers();
      const { sent, coalescer } = recording(100);
      // Action
      const patient = withPatience(1000, () => coalescer.submitOrRun(read('a'), true, alone));
      await vi.advanceTimersByTimeAsync(10);
      const urgent = coalescer.submitOrRun(read('b'), true, alone);
      await vi.advanceTimersByTimeAsync(0);
      // Assertions: one batch, well before the patient request was due.
      expect(sent).toEqual([['a', 'b']]);
      await expect(patient).resolves.toMatchObject({ answer: { parts: [{ status: 200 }] } });
      await expect(urgent).resolves.toMatchObject({ answer: { parts: [{ status: 200 }] } });
    });
  });
});
