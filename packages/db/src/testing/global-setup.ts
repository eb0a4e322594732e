import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { BootstrapError, type DatabaseHandle, openDatabase } from '../bootstrap';
import { runMigrations } from '../migrate';
import './context';
import { withDatabase } from './database-url';

/**
 * Vitest global setup for integration tests: gets PostgreSQL the way the apps do (DATABASE_URL, else the embedded
 * server under `.data/test`), migrates a template database once, and hands its name to the test files, which clone it.
 */
export default async function setup(project: TestProject) {
  const root = project.vitest.config.root;
  // A throwaway cluster: durability buys nothing here and costs seconds.
  const settings = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' };
  const open = (dataDir: string) => openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir, settings });
  let ownDir: string | undefined;
  let handle: DatabaseHandle;
  try {
    handle = await open(join(root, '.data', 'test'));
  } catch (error) {
    // Another test run holds the shared test cluster: this run gets one of its own, removed at the end.
    if (!(error instanceof BootstrapError && error.code === 'DATA_DIR_IN_USE')) throw error;
    ownDir = join(root, '.data', `test-${process.pid}`);
    handle = await open(ownDir);
  }
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
    if (ownDir) rmSync(ownDir, { recursive: true, force: true });
  };
}
