import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

const root = join(import.meta.dirname, '..');
const port = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://127.0.0.1:${port}`;
/** The e2e run's own data folder, so it never touches the one `npm start` uses. */
export const e2eDataDir = join(root, '.data', 'e2e');

/**
 * Browser tests against the real console, started by the real start command (embedded PostgreSQL, migrations,
 * production build, worker, sandbox) and driven in Debian's Chromium.
 */
export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: join(root, '.data', 'test-results', 'playwright.json') }]],
  outputDir: join(root, '.data', 'test-results', 'playwright'),
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'node --import tsx scripts/start.ts',
    cwd: root,
    url: `${baseURL}/api/health`,
    env: {
      PORT: String(port),
      SHOPVERSE_DATA_DIR: e2eDataDir,
      SHOPVERSE_SANDBOX: 'on',
      // The browser tests always run the embedded path end to end.
      DATABASE_URL: '',
      SHOPVERSE_SECRET_KEY: '',
    },
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 60_000 },
  },
});
