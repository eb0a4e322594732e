import { createHmac } from 'node:crypto';

/**
 * Shopify's webhook headers (SHOPIFY.md, "Webhooks"): the HMAC is base64(HMAC-SHA256(raw body, app client secret)),
 * computed over the exact bytes sent, which is why a retry resends the original body and never rebuilds it.
 */
export function webhookHmac(body: string, secret: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('base64');
}

/** What one delivery series carries in its headers. */
export interface DeliveryHeaderValues {
  topic: string;
  shopDomain: string;
  apiVersion: string;
  /** One per delivery series: retries of a delivery keep it, a duplicate delivery keeps it too. */
  webhookId: string;
  /** Shared by every topic of one merchant action (receivers dedupe on it). */
  eventId: string;
  triggeredAt: Date;
}

/** All headers of a delivery, with the HMAC of `body`. */
export function webhookHeaders(values: DeliveryHeaderValues, body: string, secret: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'X-Shopify-Topic': values.topic,
    'X-Shopify-Hmac-Sha256': webhookHmac(body, secret),
    'X-Shopify-Shop-Domain': values.shopDomain,
    'X-Shopify-API-Version': values.apiVersion,
    'X-Shopify-Webhook-Id': values.webhookId,
    'X-Shopify-Event-Id': values.eventId,
    'X-Shopify-Triggered-At': values.triggeredAt.toISOString(),
  };
}

/** `orders/create` -> `ORDERS_CREATE`, the GraphQL WebhookSubscriptionTopic value of a REST topic. */
export function topicEnum(topic: string): string {
  return topic.toUpperCase().replaceAll('/', '_');
}
