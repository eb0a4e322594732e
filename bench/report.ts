/**
 * How `pnpm bench` reports (issue 10): a markdown table per scenario for the terminal, a summary of every scenario's
 * outcome, and the results file's shape. Pure: the runner gathers, this only formats.
 */
import { type Figure, type FigureKind, figureKind, type ScenarioResult, targetMet } from './scenario';

/** The machine a run was measured on; figures mean little without it. */
export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  node: string;
  os: string;
}

/** What became of one scenario: its result, or the error that stopped it (the run goes on either way). */
export type ScenarioOutcome =
  | { status: 'passed'; id: string; seconds: number; result: ScenarioResult }
  | { status: 'failed'; id: string; seconds: number; error: string };

export interface RunReport {
  startedAt: Date;
  finishedAt: Date;
  options: { quick: boolean; only: string[] | null };
  machine: MachineInfo;
  scenarios: ScenarioOutcome[];
}

/** A figure as written to the results file: with its kind and whether it met its target (null when it has none). */
export type FigureJson = Omit<Figure, 'kind'> & { kind: FigureKind | null; met: boolean | null };

/**
 * `bench/results/2026-11-27.json` for a full run; a quick run (`-quick`) and a run of some scenarios only
 * (`-only-<ids>`) are named apart, so that neither overwrites the day's full results (and neither is committed).
 */
export function resultsFileName(startedAt: Date, options: RunReport['options']): string {
  const day = startedAt.toISOString().slice(0, 10);
  const only = options.only ? `-only-${options.only.join('+')}` : '';
  return `${day}${options.quick ? '-quick' : ''}${only}.json`;
}

/** Enough digits to compare runs by eye, never a misleading tail: 4,812 / 41.27 / 0.473. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (Number.isInteger(value) || magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 1) return value.toFixed(2);
  return value === 0 ? '0' : value.toPrecision(3);
}

/** `≤ 100`, `≥ 0.5`, `0.5 – 2`, or empty when the issue sets no target. */
export function formatTarget(target: Figure['target']): string {
  if (!target) return '';
  const { min, max } = target;
  if (min !== undefined && max !== undefined) return `${formatValue(min)} – ${formatValue(max)}`;
  if (max !== undefined) return `≤ ${formatValue(max)}`;
  if (min !== undefined) return `≥ ${formatValue(min)}`;
  return '';
}

/** A table cell: a pipe or a line break would end the cell early. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function row(cells: string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

function metCell(met: boolean | undefined): string {
  if (met === undefined) return '';
  return met ? 'yes' : 'NO';
}

/** One scenario's section: a heading, its title, the figures table (figure | value | unit | target | met), notes. */
export function scenarioMarkdown(outcome: ScenarioOutcome): string {
  if (outcome.status === 'failed') {
    return [
      `### ${outcome.id}: FAILED after ${outcome.seconds.toFixed(1)} s`,
      '',
      row(['figure', 'value', 'unit', 'target', 'met']),
      row(['---', '---:', '---', '---', '---']),
      row(['(scenario failed)', '', '', '', 'NO']),
      '',
      `Error: ${outcome.error}`,
      '',
    ].join('\n');
  }
  const { result } = outcome;
  const figures = result.figures.map((figure) => {
    const label = figure.note ? `${figure.label} (${figure.note})` : figure.label;
    return row([
      label,
      formatValue(figure.value),
      figure.unit,
      formatTarget(figure.target),
      metCell(targetMet(figure)),
    ]);
  });
  return [
    `### ${result.id}: ${result.title} (${outcome.seconds.toFixed(1)} s)`,
    '',
    row(['figure', 'value', 'unit', 'target', 'met']),
    row(['---', '---:', '---', '---', '---']),
    ...figures,
    '',
    ...result.notes.map((note) => `- ${note}`),
    ...(result.notes.length > 0 ? [''] : []),
  ].join('\n');
}

/** `3 of 4`: how many of the figures of that kind met their target; empty when none has a target of that kind. */
function metCount(figures: Figure[], kind: FigureKind): string {
  const judged = figures.filter((figure) => figureKind(figure) === kind);
  if (judged.length === 0) return '';
  return `${judged.filter((figure) => targetMet(figure)).length} of ${judged.length}`;
}

/**
 * The closing table: each scenario's status, duration and how many of its targets it met, correctness apart from
 * performance; then what fails the run, if anything.
 */
export function summaryMarkdown(report: RunReport): string {
  const seconds = (report.finishedAt.getTime() - report.startedAt.getTime()) / 1000;
  const lines = report.scenarios.map((outcome) => {
    if (outcome.status === 'failed') return row([outcome.id, 'FAILED', outcome.seconds.toFixed(1), '', '']);
    const { figures } = outcome.result;
    return row([
      outcome.id,
      'ran',
      outcome.seconds.toFixed(1),
      metCount(figures, 'correctness'),
      metCount(figures, 'performance'),
    ]);
  });
  const { machine } = report;
  const failures = runFailures(report);
  return [
    `### Summary${report.options.quick ? ' (quick run: sizes are small, timings are not judged)' : ''}`,
    '',
    row(['scenario', 'status', 'seconds', 'correctness targets met', 'performance targets met']),
    row(['---', '---', '---:', '---:', '---:']),
    ...lines,
    '',
    `${machine.cores} × ${machine.cpuModel}, ${formatValue(machine.memoryBytes / 2 ** 30)} GiB, Node ${machine.node}, ` +
      `${machine.os}; ${seconds.toFixed(1)} s in all.`,
    '',
    failures.length === 0
      ? 'Every scenario ran and met its correctness targets (performance targets never fail a run).'
      : `The run fails:\n${failures.map((failure) => `- ${failure}`).join('\n')}`,
    '',
  ].join('\n');
}

/** The results file's content: the report with each figure's `met` computed by `targetMet`. */
export function resultsJson(report: RunReport): string {
  const scenarios = report.scenarios.map((outcome) =>
    outcome.status === 'failed'
      ? outcome
      : {
          ...outcome,
          result: {
            ...outcome.result,
            figures: outcome.result.figures.map((figure): FigureJson => ({
              ...figure,
              kind: figureKind(figure) ?? null,
              met: targetMet(figure) ?? null,
            })),
          },
        },
  );
  return `${JSON.stringify({ ...report, scenarios }, null, 2)}\n`;
}

/**
 * What fails a run (its exit code is then 1, so CI's smoke test notices): a scenario that threw or overran its time
 * limit, and a correctness figure that missed its target. A performance target missed never does: timings on a shared
 * 2-core machine say more about its load than about the code. One line per failure; empty when the run passes.
 */
export function runFailures(report: RunReport): string[] {
  return report.scenarios.flatMap((outcome) => {
    if (outcome.status === 'failed') return [`${outcome.id} failed: ${outcome.error}`];
    return outcome.result.figures
      .filter((figure) => figureKind(figure) === 'correctness' && targetMet(figure) === false)
      .map(
        (figure) =>
          `${outcome.id}: ${figure.label} is ${formatValue(figure.value)} ${figure.unit}, ` +
          `its target ${formatTarget(figure.target)}`,
      );
  });
}
