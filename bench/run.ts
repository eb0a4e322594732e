/**
 * `pnpm bench`: the connectors against the simulators, on a virtual clock, with the figures issue 5 asks for.
 * Options: `--orders N` (default 5000).
 */
import { benchDataverseWrites } from './dataverse-writes';
import { benchShopifyReads } from './shopify-reads';

const args = process.argv.slice(2);
const orders = Number(args[args.indexOf('--orders') + 1] ?? 5000) || 5000;

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
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
