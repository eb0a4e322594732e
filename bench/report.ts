/**
 * How `pnpm bench` reports (issue 10): a markdown table per scenario for the terminal, a summary of every scenario's
 * outcome, and the results file's shape. Pure: the runner gathers, this only formats.
 */
import { type Figure, type ScenarioResult, targetMet } from './scenario';

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

/** A figure as written to the results file: with whether it met its target (null when it has none). */
export type FigureJson = Figure & { met: boolean | null };

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

/** The closing table: each scenario's status, duration and how many of its targets it met. */
export function summaryMarkdown(report: RunReport): string {
  const seconds = (report.finishedAt.getTime() - report.startedAt.getTime()) / 1000;
  const lines = report.scenarios.map((outcome) => {
    if (outcome.status === 'failed') return row([outcome.id, 'FAILED', outcome.seconds.toFixed(1), '']);
    const judged = outcome.result.figures.map(targetMet).filter((met) => met !== undefined);
    const met = judged.filter(Boolean).length;
    return row([outcome.id, 'ran', outcome.seconds.toFixed(1), `${met} of ${judged.length}`]);
  });
  const { machine } = report;
  return [
    `### Summary${report.options.quick ? ' (quick run: sizes are small, timings are not judged)' : ''}`,
    '',
    row(['scenario', 'status', 'seconds', 'targets met']),
    row(['---', '---', '---:', '---:']),
    ...lines,
    '',
    `${machine.cores} × ${machine.cpuModel}, ${formatValue(machine.memoryBytes / 2 ** 30)} GiB, Node ${machine.node}, ` +
      `${machine.os}; ${seconds.toFixed(1)} s in all.`,
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
              met: targetMet(figure) ?? null,
            })),
          },
        },
  );
  return `${JSON.stringify({ ...report, scenarios }, null, 2)}\n`;
}

/** Whether any scenario failed (the process then exits non-zero, so CI's smoke test notices a broken bench). */
export function anyFailed(report: RunReport): boolean {
  return report.scenarios.some((outcome) => outcome.status === 'failed');
}
