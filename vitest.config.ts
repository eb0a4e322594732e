import { defineConfig } from 'vitest/config';

const everywhere = ['packages/*/src/**', 'apps/*/src/**', 'scripts/**', 'e2e/integration', 'bench/**'];

/**
 * One run for the whole repository, in two projects: unit tests (pure, fast) and integration tests (real PostgreSQL
 * and real HTTP; `*.integration.test.ts`), which share one database server started by the global setup.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: everywhere.map((glob) => `${glob}/*.test.ts`),
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: everywhere.map((glob) => `${glob}/*.integration.test.ts`),
          exclude: ['**/node_modules/**'],
          globalSetup: ['packages/db/src/testing/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
