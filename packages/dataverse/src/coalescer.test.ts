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

    it('spreads a surge of a full batch over the free slots, never below 10 operations a batch', async () => {
      vi.useFakeTimers();
      const { sent, coalescer } = recording(100);
      const surge = (count: number, prefix: string) =>
        Array.from({ length: count }, (_, index) =>
          withPatience(1000, () => coalescer.submitOrRun(read(`${prefix}${index}`), true, alone)),
        );
      // Action: 100 syncs reach the same step together; then 120, of which the last 20 wait for their linger.
      await Promise.all(surge(100, 'a'));
      const first = sent.map((batch) => batch.length);
      sent.length = 0;
      const second120 = Promise.all(surge(120, 'b'));
      await vi.advanceTimersByTimeAsync(1000);
      await second120;
      const second = sent.map((batch) => batch.length);
      sent.length = 0;
      // Action: a surge of exactly a full batch of 20 operations, each slot would get 5: two batches of 10 instead.
      const small = recording(20);
      await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          withPatience(1000, () => small.coalescer.submitOrRun(read(`c${index}`), true, alone)),
        ),
      );
      // Assertions: four batches of 25 answer in a quarter of the time one of 100 would take (Dataverse runs a batch's
      // operations one after another), for the same operations.
      expect(first).toEqual([25, 25, 25, 25]);
      expect(second).toEqual([25, 25, 25, 25, 20]);
      expect(small.sent.map((batch) => batch.length)).toEqual([10, 10]);
    });

    it('sends a full batch while the other slots are busy', async () => {
      vi.useFakeTimers();
      const answers: (() => void)[] = [];
      const sent: number[] = [];
      const coalescer = new BatchCoalescer(
        (items) => {
          sent.push(items.length);
          return new Promise((resolve) => {
            answers.push(() => resolve({ parts: items.map(() => part(200)), throttled: 0 }));
          });
        },
        { inFlight: 4, maxOperations: 100 },
      );
      // Setup: three slots taken by requests that have not been answered.
      const busy = ['x', 'y', 'z'].map((url) => coalescer.submitOrRun(read(url), true, () => new Promise(() => {})));
      void busy;
      // Action: a surge of 100 patient reads.
      const surge = Array.from({ length: 100 }, (_, index) =>
        withPatience(1000, () => coalescer.submitOrRun(read(`s${index}`), true, alone)),
      );
      await vi.advanceTimersByTimeAsync(0);
      // Assertions: the one free slot takes them all, as one batch.
      expect(sent).toEqual([100]);
      answers.forEach((answer) => answer());
      await Promise.all(surge);
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
