/**
 * The sandbox as a process, for the start command: `node --import tsx src/main.ts <dataDir> <webUrl>`. Prints one
 * line `sandbox ready <file>` once everything listens, and stops on SIGTERM or SIGINT.
 */
import { startSandbox } from './sandbox';

async function main() {
  const [dataDir, webUrl] = process.argv.slice(2);
  if (!dataDir || !webUrl) throw new Error('usage: main.ts <dataDir> <webUrl>');
  const sandbox = await startSandbox({ dataDir, webUrl });
  const { shopify, dataverse } = sandbox.details;
  for (const shop of shopify) process.stdout.write(`shopify ${shop.key}: ${shop.adminUrl}\n`);
  process.stdout.write(`dataverse: ${dataverse.apiUrl}\nentra: ${dataverse.authority}\n`);
  process.stdout.write(`sandbox ready ${sandbox.file}\n`);
  const stop = () => {
    sandbox.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
