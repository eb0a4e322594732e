import { AsyncLocalStorage } from 'node:async_hooks';
import type { BatchItem, BatchPartResponse } from './batch';

/** The smallest batch a surge is spread into: Microsoft advises batches of about 10 (DATAVERSE.md). */
const MIN_SPREAD_OPERATIONS = 10;

/** How long requests made inside {@link withPatience} may wait for a fuller batch, in milliseconds. */
const patience = new AsyncLocalStorage<number>();

/**
 * Runs `work` so that the Dataverse requests it makes through a coalescing client may wait up to `lingerMs` for others
 * to fill their batch, instead of leaving at once in a free slot: for syncs nobody waits on (a backfill's), whose
 * requests then share batches even when Dataverse is not the bottleneck and its slots are free. A request without
 * patience (a webhook's sync) still leaves at once, and takes the waiting ones along.
 */
export function withPatience<T>(lingerMs: number, work: () => Promise<T>): Promise<T> {
  return patience.run(lingerMs, work);
}

/**
 * How requests made at the same time by many syncs share `$batch` requests. Dataverse counts a `$batch` once against
 * the 6,000-requests limit and its operations' execution time in full (DATAVERSE.md), so a worker that sends one
 * request per read or changeset runs into the request limit long before the execution-time one.
 */
export interface CoalesceOptions {
  /**
   * Combined batches in flight at once. While all of them are out, new requests wait and leave together in the next
   * one; while a slot is free, a request leaves at once, so a quiet worker adds no delay.
   */
  inFlight: number;
  /** Operations in one combined batch at most (Dataverse allows 1,000; Microsoft advises small batches). */
  maxOperations: number;
}

/** What one submitted item got back: its own parts of the combined answer, and the 429s the batch waited out. */
export interface CoalescedAnswer {
  parts: BatchPartResponse[];
  throttled: number;
}

/** Sends items as one `$batch` with continue-on-error, so each changeset and read answers for itself. */
export type SendBatch = (items: BatchItem[], idempotent: boolean) => Promise<CoalescedAnswer>;

interface Entry {
  item: BatchItem;
  operations: number;
  idempotent: boolean;
  /** When it must leave at the latest (epoch ms): at once, unless made with patience. */
  dueAt: number;
  resolve(answer: CoalescedAnswer): void;
  reject(error: unknown): void;
}

/**
 * Gathers single operations and changesets from concurrent callers into shared `$batch` requests and hands each caller
 * its own parts of the answer. A batch is idempotent only when every item in it is, so the client resends a batch whose
 * answer was lost only then. A batch that fails as a whole fails every caller in it with the same error.
 */
export class BatchCoalescer {
  readonly #pending: Entry[] = [];
  #inFlight = 0;
  /** Wakes the pump when the earliest patient request is due. */
  #timer: { at: number; handle: NodeJS.Timeout } | null = null;

  constructor(
    readonly send: SendBatch,
    readonly options: CoalesceOptions,
  ) {
    if (options.inFlight < 1 || options.maxOperations < 1) {
      throw new Error(`Coalescing needs at least one batch in flight and one operation per batch.`);
    }
  }

  /** Queues one operation or one changeset; resolves with its own parts once its batch has answered. */
  submit(item: BatchItem, idempotent: boolean): Promise<CoalescedAnswer> {
    const operations = 'changeset' in item ? item.changeset.length : 1;
    const dueAt = Date.now() + (patience.getStore() ?? 0);
    return new Promise<CoalescedAnswer>((resolve, reject) => {
      this.#pending.push({ item, operations, idempotent, dueAt, resolve, reject });
      this.#pump();
    });
  }

  /**
   * Runs `alone` at once in a free slot when nothing is waiting, so a quiet client sends each request as it would
   * without coalescing; otherwise queues the item for the next shared batch.
   */
  async submitOrRun<T>(
    item: BatchItem,
    idempotent: boolean,
    alone: () => Promise<T>,
  ): Promise<{ alone: T } | { answer: CoalescedAnswer }> {
    if (this.#inFlight >= this.options.inFlight || this.#pending.length > 0 || (patience.getStore() ?? 0) > 0) {
      return { answer: await this.submit(item, idempotent) };
    }
    this.#inFlight += 1;
    try {
      return { alone: await alone() };
    } finally {
      this.#inFlight -= 1;
      this.#pump();
    }
  }

