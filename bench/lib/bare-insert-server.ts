/**
 * The intake bench's baseline: the least a webhook endpoint can do, a bare `node:http` server in this process that
 * stores each request's body with one INSERT and answers 200, no signature check, no batching. What the console
 * reaches beside it says what its own work (routing, HMAC, dedupe, the job) costs.
 */
import { createServer, type Server } from 'node:http';
import postgres from 'postgres';

export interface BareInsertServer {
  url: string;
  /** Rows the server has stored so far. */
  storedRows(): Promise<number>;
  stop(): Promise<void>;
}

/** The table the baseline writes to, made fresh in the bench's throwaway database. */
const TABLE = 'bench_bare_inserts';

/** Starts the baseline on a free port; `poolSize` connections, as many as the web app's pool has. */
export async function startBareInsertServer(databaseUrl: string, poolSize: number): Promise<BareInsertServer> {
  const sql = postgres(databaseUrl, {
    max: poolSize,
    onnotice: () => undefined,
    connection: { application_name: 'shopverse-bench-baseline' },
  });
  // A plain table, not TEMPORARY: a temporary one is seen by one connection only, and the pool has several. Logged,
  // like webhook_deliveries, so each commit waits for the disk as the console's do.
  await sql`drop table if exists ${sql(TABLE)}`;
  await sql`create table ${sql(TABLE)} (id bigserial primary key, body text not null)`;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      sql`insert into ${sql(TABLE)} (body) values (${body})`.then(
        () => {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end('{"outcome":"stored"}');
        },
        (error: unknown) => {
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
        },
      );
    });
  });
  // Keep-alive connections from the client must outlive a pause between its requests, as Next's server keeps them.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('the baseline server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    async storedRows() {
      const [row] = await sql<{ count: number }[]>`select count(*)::int as count from ${sql(TABLE)}`;
      return row?.count ?? 0;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await sql.end({ timeout: 5 });
    },
  };
}
