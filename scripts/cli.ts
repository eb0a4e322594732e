/**
 * `pnpm shopverse <command>`: operations without the console (issue 8): status, retry of dead letters, replay of a
 * delivery. Commands live in scripts/cli/; this file only reads the environment and sets the exit code.
 */
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectCliDatabase } from './cli/database';
import { runCli } from './cli/run';
import { loadStartEnv } from './lib/env';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.stdout.on('error', () => undefined);

try {
  const env = loadStartEnv(root);
  const code = await runCli(process.argv.slice(2), {
    connect: () => connectCliDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir }),
    output: {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
    },
    actor: `cli:${userInfo().username}`,
    now: () => new Date(),
  });
  process.exitCode = code;
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
