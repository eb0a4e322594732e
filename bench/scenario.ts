/**
 * What every benchmark scenario answers (issue 10): its figures, each with the target it is held to, so that `pnpm
 * bench` can print one table and write one results file. Timings live here, never in the tests.
 */

/** One measured figure, e.g. `{ label: 'acknowledgement p99', value: 41.2, unit: 'ms', target: { max: 100 } }`. */
export interface Figure {
  label: string;
  value: number;
  unit: string;
  /** The target for this figure, when it sets one; `met` is computed from it. */
  target?: { min?: number; max?: number };
  /** What bounds the figure or how to read it, in a few words (e.g. "bounded by Dataverse's execution time"). */
  note?: string;
}

export interface ScenarioResult {
  /** Short id, e.g. `intake-burst`. */
  id: string;
  /** A line saying what ran, with its sizes, e.g. "5,000 signed deliveries, 64 concurrent". */
  title: string;
  figures: Figure[];
  /** Anything a reader needs to trust the figures: settings, what was left out, a target not reached and why. */
  notes: string[];
}

export interface ScenarioOptions {
  /** `--quick`: small sizes, for CI's smoke test (no timing is asserted there). */
  quick: boolean;
}

export interface Scenario {
  id: string;
  run(options: ScenarioOptions): Promise<ScenarioResult>;
}

/** Whether a figure meets its target; undefined when it has none. */
export function targetMet(figure: Figure): boolean | undefined {
  if (!figure.target) return undefined;
  const { min, max } = figure.target;
  return (min === undefined || figure.value >= min) && (max === undefined || figure.value <= max);
}
