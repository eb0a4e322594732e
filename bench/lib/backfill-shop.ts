import { randomBytes } from 'node:crypto';
import type { DataverseClient } from '@shopverse/dataverse';
import { type SandboxDetails, startShopifySimulator } from '@shopverse/sandbox';
import { BACKFILL_CURRENCIES, type BackfillData, type BackfillOrder, SHOP_CURRENCY } from './backfill-data';

type RunningShopify = Awaited<ReturnType<typeof startShopifySimulator>>;
type SimulatedShop = RunningShopify['shops'] extends Map<string, infer Shop> ? Shop : never;

const DOMAIN = 'backfill-us.myshopify.com';

/** How long ago the seeded records were made. */
const SEEDED_AGO_MS = 2 * 24 * 3600 * 1000;

/** Cost points Shopify restores per second on the shop's plan, Plus (SHOPIFY.md, "GraphQL rate limits"). */
export const SHOPIFY_RESTORE_RATE = 1000;

/** What seeding made, for the scenario's notes. */
export interface SeedSummary {
  customers: number;
  orders: number;
  lines: number;
  byFate: Record<string, number>;
  byCurrency: Record<string, number>;
  seconds: number;
}

/** A Shopify simulator serving the seeded shop, described as the sandbox describes its shops. */
export interface BackfillShop {
  details: Omit<SandboxDetails['shopify'][number], 'crm'>;
  summary: SeedSummary;
  close(): Promise<void>;
}

const CUSTOMER_CREATE = `#graphql
  mutation BackfillCustomerCreate($input: CustomerInput!) {
    customerCreate(input: $input) {
      customer { id }
      userErrors { field message }
    }
  }
`;

const REFUND_CREATE = `#graphql
  mutation BackfillRefundCreate($input: RefundInput!) {
    refundCreate(input: $input) {
      refund { id }
      userErrors { field message }
    }
  }
`;

const ORDER_CANCEL = `#graphql
  mutation BackfillOrderCancel($orderId: ID!, $refund: Boolean!) {
    orderCancel(orderId: $orderId, reason: CUSTOMER, refund: $refund, restock: false) {
      orderCancelUserErrors { field message }
    }
  }
`;

/** Throws with the operation's name when a mutation answered errors or userErrors: the data set must be whole. */
function check(what: string, result: { errors?: readonly { message: string }[]; data?: unknown }): unknown {
  if (result.errors?.length) throw new Error(`${what}: ${result.errors.map((error) => error.message).join('; ')}`);
  const payload = Object.values((result.data ?? {}) as Record<string, Record<string, unknown>>)[0] ?? {};
  const userErrors = (payload.userErrors ?? payload.orderCancelUserErrors ?? []) as { message: string }[];
  if (userErrors.length > 0) throw new Error(`${what}: ${userErrors.map((error) => error.message).join('; ')}`);
  return payload;
}

const numericId = (gid: string) => Number(gid.slice(gid.lastIndexOf('/') + 1));

/** Refunds an order in full (every line, the shipping, the captured amount) or one unit of its first line. */
async function refund(shop: SimulatedShop, orderGid: string, order: BackfillOrder, full: boolean): Promise<void> {
  const record = shop.store.orders.get(numericId(orderGid));
  const sale = record?.transactions.find((entry) => entry.kind === 'SALE' && entry.status === 'SUCCESS');
  const first = record?.lineItems[0];
  const planned = order.lines[0];
  if (!record || !sale || !first || !planned) throw new Error(`${orderGid}: nothing to refund`);
  const unit = Number(planned.priceSet.shopMoney.amount);
  const unitTax = Number(planned.taxLines[0]?.priceSet.shopMoney.amount ?? '0') / planned.quantity;
  const amount = full ? (order.totalMinor / 100).toFixed(2) : (unit + Math.floor(unitTax * 100) / 100).toFixed(2);
  const input = {
    orderId: orderGid,
    currency: order.presentmentCurrency,
    note: full ? 'Returned in full' : 'One item returned',
    ...(full ? { shipping: { fullRefund: true } } : {}),
    refundLineItems: full
      ? record.lineItems.map((line) => ({ lineItemId: `gid://shopify/LineItem/${line.id}`, quantity: line.quantity }))
      : [{ lineItemId: `gid://shopify/LineItem/${first.id}`, quantity: 1 }],
    transactions: [
      {
        orderId: orderGid,
        parentId: `gid://shopify/OrderTransaction/${sale.id}`,
        kind: 'REFUND',
        gateway: sale.gateway,
        amount,
      },
    ],
  };
  check(`refund of ${orderGid}`, await shop.execute(REFUND_CREATE, { input }));
}

/**
 * Fills one shop: customers through customerCreate run in-process (8,000 of them take seconds), orders through the
 * simulator's seeding API (orderCreate's input straight into the store, with its validation), then the refunds and
 * cancellations as the Admin API makes them. Changes raise no webhooks: the shop has no subscriptions yet.
 */
