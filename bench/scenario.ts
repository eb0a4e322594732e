/**
 * What every benchmark scenario answers (issue 10): its figures, each with the target it is held to, so that `pnpm
 * bench` can print one table and write one results file. Timings live here, never in the tests.
 */
import type { BenchDatabase } from './lib/bench-database';

/** One measured figure, e.g. `{ label: 'acknowledgement p99', value: 41.2, unit: 'ms', target: { max: 100 } }`. */
export interface Figure {
  label: string;
  value: number;
  unit: string;
  /** The target for this figure, when it sets one; `met` is computed from it. */
  target?: { min?: number; max?: number };
  /** What bounds the figure or how to read it, in a few words (e.g. "bounded by Dataverse's execution time"). */
  note?: string;
  /** What its target guards; see `figureKind` for the default. */
  kind?: FigureKind;
}

/**
 * What a figure's target guards. `correctness`: a count the sync must get right on any machine (a delivery stored
 * twice, a change missing from the CRM, a write for an unchanged record); missing it fails the run, CI's smoke test
 * included. `performance`: a time, rate, ratio or size that depends on the machine and what else runs on it; missing
 * it is reported in the tables and never fails a run.
 */
export type FigureKind = 'correctness' | 'performance';

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
  /**
   * An empty database of the scenario's own on the run's shared embedded PostgreSQL (fsync off), migrations not run;
   * the scenario drops it when done. For scenarios that need no server settings of their own (bench/lib/bench-database).
   */
  database: (label: string) => Promise<BenchDatabase>;
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

/**
 * A figure's kind: its own `kind` when it says, otherwise `correctness` for a target of exactly `{ max: 0 }` (a count
 * of things that must not happen) and `performance` for any other target; undefined when it has no target.
 */
export function figureKind(figure: Figure): FigureKind | undefined {
  if (!figure.target) return undefined;
  if (figure.kind) return figure.kind;
  const { min, max } = figure.target;
  return min === undefined && max === 0 ? 'correctness' : 'performance';
}
