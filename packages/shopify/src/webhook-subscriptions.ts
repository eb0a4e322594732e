import type { ShopifyClient } from './client';
import { WEBHOOK_SUBSCRIPTION_CREATE, WEBHOOK_SUBSCRIPTION_DELETE, WEBHOOK_SUBSCRIPTIONS } from './documents/webhooks';
import type {
  WebhookSubscriptionCreateMutation,
  WebhookSubscriptionDeleteMutation,
  WebhookSubscriptionsQuery,
} from './generated/admin.generated';

/** The topics the sync listens to (SHOPIFY.md, "Webhooks"), as the GraphQL enum spells them. */
export const SYNC_TOPICS = [
  'ORDERS_CREATE',
  'ORDERS_UPDATED',
  'ORDERS_CANCELLED',
  'ORDERS_FULFILLED',
  'ORDERS_PARTIALLY_FULFILLED',
  'ORDERS_PAID',
  'ORDERS_EDITED',
  'REFUNDS_CREATE',
  'FULFILLMENTS_CREATE',
  'CUSTOMERS_CREATE',
  'CUSTOMERS_UPDATE',
  'CUSTOMERS_DELETE',
  'COMPANIES_CREATE',
  'BULK_OPERATIONS_FINISH',
] as const;

export interface SubscriptionReport {
  created: string[];
  kept: string[];
  /** Our subscriptions that pointed elsewhere (an old URL), replaced. */
  replaced: string[];
}

/**
 * Makes the shop's subscriptions for `topics` point at `callbackUrl`, idempotently: a topic already subscribed at that
 * URL is kept, one subscribed at another URL of ours is replaced, a missing one is created. Running it twice changes
 * nothing the second time.
 */
export async function ensureWebhookSubscriptions(
  client: ShopifyClient,
  callbackUrl: string,
  topics: readonly string[] = SYNC_TOPICS,
  ownsUrl: (url: string) => boolean = (url) => url === callbackUrl,
): Promise<SubscriptionReport> {
  const existing: { id: string; topic: string; url: string | undefined }[] = [];
  let after: string | null = null;
  do {
    const data: WebhookSubscriptionsQuery = await client.request<WebhookSubscriptionsQuery>(WEBHOOK_SUBSCRIPTIONS, {
      variables: { after },
    });
    for (const node of data.webhookSubscriptions.nodes) {
      const url = node.endpoint.__typename === 'WebhookHttpEndpoint' ? node.endpoint.callbackUrl : undefined;
      existing.push({ id: node.id, topic: node.topic, url: url ?? undefined });
    }
    after = data.webhookSubscriptions.pageInfo.hasNextPage
      ? (data.webhookSubscriptions.pageInfo.endCursor ?? null)
      : null;
  } while (after);

  const report: SubscriptionReport = { created: [], kept: [], replaced: [] };
  for (const topic of topics) {
    const mine = existing.filter(
      (subscription) => subscription.topic === topic && subscription.url && ownsUrl(subscription.url),
    );
    if (mine.some((subscription) => subscription.url === callbackUrl)) {
      report.kept.push(topic);
      continue;
    }
    for (const stale of mine) {
      const deleted = await client.request<WebhookSubscriptionDeleteMutation>(WEBHOOK_SUBSCRIPTION_DELETE, {
        variables: { id: stale.id },
      });
      assertNoUserErrors(client, `deleting the ${topic} subscription`, deleted.webhookSubscriptionDelete?.userErrors);
    }
    const created = await client.request<WebhookSubscriptionCreateMutation>(WEBHOOK_SUBSCRIPTION_CREATE, {
      variables: { topic, callbackUrl },
    });
    assertNoUserErrors(client, `subscribing to ${topic}`, created.webhookSubscriptionCreate?.userErrors);
    (mine.length > 0 ? report.replaced : report.created).push(topic);
  }
  return report;
}

function assertNoUserErrors(client: ShopifyClient, what: string, errors: { message: string }[] | undefined): void {
  if (errors && errors.length > 0) {
    throw new Error(`Shopify ${client.shop}: ${what} failed: ${errors.map((error) => error.message).join('; ')}`);
  }
}
