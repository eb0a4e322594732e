import { defineConfig } from 'vitest/config';

const everywhere = ['packages/*/src/**', 'apps/*/src/**', 'scripts/**', 'e2e/integration', 'bench/**'];

/**
 * One run for the whole repository, in two projects: unit tests (pure, fast) and integration tests (real PostgreSQL
 * and real HTTP; `*.integration.test.ts`), which share one database server started by the global setup.
 */
export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: on CI's 2 cores, one file at a time. The integration tests
    // spend much of their time waiting on HTTP, PostgreSQL and the simulators' modelled latency, so two at a time
    // take about half as long on 2 cores.
    maxWorkers: 2,
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
