/**
 * `pnpm bench`: the connectors against the simulators, on a virtual clock, with the figures issue 5 asks for; then
 * the Activity page's searches on a large sync log (issue 9). Options: `--orders N` (default 5000), `--attempts N`
 * (default 100000), `--quick` (a tenth of each, for a check that the bench runs).
 */
import { benchDataverseWrites } from './dataverse-writes';
import { benchShopifyReads } from './shopify-reads';
import { benchSyncLogSearch } from './sync-log-search';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const orders = Number(args[args.indexOf('--orders') + 1] ?? 5000) || (quick ? 500 : 5000);
const attempts = Number(args[args.indexOf('--attempts') + 1] ?? 100_000) || (quick ? 10_000 : 100_000);

function percent(value: number): string {
  return `${(value * 100).toFixed(1)} %`;
}

async function main() {
  process.stdout.write(
    `Shopify: reading ${orders} orders with their lines on the Standard plan (2000 points, 100/s)…\n`,
  );
  const shopify = await benchShopifyReads({ orders });
  process.stdout.write(
    [
      `  orders read            ${shopify.ordersRead}`,
      `  requests               ${shopify.requests}`,
      `  THROTTLED              ${shopify.throttled} (after the first response: ${shopify.throttledAfterFirst})`,
      `  lowest bucket seen     ${shopify.lowestAvailable} points`,
      `  simulated time         ${shopify.elapsedSeconds.toFixed(1)} s (${(shopify.ordersRead / shopify.elapsedSeconds).toFixed(1)} orders/s)`,
      `  points used per second ${shopify.pointsPerSecond.toFixed(1)} of 100 restored (${percent(shopify.pointsPerSecond / 100)})`,
      '',
    ].join('\n'),
  );

  const writeMs = 100;
  process.stdout.write(
    `Dataverse: writing ${orders} orders with 3 lines each, default limits (1,200,000 ms per 300 s, 52 concurrent), ` +
      `${writeMs} ms modelled per write (an assumption: Microsoft publishes none)…\n`,
  );
  const dataverse = await benchDataverseWrites({ orders, linesPerOrder: 3, writeMs, parallel: 50 });
  process.stdout.write(
    [
      `  orders written         ${dataverse.written} (failed ${dataverse.failed})`,
      `  requests               ${dataverse.requests} in ${dataverse.batches} batches`,
      `  429s                   ${dataverse.throttled} (${percent(dataverse.throttledShare)} of requests)`,
      `  429s not waited out    ${dataverse.shortWaits}`,
      `  simulated time         ${dataverse.elapsedSeconds.toFixed(1)} s; fastest the limits allow ${dataverse.fastestSeconds.toFixed(1)} s`,
      `  share of the allowed throughput ${percent(dataverse.throughputShare)}`,
      '',
    ].join('\n'),
  );

  process.stdout.write(`Sync log: the Activity page's searches on ${attempts} attempts (embedded PostgreSQL)…\n`);
  const log = await benchSyncLogSearch({ attempts, runs: quick ? 5 : 20 });
  process.stdout.write(
    [
      `  sample inserted in     ${log.insertSeconds.toFixed(1)} s (one INSERT … SELECT generate_series, then ANALYZE)`,
      ...log.timings.map(
        (timing) =>
          `  ${timing.search.padEnd(24)} ${timing.medianMs.toFixed(2).padStart(7)} ms median, ` +
          `${timing.maxMs.toFixed(2).padStart(7)} ms max, ${timing.rows} rows`,
      ),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
