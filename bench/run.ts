/**
 * `pnpm bench` (issue 10): runs the scenarios one after another, prints a markdown table per scenario to stdout and
 * writes `bench/results/<date>.json` with the machine, the times, the options and every scenario's result (a quick
 * run writes `<date>-quick.json`, a run of some scenarios `<date>-only-<ids>.json`; neither is committed). A scenario
 * that throws is reported as failed and the run goes on.
 *
 * The exit code is 1 when a scenario failed or a correctness figure missed its target (`runFailures`), never for a
 * performance target: `npm test` runs `pnpm bench --quick` as a smoke test on whatever machine CI gives it.
 *
 * Options: `--quick` (small sizes; timings are not judged), `--only <id,id>` (those scenarios only), `--results
 * <file>` (the results file there instead).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDatabaseServer } from './lib/bench-database';
import { describeMachine } from './lib/machine';
import { parseRunOptions } from './lib/run-options';
import { withinTimeLimit } from './lib/time-limit';
import {
  type RunReport,
  type ScenarioOutcome,
  resultsFileName,
  resultsJson,
  runFailures,
  scenarioMarkdown,
  summaryMarkdown,
} from './report';
import type { Scenario } from './scenario';
import { scenario as backfill } from './scenarios/backfill';
import { scenario as bulkIngest } from './scenarios/bulk-ingest';
import { scenario as dataverseWrites } from './scenarios/dataverse-writes';
import { scenario as intakeBurst } from './scenarios/intake-burst';
import { scenario as resyncUnchanged } from './scenarios/resync-unchanged';
import { scenario as shopifyReads } from './scenarios/shopify-reads';
import { scenario as steadyState } from './scenarios/steady-state';
import { scenario as syncLogSearch } from './scenarios/sync-log-search';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The scenarios, then the connector and sync log benches of issues 5 and 9. Intake runs first: it builds and
 * starts the console from `apps/web/.next`, which the browser tests share, so it is over in the run's first minute.
 */
const SCENARIOS: Scenario[] = [
  intakeBurst,
  backfill,
  steadyState,
  bulkIngest,
  resyncUnchanged,
  shopifyReads,
  dataverseWrites,
  syncLogSearch,
];

/**
 * How long one scenario may take before it is reported as failed and the run goes on: well above what each needs
 * (the issue wants the whole run under 15 minutes on 2 cores, the quick one under 2), so only a hang reaches it.
 */
const FULL_LIMIT_MINUTES = 8;
const QUICK_LIMIT_MINUTES = 3;

function progress(message: string) {
  process.stderr.write(`[bench] ${message}\n`);
}

async function main(): Promise<number> {
  const options = parseRunOptions(
    process.argv.slice(2),
    SCENARIOS.map((scenario) => scenario.id),
  );
  const chosen = options.only ? SCENARIOS.filter((scenario) => options.only?.includes(scenario.id)) : SCENARIOS;
  const report: RunReport = {
    startedAt: new Date(),
    finishedAt: new Date(),
    options,
    machine: describeMachine(),
    scenarios: [],
  };
  const databases = benchDatabaseServer();
  for (const scenario of chosen) {
    progress(`${scenario.id}${options.quick ? ' (quick)' : ''}…`);
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    let outcome: ScenarioOutcome;
    try {
      const result = await withinTimeLimit(
        scenario.run({ quick: options.quick, database: (label) => databases.create(label) }),
        (options.quick ? QUICK_LIMIT_MINUTES : FULL_LIMIT_MINUTES) * 60_000,
        `scenario ${scenario.id}`,
      );
      outcome = { status: 'passed', id: scenario.id, seconds: seconds(), result };
    } catch (error) {
      progress(`${scenario.id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const message = error instanceof Error ? error.message : String(error);
      outcome = { status: 'failed', id: scenario.id, seconds: seconds(), error: message };
    }
    report.scenarios.push(outcome);
    process.stdout.write(`${scenarioMarkdown(outcome)}\n`);
  }
  await databases.stop();
  report.finishedAt = new Date();
  process.stdout.write(summaryMarkdown(report));

  const file = options.results
    ? resolve(options.results)
    : join(here, 'results', resultsFileName(report.startedAt, options));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, resultsJson(report));
  progress(`results written to ${relative(process.cwd(), file)}`);
  const failures = runFailures(report);
  for (const failure of failures) progress(`FAILS THE RUN: ${failure}`);
  return failures.length > 0 ? 1 : 0;
}

// Exit explicitly: a scenario that failed half-way may leave a timer or socket that would keep the process alive.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
