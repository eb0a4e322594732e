/**
 * The test command (README, .ci/run): typecheck, lint, format, unit and integration tests (Vitest, real PostgreSQL),
 * the browser tests (Playwright in Chromium against the real console), then the bench's quick run as a smoke test.
 * Every stage runs even when an earlier one failed, so one run shows every problem; the last line is the count of
 * tests, `N passed, N failed`.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const results = join(root, '.data', 'test-results');

interface Stage {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  /** Reads the stage's test counts from its report, for stages that run tests. */
  count?: () => { passed: number; failed: number; skipped: number };
  /** Names the stage's failed tests from its report, each with the first line of its error. */
  failures?: () => string[];
}

function run(stage: Stage): Promise<number> {
  process.stdout.write(`\n=== ${stage.name} ===\n`);
  return new Promise((resolve) => {
    const child = spawn(stage.command, stage.args, {
      cwd: stage.cwd ?? root,
      stdio: 'inherit',
      env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1', NEXT_TELEMETRY_DISABLED: '1' },
    });
    child.once('error', () => resolve(127));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

function firstLine(message: string | undefined): string {
  // Reports keep the terminal's colours; the summary is plain text.
  // eslint-disable-next-line no-control-regex
  const plain = (message ?? 'no message').replace(/\u001b\[[0-9;]*m/g, '');
  return plain.split('\n').find((line) => line.trim() !== '') ?? 'no message';
}

function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

const vitestReport = join(results, 'vitest.json');
const playwrightReport = join(results, 'playwright.json');
const benchReport = join(results, 'bench-quick.json');

const stages: Stage[] = [
  { name: 'typecheck (packages)', command: bin('turbo'), args: ['run', 'typecheck', '--output-logs=errors-only'] },
  { name: 'typecheck (scripts)', command: bin('tsc'), args: ['--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', command: bin('eslint'), args: ['.', '--max-warnings', '0'] },
  { name: 'format', command: bin('prettier'), args: ['--check', '--log-level', 'warn', '.'] },
  {
    name: 'unit and integration tests (vitest)',
    command: bin('vitest'),
    args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`],
    count: () => {
      const report = readJson<{
        numPassedTests: number;
        numFailedTests: number;
        numPendingTests: number;
        numTodoTests: number;
      }>(vitestReport);
      return report
        ? {
            passed: report.numPassedTests,
            failed: report.numFailedTests,
            skipped: report.numPendingTests + report.numTodoTests,
          }
        : { passed: 0, failed: 1, skipped: 0 };
    },
    // CI shows only the tail of the output: the failed tests are named again at the end, with their first error line.
    failures: () => {
      const report = readJson<{
        testResults: {
          name: string;
          message?: string;
          assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
        }[];
      }>(vitestReport);
      return (report?.testResults ?? []).flatMap((file) => {
        const where = relative(root, file.name);
        const tests = file.assertionResults
          .filter((test) => test.status === 'failed')
          .map((test) => `${where} > ${test.fullName}: ${firstLine(test.failureMessages[0])}`);
        return tests.length === 0 && file.message ? [`${where}: ${firstLine(file.message)}`] : tests;
      });
    },
  },
  {
    name: 'browser tests (playwright)',
    command: join(root, 'e2e', 'node_modules', '.bin', 'playwright'),
    args: ['test'],
    cwd: join(root, 'e2e'),
    count: () => {
      const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(
        playwrightReport,
      );
      return report
        ? {
            passed: report.stats.expected + report.stats.flaky,
            failed: report.stats.unexpected,
            skipped: report.stats.skipped,
          }
        : { passed: 0, failed: 1, skipped: 0 };
    },
    failures: () => {
      type Suite = {
        title: string;
        file?: string;
        specs?: { title: string; ok: boolean; tests: { results: { error?: { message?: string } }[] }[] }[];
        suites?: Suite[];
      };
      const report = readJson<{ suites: Suite[] }>(playwrightReport);
      const walk = (suite: Suite, path: string[]): string[] => [
        ...(suite.specs ?? [])
          .filter((spec) => !spec.ok)
          .map((spec) => {
            const error = spec.tests.flatMap((test) => test.results).find((result) => result.error)?.error?.message;
            return `${[...path, spec.title].join(' > ')}: ${firstLine(error)}`;
          }),
        ...(suite.suites ?? []).flatMap((child) => walk(child, [...path, child.title])),
      ];
      return (report?.suites ?? []).flatMap((suite) => walk(suite, [suite.file ?? suite.title]));
    },
  },
  {
    // Issue 10's smoke test: every scenario at small sizes (about 1.5 minutes), after the browser tests so that the
    // console's build is turbo's cached one. It fails only when a scenario fails or a correctness figure (a delivery
    // stored twice, a CRM write for an unchanged record) misses its target; timings are printed, never judged here.
    name: 'bench smoke test (pnpm bench --quick)',
    command: 'pnpm',
    args: ['bench', '--quick', '--results', benchReport],
    // Each scenario counts as a test: passed when it ran and met its correctness targets.
    count: () => {
      const report = readJson<{
        scenarios: { status: string; result?: { figures: { kind: string | null; met: boolean | null }[] } }[];
      }>(benchReport);
      if (!report) return { passed: 0, failed: 1, skipped: 0 };
      const failed = report.scenarios.filter(
        (scenario) =>
          scenario.status !== 'passed' ||
          (scenario.result?.figures ?? []).some((figure) => figure.kind === 'correctness' && figure.met === false),
      ).length;
      return { passed: report.scenarios.length - failed, failed, skipped: 0 };
    },
  },
];

async function main() {
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });
  const failedStages: string[] = [];
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const stage of stages) {
    const started = Date.now();
    const code = await run(stage);
    process.stdout.write(
      `--- ${stage.name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${Math.round((Date.now() - started) / 1000)} s\n`,
    );
    if (code !== 0) failedStages.push(stage.name);
    if (stage.count) {
      const counts = stage.count();
      passed += counts.passed;
      failed += counts.failed;
      skipped += counts.skipped;
    }
  }
  process.stdout.write('\n');
  const failures = stages.flatMap((stage) => stage.failures?.() ?? []);
  if (failures.length > 0) process.stdout.write(`failed tests:\n${failures.map((name) => `  - ${name}`).join('\n')}\n`);
  if (failedStages.length > 0) process.stdout.write(`failed stages: ${failedStages.join(', ')}\n`);
  if (passed === 0 && failedStages.length === 0) {
    process.stdout.write('no tests ran\n');
    process.exit(1);
  }
  process.stdout.write(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`);
  process.exit(failedStages.length > 0 ? 1 : 0);
}

void main();
