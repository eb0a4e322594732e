/**
 * The real console for a bench: the production build of `apps/web` (through turbo, cached when nothing changed, as the
 * start command builds it) served as the start command serves it, by the console's own server
 * (apps/web/src/server/http/main.ts: Next for pages and APIs, webhooks answered without Next's router), on a free port,
 * against the database it is given. The worker is not started. The children's output goes to stderr, so that stdout
 * keeps only the report.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '@shopverse/db/bootstrap';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface RunningConsole {
  /** e.g. `http://127.0.0.1:41234` */
  url: string;
  /** The console's one Node process (Next and the webhook intake), for its CPU and resident memory. */
  pid: number;
  /** How long the build took (a few seconds when turbo had it cached). */
  buildSeconds: number;
  stop(): Promise<void>;
}

/**
 * What the console inherits: enough to find its tools, nothing else of ours. The build gets all of our environment,
 * as scripts/start.ts gives it: turbo looks for the package manager through it.
 */
function childEnv(all: boolean): NodeJS.ProcessEnv {
  // eslint-disable-next-line no-restricted-properties -- a bench hands its children their environment, as scripts/start.ts does
  const env = process.env;
  return all
    ? { ...env, NEXT_TELEMETRY_DISABLED: '1' }
    : { PATH: env.PATH, HOME: env.HOME, NEXT_TELEMETRY_DISABLED: '1' };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, hint: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', process.stderr, process.stderr] });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')} exited with ${code}${hint}`)),
    );
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitForHealth(url: string, child: ChildProcess, recent: string[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `the console exited with ${child.exitCode} before it answered; its last lines:\n${recent.join('\n')}`,
      );
    }
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      // 200 is ok or degraded (no worker, as here); 503 means the database or its migrations are not right.
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      throw new Error(
        `the console did not answer ${url}/api/health within ${timeoutMs / 1000} s:\n${recent.join('\n')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Builds the console and starts it; the caller stops it. */
export async function startConsole(options: { databaseUrl: string; secretKey: string }): Promise<RunningConsole> {
  const buildStarted = performance.now();
  await run(
    join(root, 'node_modules', '.bin', 'turbo'),
    ['run', 'build', '--filter=@shopverse/web', '--output-logs=errors-only'],
    childEnv(true),
    " (the console's build; its output is above; turbo finds pnpm on PATH, so run the bench as `pnpm bench`)",
  );
  const buildSeconds = (performance.now() - buildStarted) / 1000;

  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/server/http/main.ts', '--port', String(port), '--hostname', '127.0.0.1'],
    {
      cwd: join(root, 'apps', 'web'),
      env: {
        ...childEnv(false),
        NODE_ENV: 'production',
        DATABASE_URL: options.databaseUrl,
        SHOPVERSE_SECRET_KEY: options.secretKey,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // The last lines, for the error when it does not come up; all of them to stderr.
  const recent: string[] = [];
  const keep = (chunk: Buffer) => {
    process.stderr.write(chunk.toString().replace(/^(?=.)/gm, '[web] '));
    recent.push(...chunk.toString().split('\n').filter(Boolean));
    recent.splice(0, Math.max(0, recent.length - 30));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited(child);
  };
  try {
    await waitForHealth(url, child, recent, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  if (child.pid === undefined) throw new Error('the console has no process id');
  return { url, pid: child.pid, buildSeconds, stop };
}
