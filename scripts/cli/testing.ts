import type { TestDatabase } from '@shopverse/db/testing';
import { runCli } from './run';

/** Runs a command as the entry point does, against a test database, capturing what it prints. */
export function cliAgainst(database: () => TestDatabase, now: Date) {
  return async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, {
      connect: () => Promise.resolve({ ...database(), describe: 'test database', close: () => Promise.resolve() }),
      output: { out: (line) => out.push(line), err: (line) => err.push(line) },
      actor: 'cli:tester',
      now: () => now,
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}
