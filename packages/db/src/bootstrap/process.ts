import type { ChildProcess } from 'node:child_process';
import postgres from 'postgres';

/** Resolves with the exit code once the child has exited (at once if it already has). */
export function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Polls until the server answers a query, or fails as soon as the server process dies. */
export async function waitUntilReady(server: ChildProcess, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let died = false;
  void waitForExit(server).then(() => {
    died = true;
  });
  for (;;) {
    if (died) throw new Error(`postgres exited with code ${server.exitCode ?? server.signalCode}`);
    const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => undefined });
    try {
      await sql`select 1`;
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`postgres did not accept connections within ${timeoutMs} ms`, { cause: error });
    } finally {
      await sql.end({ timeout: 1 });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
