import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../bootstrap';
import { runMigrations } from '../migrate';
import './context';

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * Vitest global setup for integration tests: gets PostgreSQL the way the apps do (DATABASE_URL, else the embedded
 * server under `.data/test`), migrates a template database once, and hands its name to the test files, which clone it.
 */
export default async function setup(project: TestProject) {
  const root = project.vitest.config.root;
  const handle = await openDatabase({
    databaseUrl: process.env.DATABASE_URL,
    dataDir: join(root, '.data', 'test'),
    // A throwaway cluster: durability buys nothing here and costs seconds.
    settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' },
  });
  const template = `shopverse_tpl_${randomBytes(4).toString('hex')}`;
  const admin = postgres(handle.adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${template}`);
  await runMigrations(withDatabase(handle.adminUrl, template));
  project.provide('databaseAdminUrl', handle.adminUrl);
  project.provide('databaseTemplate', template);
  project.provide('databaseSource', handle.source);

  return async () => {
    await admin.unsafe(`drop database if exists ${template} with (force)`);
    await admin.end();
    await handle.stop();
  };
}
