import { addJob, deliveryById, foldedPayload, markDeliveryProcessed, recordAttempt } from '@shopverse/db';
import { z } from 'zod';
import { routeDelivery, UnroutableDelivery } from '../sync/delivery-routes';
import { defineTask } from './define-task';

/**
 * Seconds a routed sync waits, so that a burst of deliveries for one record (Shopify sends `orders/updated`,
 * `orders/paid` and the like within milliseconds of each other) folds into one sync. Short, because it is part of
 * every change's time to the CRM (issue 10: p95 under 2 s).
 */
const FOLD_SECONDS = 0.5;

/**
 * Turns a stored webhook delivery into the sync job of the record it is about (DESIGN.md, "Jobs"). Deliveries repeat
 * and arrive out of order: the job carries the body when it is the newest the record's waiting job has seen, and the
 * entity sync uses it only when it is newer than what was synced, reading the record from the API otherwise.
 * A delivery that names no record we sync is logged as skipped with the reason, and not retried.
 */
export const shopifyDeliveryProcess = defineTask(
  'shopify_delivery__process',
  z.object({ deliveryId: z.uuid() }),
  async (payload, { db, sql, now, source, logger }) => {
    const delivery = await deliveryById(db, payload.deliveryId);
    if (!delivery) {
      logger.warn({ deliveryId: payload.deliveryId }, 'the delivery is gone (its store was removed); nothing to do');
      return;
    }
    try {
      // The delivery's own chain, also when replayed from the console (source `replay`), so every sync it caused
      // is found under the id the intake gave it.
      const jobs = routeDelivery(delivery.storeId, delivery.topic, delivery.body, {
        correlationId: delivery.correlationId,
        source: source === 'replay' ? 'replay' : 'webhook',
        receivedAt: delivery.receivedAt.toISOString(),
      });
      await sql.begin(async (tx) => {
        for (const job of jobs) {
          // A waiting sync of the record with a newer body keeps it; see foldedPayload.
          const payload = await foldedPayload(tx, job.jobKey, job.payload);
          if (payload) await addJob(tx, job.task, payload, { jobKey: job.jobKey, delaySeconds: FOLD_SECONDS });
        }
      });
      logger.info({ topic: delivery.topic, jobs: jobs.map((job) => job.jobKey) }, 'delivery routed');
    } catch (error) {
      if (
        !(error instanceof UnroutableDelivery) &&
        !(error instanceof SyntaxError) &&
        !(error instanceof Error && error.name === 'RestBodyError')
      ) {
        throw error;
      }
      await recordAttempt(db, {
        correlationId: delivery.correlationId,
        source,
        receivedAt: delivery.receivedAt,
        storeId: delivery.storeId,
        entity: delivery.topic.split('/')[0] ?? 'delivery',
        direction: 'shopify_to_crm',
        outcome: 'skipped',
        errorCode: 'delivery.unroutable',
        errorMessage: `Delivery ${delivery.eventId} (${delivery.topic}): ${error.message}.`,
        request: { deliveryId: delivery.id, topic: delivery.topic },
      });
    }
    await markDeliveryProcessed(db, delivery.id, now());
  },
);
