/**
 * Puts a full run's figures into the README's performance section (issue 10: "The table goes into the README's
 * performance section, with the machine it ran on"): `pnpm bench:readme bench/results/<date>.json`
 * replaces what follows the `<!-- bench-table -->` marker up to the next heading (or the end).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTarget, formatValue, type FigureJson } from './report';

const MARKER = '<!-- bench-table -->';

/** The part of a results file the table reads. */
export interface ResultsFile {
  startedAt: string;
  finishedAt: string;
  options: { quick: boolean; only: string[] | null };
  machine: { cpuModel: string; cores: number; memoryBytes: number; node: string; os: string };
  scenarios: (
    | { status: 'passed'; id: string; seconds: number; result: { title: string; figures: FigureJson[] } }
    | { status: 'failed'; id: string; seconds: number; error: string }
  )[];
}

/** Figures without a target that the issue still asks to see, beside every figure that has one. */
const HEADLINES = [
  /^orders per second$/,
  /ceiling$/,
  /^naive strategy orders per second$/,
  /sustained orders per second$/,
  /^(projected time for the whole backfill|backfill completion time)$/,
  /^deliveries\/s$/,
  /^baseline deliveries\/s$/,
  /^acknowledgement p50$/,
  /^webhook-to-CRM latency p(50|99)$/,
  /lines\/s$/,
  /^Shopify cost points per order$/,
  /^Dataverse operations per order$/,
  /^re-sync: Shopify cost$/,
  /^naive: (CRM writes|Shopify cost)$/,
];

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The section's body: the machine and run, then one row per figure that matters (scenario | figure | value | target | met). */
export function readmeTable(results: ResultsFile, file: string): string {
  const { machine } = results;
  const seconds = (Date.parse(results.finishedAt) - Date.parse(results.startedAt)) / 1000;
  const lines = [
    `Last full run: \`${file}\`, ${results.startedAt.slice(0, 10)}, ${Math.round(seconds)} s in all, on ` +
      `${machine.cores} × ${machine.cpuModel}, ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${machine.node}, ` +
      `${machine.os}. The notes under each table of \`pnpm bench\` say what bounds a target not met.`,
    '',
    '| scenario | figure | value | target | met |',
    '| --- | --- | ---: | --- | --- |',
  ];
  for (const scenario of results.scenarios) {
    if (scenario.status === 'failed') {
      lines.push(`| ${scenario.id} | FAILED: ${cell(scenario.error.split('\n')[0] ?? '')} | | | |`);
      continue;
    }
    for (const figure of scenario.result.figures) {
      if (!figure.target && !HEADLINES.some((pattern) => pattern.test(figure.label))) continue;
      const met = figure.met === null ? '' : figure.met ? 'yes' : 'NO';
      lines.push(
        `| ${scenario.id} | ${cell(figure.label)} | ${formatValue(figure.value)} ${cell(figure.unit)} | ` +
          `${formatTarget(figure.target)} | ${met} |`,
      );
    }
  }
  return lines.join('\n');
}

/** The README with the section's body replaced. */
export function withTable(readme: string, table: string): string {
  const at = readme.indexOf(MARKER);
  if (at === -1) throw new Error(`The README has no ${MARKER} marker to put the table under.`);
  const after = readme.slice(at + MARKER.length);
  const next = after.search(/\n## /);
  const rest = next === -1 ? '\n' : after.slice(next);
  return `${readme.slice(0, at)}${MARKER}\n\n${table}\n${rest}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [file] = process.argv.slice(2);
  if (!file) throw new Error('usage: tsx bench/readme-table.ts bench/results/<date>.json');
  const results = JSON.parse(readFileSync(file, 'utf8')) as ResultsFile;
  if (results.options.quick || results.options.only) throw new Error(`${file} is not a full run.`);
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
  const readmePath = join(root, 'README.md');
  const shown = relative(root, file);
  writeFileSync(readmePath, withTable(readFileSync(readmePath, 'utf8'), readmeTable(results, shown)));
  process.stdout.write(`README.md: performance table from ${shown}\n`);
}