export async function seedShop(shop: SimulatedShop, data: BackfillData): Promise<SeedSummary> {
  const started = performance.now();
  const customerIds: string[] = [];
  for (const [index, customer] of data.customers.entries()) {
    const { currency: _home, ...input } = customer;
    const payload = check(`customer ${index}`, await shop.execute(CUSTOMER_CREATE, { input })) as {
      customer: { id: string };
    };
    customerIds.push(payload.customer.id);
  }
  const summary: SeedSummary = {
    customers: customerIds.length,
    orders: 0,
    lines: 0,
    byFate: {},
    byCurrency: {},
    seconds: 0,
  };
  for (const [index, order] of data.orders.entries()) {
    const currency = order.presentmentCurrency;
    const customerId = order.customer === null ? undefined : customerIds[order.customer];
    const created = shop.createOrder({
      currency: SHOP_CURRENCY,
      presentmentCurrency: currency,
      email: order.email,
      processedAt: order.processedAt,
      taxesIncluded: false,
      sourceName: 'web',
      lineItems: order.lines.map((line) => ({ ...line, requiresShipping: true })),
      shippingLines: [order.shipping],
      billingAddress: order.address,
      shippingAddress: order.address,
      ...(customerId ? { customer: { toAssociate: { id: customerId } } } : {}),
      transactions: order.paid
        ? [
            {
              kind: 'SALE',
              status: 'SUCCESS',
              gateway: 'shopify_payments',
              amountSet: { shopMoney: { amount: (order.totalMinor / 100).toFixed(2), currencyCode: currency } },
            },
          ]
        : [],
      financialStatus: order.paid ? null : 'PENDING',
      ...(order.fate === 'fulfilled' || order.fate === 'refunded' ? { fulfillmentStatus: 'FULFILLED' } : {}),
    });
    if (!created.orderId) throw new Error(`order ${index}: ${created.userErrors.map((e) => e.message).join('; ')}`);
    if (order.fate === 'refunded' || order.fate === 'partiallyRefunded') {
      await refund(shop, created.orderId, order, order.fate === 'refunded');
    } else if (order.fate === 'cancelled') {
      check(
        `cancel of ${created.orderId}`,
        await shop.execute(ORDER_CANCEL, { orderId: created.orderId, refund: order.paid }),
      );
    }
    summary.orders += 1;
    summary.lines += order.lines.length;
    summary.byFate[order.fate] = (summary.byFate[order.fate] ?? 0) + 1;
    summary.byCurrency[currency] = (summary.byCurrency[currency] ?? 0) + 1;
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

/**
 * Starts a Shopify simulator with one US shop on the Plus preset (as the sandbox's `us` shop), seeds it with `data`,
 * and describes it as `SandboxDetails` does, for the bench system to sync instead of the sandbox's demo shop.
 */
export async function startBackfillShop(data: BackfillData): Promise<BackfillShop> {
  const accessToken = `shpat_${randomBytes(16).toString('hex')}`;
  // The records are made as if two days ago: the store's delta poll reads again what changed in its overlap (five
  // minutes by default), and records made just before the bench would all be queued by it beside the backfill.
  let offsetMs = SEEDED_AGO_MS;
  const simulator = await startShopifySimulator({
    port: 0,
    now: () => new Date(Date.now() - offsetMs),
    shops: [
      {
        domain: DOMAIN,
        name: 'Backfill US',
        accessToken,
        plan: 'plus',
        currencyCode: SHOP_CURRENCY,
        taxesIncluded: false,
        ianaTimezone: 'America/New_York',
      },
    ],
  });
  try {
    const shop = simulator.shops.get(DOMAIN);
    if (!shop) throw new Error(`the simulator did not create ${DOMAIN}`);
    const summary = await seedShop(shop, data);
    offsetMs = 0;
    return {
      details: {
        key: 'us',
        shop: DOMAIN,
        adminUrl: simulator.adminUrl(DOMAIN),
        apiVersion: shop.apiVersion,
        accessToken,
        webhookSecret: randomBytes(24).toString('base64url'),
        currency: SHOP_CURRENCY,
        taxesIncluded: false,
      },
      summary,
      close: () => simulator.close(),
    };
  } catch (error) {
    await simulator.close();
    throw error;
  }
}

/**
 * Adds the presentment currencies the org lacks (transactioncurrency rows, as a person adds them in Dynamics), so an
 * order written in the customer's currency finds its currency; answers the codes it added.
 */
export async function provisionCurrencies(client: DataverseClient): Promise<string[]> {
  const existing = await client.request({
    method: 'GET',
    path: 'transactioncurrencies?$select=isocurrencycode',
    idempotent: true,
  });
  const have = new Set(
    (existing.body as { value: { isocurrencycode: string }[] }).value.map((row) => row.isocurrencycode),
  );
  const added: string[] = [];
  for (const currency of BACKFILL_CURRENCIES) {
    if (have.has(currency.code)) continue;
    await client.request({
      method: 'POST',
      path: 'transactioncurrencies',
      body: {
        isocurrencycode: currency.code,
        currencyname: currency.name,
        currencysymbol: currency.symbol,
        currencyprecision: 2,
        exchangerate: Number(currency.exchangeRate),
      },
      idempotent: false,
    });
    added.push(currency.code);
  }
  return added;
}