  /** Requests waiting for a batch, for tests and diagnostics. */
  get waiting(): number {
    return this.#pending.length;
  }

  #pump(): void {
    while (this.#inFlight < this.options.inFlight && this.#pending.length > 0) {
      if (!this.#due()) return;
      for (const taken of this.#takeForFreeSlots()) {
        this.#inFlight += 1;
        void this.#flush(taken).finally(() => {
          this.#inFlight -= 1;
          this.#pump();
        });
      }
    }
  }

  /**
   * The batches to send now. A surge of at least a full batch (many syncs reaching the same step together) is spread
   * over the free slots, no batch under MIN_SPREAD_OPERATIONS: Dataverse runs a batch's operations one after another,
   * so four batches of 25 answer in a quarter of the time one of 100 takes, for the same execution time. The request
   * count grows only while slots are free; a busy client still sends full batches. Anything less leaves as one batch.
   */
  #takeForFreeSlots(): Entry[][] {
    const free = this.options.inFlight - this.#inFlight;
    const { maxOperations } = this.options;
    let surge = 0;
    for (const entry of this.#pending) {
      surge += entry.operations;
      if (surge >= maxOperations * free) break;
    }
    if (free <= 1 || surge < maxOperations) return [this.#take(maxOperations)];
    const size = Math.min(maxOperations, Math.max(MIN_SPREAD_OPERATIONS, Math.ceil(surge / free)));
    const batches: Entry[][] = [];
    while (batches.length < free && this.#pending.length > 0) batches.push(this.#take(size));
    return batches;
  }

  /**
   * Whether a batch should leave now: a full one, or one with a request that must not wait longer. Otherwise the pump
   * is woken when the earliest waiting request is due.
   */
  #due(): boolean {
    const now = Date.now();
    let operations = 0;
    let earliest = Number.POSITIVE_INFINITY;
    for (const entry of this.#pending) {
      operations += entry.operations;
      earliest = Math.min(earliest, entry.dueAt);
    }
    if (operations >= this.options.maxOperations || earliest <= now) return true;
    if (this.#timer && this.#timer.at <= earliest) return false;
    if (this.#timer) clearTimeout(this.#timer.handle);
    this.#timer = {
      at: earliest,
      handle: setTimeout(() => {
        this.#timer = null;
        this.#pump();
      }, earliest - now),
    };
    return false;
  }

  /** The oldest entries that fit one batch of `cap` operations (an item larger than the cap still goes, alone). */
  #take(cap: number): Entry[] {
    const taken: Entry[] = [];
    let operations = 0;
    while (this.#pending.length > 0) {
      const next = this.#pending[0] as Entry;
      if (taken.length > 0 && operations + next.operations > cap) break;
      taken.push(next);
      operations += next.operations;
      this.#pending.shift();
    }
    return taken;
  }

  async #flush(entries: Entry[]): Promise<void> {
    let answer: CoalescedAnswer;
    try {
      answer = await this.send(
        entries.map((entry) => entry.item),
        entries.every((entry) => entry.idempotent),
      );
    } catch (error) {
      for (const entry of entries) entry.reject(error);
      return;
    }
    const split = splitParts(
      entries.map((entry) => entry.item),
      answer.parts,
    );
    entries.forEach((entry, index) => entry.resolve({ parts: split[index] ?? [], throttled: answer.throttled }));
  }
}

/**
 * Splits a combined answer back into each item's parts: a read or single write answers with one part outside any
 * changeset; a changeset answers with its own multipart group (or, when it failed, possibly with its error as one plain
 * part). An item the answer does not reach (a batch cut short) gets no parts.
 */
export function splitParts(items: BatchItem[], parts: BatchPartResponse[]): BatchPartResponse[][] {
  const result: BatchPartResponse[][] = [];
  let next = 0;
  for (const item of items) {
    const own: BatchPartResponse[] = [];
    const first = parts[next];
    if (first && 'changeset' in item && first.changeset !== undefined) {
      const group = first.changeset;
      while (next < parts.length && parts[next]?.changeset === group) {
        own.push({ ...(parts[next] as BatchPartResponse), changeset: 0 });
        next += 1;
      }
    } else if (first && first.changeset === undefined) {
      own.push(first);
      next += 1;
    }
    result.push(own);
  }
  return result;
}
