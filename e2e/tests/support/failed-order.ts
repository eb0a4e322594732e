import { expect } from '@playwright/test';
import { crmRequest } from './crm';
import { type Shop, shopifyAdmin } from './shopify';
import { readSandbox, type SandboxFile } from './sign-in';

/**
 * Makes one sandbox order fail for good, the way a Dynamics plug-in refusing it would: a fault rule in the Dataverse
 * simulator refuses the write of that order alone (400, `0x80040265`, the code a plug-in's exception comes back
 * with), then the order changes in the Shopify simulator, whose `orders/updated` webhook reaches the console, which
 * queues the order's sync. Everything it switches on is switched off again by `restore`.
 */

/** The refused order, and what was changed in Shopify so that the sync has something to write. */
export interface FailedOrder {
  gid: string;
  legacyId: string;
  name: string;
  /** Our alternate key of its CRM order, `<store key>_<legacy id>`. */
  key: string;
  /** The tag added in Shopify: the CRM order's description names it once the order synced. */
  tag: string;
  /** Clears the fault rule and removes the webhook subscription this made (if it made one). Safe to call twice. */
  restore(): Promise<void>;
  /** Clears the fault rule only: the order's next sync goes through. */
  allowWrites(): Promise<void>;
}

/** A GET of the sandbox org's Web API with a token of the sync's app, as the sync itself calls it. */
export async function dataverseGet<T>(sandbox: SandboxFile, path: string): Promise<T> {
  const response = await crmRequest(path, { sandbox });
  expect(response.status, `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

async function setFaultRules(sandbox: SandboxFile, rules: unknown[]): Promise<void> {
  const response = await fetch(`${sandbox.dataverse.url}/_sim/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

interface OrderNode {
  id: string;
  legacyResourceId: string;
  name: string;
  tags: string[];
  test: boolean;
  closed: boolean;
  cancelledAt: string | null;
  displayFulfillmentStatus: string;
}

/**
 * An order of the shop whose CRM order takes edits (Dynamics' Active state): not a test, not cancelled or closed,
 * nothing fulfilled. One the sync has already written in this org and left Active is taken first: its customer is
 * known to bind, so only the fault rule stands in its way (the sandbox's first delta poll writes every order, so one
 * turns up within a minute of the start). Failing that, one not written yet.
 */
async function editableOrder(sandbox: SandboxFile, shop: Shop): Promise<OrderNode> {
  const { orders } = await shopifyAdmin<{ orders: { nodes: OrderNode[] } }>(
    shop,
    `{ orders(first: 100) { nodes { id legacyResourceId name tags test closed cancelledAt displayFulfillmentStatus } } }`,
  );
  const open = orders.nodes.filter(
    (node) =>
      !node.test && !node.closed && node.cancelledAt === null && node.displayFulfillmentStatus === 'UNFULFILLED',
  );
  const keyColumn = `${sandbox.dataverse.publisherPrefix}_shopifyid`;
  const keyOf = (node: OrderNode) => `${shop.key}_${node.legacyResourceId}`;
  let stateOf = new Map<unknown, unknown>();
  for (let waited = 0; waited <= 60_000; waited += 2_000) {
    const written = await dataverseGet<{ value: Record<string, unknown>[] }>(
      sandbox,
      `salesorders?$select=${keyColumn},statecode`,
    );
    stateOf = new Map(written.value.map((row) => [row[keyColumn], row.statecode]));
    const active = open.find((node) => stateOf.get(keyOf(node)) === 0);
    if (active) return active;
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  const unwritten = open.find((node) => !stateOf.has(keyOf(node)));
  if (!unwritten) throw new Error(`${shop.shop} has no open, unfulfilled order whose CRM order takes edits`);
  return unwritten;
}

const SUBSCRIPTIONS = `{ webhookSubscriptions(first: 250) {
  nodes { id topic endpoint { __typename ... on WebhookHttpEndpoint { callbackUrl } } } } }`;

/** Subscribes the console to the shop's `orders/updated` unless it is already; answers the subscription it made. */
async function subscribeOrderUpdates(sandbox: SandboxFile, shop: Shop): Promise<string | undefined> {
  const listed = await shopifyAdmin<{
    webhookSubscriptions: { nodes: { id: string; topic: string; endpoint: { callbackUrl?: string } }[] };
  }>(shop, SUBSCRIPTIONS);
  const present = listed.webhookSubscriptions.nodes.some(
    (node) => node.topic === 'ORDERS_UPDATED' && node.endpoint.callbackUrl === sandbox.webhookUrl,
  );
  if (present) return undefined;
  const created = await shopifyAdmin<{
    webhookSubscriptionCreate: { webhookSubscription: { id: string } | null; userErrors: unknown[] };
  }>(
    shop,
    `mutation ($callbackUrl: URL!) {
      webhookSubscriptionCreate(topic: ORDERS_UPDATED, webhookSubscription: { callbackUrl: $callbackUrl, format: JSON }) {
        webhookSubscription { id } userErrors { field message } } }`,
    { callbackUrl: sandbox.webhookUrl },
  );
  expect(created.webhookSubscriptionCreate.userErrors).toEqual([]);
  return created.webhookSubscriptionCreate.webhookSubscription?.id;
}

/** Refuses the CRM write of one open order of the `us` shop with `message`, then changes the order in Shopify. */
export async function failOneOrder(message: string): Promise<FailedOrder> {
  const sandbox = readSandbox();
  const shop = sandbox.shopify.find((candidate) => candidate.key === 'us') ?? sandbox.shopify[0];
  if (!shop) throw new Error('sandbox.json lists no shop');
  const order = await editableOrder(sandbox, shop);
  const key = `${shop.key}_${order.legacyResourceId}`;
  const keyColumn = `${sandbox.dataverse.publisherPrefix}_shopifyid`;
  const subscription = await subscribeOrderUpdates(sandbox, shop);
  let restored = false;
  const allowWrites = () => setFaultRules(sandbox, []);
  const restore = async () => {
    if (restored) return;
    restored = true;
    await allowWrites();
    if (subscription) {
      await shopifyAdmin(
        shop,
        `mutation ($id: ID!) { webhookSubscriptionDelete(id: $id) { userErrors { message } } }`,
        {
          id: subscription,
        },
      );
    }
  };
  const tag = `e2e-failed-${Date.now()}`;
  try {
    // The order header's upsert by alternate key, the first part of the order's changeset (order-writers.ts).
    await setFaultRules(sandbox, [
      {
        id: `refuse-${key}`,
        method: 'PATCH',
        pathContains: `salesorders(${keyColumn}='${key}')`,
        status: 400,
        code: '0x80040265',
        message,
      },
    ]);
    const updated = await shopifyAdmin<{ orderUpdate: { userErrors: unknown[] } }>(
      shop,
      `mutation ($input: OrderInput!) { orderUpdate(input: $input) { order { id } userErrors { field message } } }`,
      { input: { id: order.id, tags: [...order.tags, tag] } },
    );
    expect(updated.orderUpdate.userErrors).toEqual([]);
  } catch (error) {
    await restore();
    throw error;
  }
  return { gid: order.id, legacyId: order.legacyResourceId, name: order.name, key, tag, restore, allowWrites };
}
