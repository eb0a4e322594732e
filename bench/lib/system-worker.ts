import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WORKER_DIR = fileURLToPath(new URL('../../apps/worker/', import.meta.url));

/** A `kB` line of `/proc/<pid>/status` (`VmRSS:   123456 kB`) in bytes; undefined when absent. */
export function statusBytes(status: string, field: 'VmRSS' | 'VmHWM'): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
}

function readStatus(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
}

export interface WorkerProcess {
  pid: number;
  /** The highest resident set seen: the kernel's own high-water mark (VmHWM) or our polled VmRSS, whichever is more. */
  peakRssBytes(): number;
  /** The last lines the worker wrote (it logs at `warn`), for an error message. */
  recentOutput(): string;
  stop(): Promise<void>;
}

/**
 * Starts the worker as `apps/worker` runs in production (`src/main.ts`: migrations, graphile-worker with our task
 * list and crontab, heartbeat) in its own process, so its memory is its own and can be sampled.
 */
export function startWorkerProcess(options: {
  databaseUrl: string;
  secretKey: string;
  concurrency?: number;
}): WorkerProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: WORKER_DIR,
    // Only what the worker reads (apps/worker/src/env.ts): nothing of this shell's environment leaks in.
    env: {
      DATABASE_URL: options.databaseUrl,
      SHOPVERSE_SECRET_KEY: options.secretKey,
      WORKER_CONCURRENCY: String(options.concurrency ?? 4),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the worker process did not start');
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let peak = 0;
  const sample = () => {
    const status = readStatus(pid);
    if (!status) return;
    peak = Math.max(peak, statusBytes(status, 'VmRSS') ?? 0, statusBytes(status, 'VmHWM') ?? 0);
  };
  const sampler = setInterval(sample, 250);
  return {
    pid,
    peakRssBytes: () => {
      sample();
      return peak;
    },
    recentOutput: () => output,
    async stop() {
      sample();
      clearInterval(sampler);
      if (child.exitCode === null) child.kill('SIGTERM');
      const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000).unref());
      if ((await Promise.race([exited, timeout])) === 'timeout') child.kill('SIGKILL');
    },
  };
}
