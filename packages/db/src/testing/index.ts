import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDbClient, type DbClient } from '../client';
import './context';
import { withDatabase } from './database-url';
export * from './fixtures';

export interface TestDatabase extends DbClient {
  /** URL of this test file's own database. */
  url: string;
  name: string;
}

/**
 * Gives the calling test file a database of its own, cloned from the migrated template (a file copy, so it takes
 * milliseconds), and drops it after the file's tests. Files run in parallel without seeing each other's rows.
 */
export function useTestDatabase(): () => TestDatabase {
  let current: TestDatabase | undefined;
  const adminUrl = inject('databaseAdminUrl');
  const template = inject('databaseTemplate');
  const name = `shopverse_test_${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
    try {
      await admin.unsafe(`create database ${name} template ${template}`);
    } finally {
      await admin.end();
    }
    const url = withDatabase(adminUrl, name);
    current = { ...createDbClient(url, { max: 4, applicationName: 'shopverse-test' }), url, name };
  });

  afterAll(async () => {
    await current?.close();
    const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
    try {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    } finally {
      await admin.end();
    }
  });

  return () => {
    if (!current) throw new Error('useTestDatabase(): the database is made in beforeAll; use it inside a test.');
    return current;
  };
}
