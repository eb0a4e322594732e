/**
 * How many operations to put in the next `$batch`. Microsoft advises small batches (about 10) sent in parallel
 * (DATAVERSE.md, "Service protection limits"); a `$batch` counts once against the request limit but its operations'
 * time counts in full, so bigger batches only help while the execution-time budget has room. We start small, grow by
 * a step after each batch that went through, and halve on a 429 (additive increase, multiplicative decrease: the rule
 * that lets TCP share a link without collapsing it).
 */
export class AdaptiveBatchSize {
  #size: number;

  constructor(private readonly options: { initial?: number; min?: number; max?: number; step?: number } = {}) {
    this.#size = options.initial ?? 10;
  }

  get size(): number {
    return this.#size;
  }

  /** A batch of `size` succeeded without throttling. */
  succeeded(): void {
    this.#size = Math.min(this.options.max ?? 100, this.#size + (this.options.step ?? 5));
  }

  /** The service answered 429. */
  throttled(): void {
    this.#size = Math.max(this.options.min ?? 1, Math.floor(this.#size / 2));
  }
}
