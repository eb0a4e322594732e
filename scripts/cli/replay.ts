import { type Database, replayDelivery } from '@shopverse/db';
import { CliError, type CliOutput } from './output';

export const REPLAY_USAGE = 'shopverse replay <delivery id>';

/** `shopverse replay <delivery id>`: processes a stored webhook delivery again, under its own correlation id. */
export async function replay(db: Database, argv: string[], output: CliOutput, actor: string): Promise<number> {
  const [deliveryId, ...extra] = argv;
  if (!deliveryId || extra.length > 0) throw new CliError(`Give one delivery id.\n${REPLAY_USAGE}`, 2);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(deliveryId)) {
    throw new CliError(`Not a delivery id (a UUID): ${deliveryId}.`, 2);
  }
  const replayed = await replayDelivery(db, deliveryId.toLowerCase(), actor);
  if (!replayed) throw new CliError(`No webhook delivery ${deliveryId}; nothing was replayed.`);
  output.out(
    `Queued delivery ${replayed.deliveryId} (${replayed.topic}) as job ${replayed.jobId}; ` +
      `follow it by correlation id ${replayed.correlationId}.`,
  );
  return 0;
}
