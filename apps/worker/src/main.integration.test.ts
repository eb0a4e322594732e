import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { useTestDatabase } from '@shopverse/db/testing';
import { describe, expect, it } from 'vitest';

const workerDir = fileURLToPath(new URL('..', import.meta.url));

describe('the worker process', () => {
  const database = useTestDatabase();

  it('starts from its environment, beats, and exits 0 on SIGTERM', async () => {
    // Setup
    const { sql, url } = database();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: workerDir,
      env: { PATH: process.env.PATH, DATABASE_URL: url, SHOPVERSE_SECRET_KEY: Buffer.alloc(32, 1).toString('base64') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    for (let waited = 0; (await sql`select 1 from worker_heartbeats`).length === 0; waited += 100) {
      if (waited > 30_000) throw new Error(`the worker never beat:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Action
    child.kill('SIGTERM');
    // Assertions
    expect(await exited).toBe(0);
    expect(await sql`select 1 from worker_heartbeats`).toHaveLength(0);
    expect(output).toContain('"msg":"worker stopped"');
  });

  it('refuses to start with a bad environment and lists every problem', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: workerDir,
      env: { PATH: process.env.PATH, DATABASE_URL: 'nonsense' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(1);
    expect(output).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(output).toMatch(/SHOPVERSE_SECRET_KEY is missing/);
  });
});
