/**
 * The start command (README): PostgreSQL (DATABASE_URL, else embedded under .data/pg), migrations, the web app as a
 * production build, the worker and, when nothing real is configured, the sandbox. Prints the URLs and stops everything
 * in order on Ctrl-C or SIGTERM: web and worker first (the worker finishes the jobs in hand), the database last.
 */
import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDbClient, runMigrations } from '@shopverse/db';
import { Logger, runMigrations as runWorkerMigrations } from 'graphile-worker';
import { type DatabaseHandle, loadSecretKey, openDatabase, redactUrl } from '@shopverse/db/bootstrap';
import { type Child, runToEnd, startChild, waitForHttp, waitForLine } from './lib/children';
import { connectSandbox } from './lib/connect-sandbox';
import { loadStartEnv } from './lib/env';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// A closed terminal or pipe (`npm start | tee`, then Ctrl-C) must not crash us half-way through stopping.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

/** graphile-worker's migration messages are for its own debugging; errors still throw. */
const quietLogger = new Logger(() => () => undefined);

function log(message: string) {
  process.stdout.write(`[shopverse] ${message}\n`);
}

function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(
        new Error(`Port ${port} on ${host} is already in use. Stop what uses it, or start with PORT=${port + 1}.`),
      ),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}

async function nothingRealConfigured(url: string): Promise<boolean> {
  const client = createDbClient(url, { max: 1, applicationName: 'shopverse-start' });
  try {
    // The sandbox's own stores are reached under a local base URL and its org over http; real ones never are.
    const [row] = await client.sql<{ stores: number; orgs: number }[]>`
      select (select count(*)::int from stores where api_base_url is null) as stores,
             (select count(*)::int from crm_orgs where url like 'https://%') as orgs`;
    return (row?.stores ?? 0) === 0 && (row?.orgs ?? 0) === 0;
  } finally {
    await client.close();
  }
}

async function main() {
  const env = loadStartEnv(root);
  await assertPortFree(env.HOST, env.PORT);

  let database: DatabaseHandle | undefined;
  const children: Child[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (reason: string, code: number) => {
    stopping ??= (async () => {
      log(`stopping (${reason})…`);
      for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGTERM');
      await Promise.all(children.map((child) => child.exited));
      await database?.stop();
      log('stopped.');
      process.exit(code);
    })();
    return stopping;
  };
  // The terminal sends Ctrl-C to every process of the group; we stop them in order rather than all at once.
  process.on('SIGINT', () => void stop('Ctrl-C', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));

  try {
    database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.dataDir });
    log(
      database.source === 'embedded'
        ? `database: embedded PostgreSQL, data in ${relative(root, join(env.dataDir, 'pg')) || '.'}`
        : `database: ${redactUrl(database.url)} (DATABASE_URL)`,
    );
    const secretKey = loadSecretKey({
      envKey: env.SHOPVERSE_SECRET_KEY,
      dataDir: env.dataDir,
      embedded: database.source === 'embedded',
    });
    await runMigrations(database.url);
    // The job queue's own schema too, so jobs can be queued (the sandbox's first sync) before the worker is up.
    await runWorkerMigrations({ connectionString: database.url, logger: quietLogger });
    log('migrations: up to date');

    // The sandbox starts first and loads its demo data while the console builds; the web starts once it is ready,
    // so that a console that answers means a system that is whole.
    const webUrl = `http://${env.HOST}:${env.PORT}`;
    const wantSandbox =
      env.SHOPVERSE_SANDBOX === 'on' ||
      (env.SHOPVERSE_SANDBOX === 'auto' && (await nothingRealConfigured(database.url)));
    let sandboxReady: Promise<RegExpExecArray> | undefined;
    if (wantSandbox) {
      const sandbox = startChild('sandbox', process.execPath, ['--import', 'tsx', 'src/main.ts', env.dataDir, webUrl], {
        cwd: join(root, 'packages', 'sandbox'),
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production' },
      });
      children.push(sandbox);
      sandboxReady = waitForLine(sandbox, /^sandbox ready (.+)$/, 120_000);
      // Awaited after the build; a sandbox that fails meanwhile is reported there.
      sandboxReady.catch(() => undefined);
    }

    log('building the console (cached when nothing changed)…');
    await runToEnd(
      join(root, 'node_modules', '.bin', 'turbo'),
      ['run', 'build', '--filter=@shopverse/web', '--output-logs=errors-only'],
      {
        cwd: root,
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
      },
    );

    const sandboxFile = sandboxReady ? (await sandboxReady)[1] : undefined;
    // Console sign-in: the sandbox's Entra ID, else whatever the operator configured (the web app validates it).
    const signIn = sandboxFile
      ? await connectSandbox({ databaseUrl: database.url, secretKey, sandboxFile, log })
      : {
          NEXTAUTH_URL: process.env.NEXTAUTH_URL,
          NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET,
          ENTRA_CLIENT_ID: process.env.ENTRA_CLIENT_ID,
          ENTRA_CLIENT_SECRET: process.env.ENTRA_CLIENT_SECRET,
          ENTRA_ISSUER: process.env.ENTRA_ISSUER,
        };
    const appEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: database.url,
      SHOPVERSE_SECRET_KEY: secretKey,
      ...signIn,
    };
    // The build served by the console's own server (apps/web/src/server/http/main.ts): Next for everything but
    // Shopify's webhooks, which it answers without Next's router (issue 10). It takes `next start`'s options.
    const web = startChild(
      'web',
      process.execPath,
      ['--import', 'tsx', 'src/server/http/main.ts', '--port', String(env.PORT), '--hostname', env.HOST],
      { cwd: join(root, 'apps', 'web'), env: appEnv },
    );
    const worker = startChild('worker', process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: join(root, 'apps', 'worker'),
      env: appEnv,
    });
    children.push(web, worker);
    for (const child of children) {
      void child.exited.then((code) => {
        if (!stopping) void stop(`${child.name} exited with ${code}`, 1);
      });
    }
    await waitForHttp(`${webUrl}/api/health`, web, 120_000);

    log('ready:');
    log(`  console      ${webUrl}/`);
    log(`  GraphQL API  ${webUrl}/api/graphql`);
    log(`  health       ${webUrl}/api/health`);
    log(`  webhooks     ${webUrl}/api/webhooks/shopify`);
    if (sandboxFile) log(`  sandbox      connection details in ${relative(root, sandboxFile)}`);
    log('press Ctrl-C to stop.');
  } catch (error) {
    process.stderr.write(`[shopverse] ${error instanceof Error ? error.message : String(error)}\n`);
    await stop('start failed', 1);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[shopverse] ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
