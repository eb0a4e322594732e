/**
 * Simulated time for benchmarks: `sleep` waits on this clock, and `run` moves it forward to the next timer whenever
 * everything else is waiting. Minutes of rate-limited traffic then take seconds, and the figures are the same on any
 * machine. Everything that waits inside `run` must wait on this clock (or on promises): real I/O would look idle.
 */
export class VirtualClock {
  #now: number;
  #sequence = 0;
  #timers: { at: number; sequence: number; resolve: () => void }[] = [];

  constructor(start: number) {
    this.#now = start;
  }

  readonly now = (): number => this.#now;

  readonly sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.#timers.push({ at: this.#now + Math.max(0, ms), sequence: this.#sequence++, resolve });
    });

  /** Runs `work` to its end on this clock. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    let outcome: { value: T } | { error: unknown } | undefined;
    work().then(
      (value) => (outcome = { value }),
      (error: unknown) => (outcome = { error }),
    );
    while (!outcome) {
      await idle();
      if (outcome) break;
      if (this.#timers.length === 0)
        throw new Error('Nothing left to wait for on the virtual clock, yet the work is not done.');
      this.#timers.sort((a, b) => a.at - b.at || a.sequence - b.sequence);
      const at = this.#timers[0]?.at ?? this.#now;
      this.#now = Math.max(this.#now, at);
      const due = this.#timers.filter((timer) => timer.at <= this.#now);
      this.#timers = this.#timers.filter((timer) => timer.at > this.#now);
      for (const timer of due) timer.resolve();
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  }
}

/** Lets every promise chain that can move do so (they may pass through a few macrotask turns). */
async function idle(): Promise<void> {
  for (let turn = 0; turn < 50; turn += 1) await new Promise((resolve) => setImmediate(resolve));
}
