import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
// The simulator's own writer of bulk results: the file below has the shape its bulk operations produce (and Shopify's:
// parents in batches, each batch followed by its children with `__parentId`). It is no part of the package's API.
import { flattenBulkData } from '../../packages/sandbox/src/shopify/bulk';

/** Parents per batch, as the simulator writes them (and Shopify interleaves them): children follow each batch. */
const PARENT_BATCH = 100;
const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD'] as const;
/** Order gids start here, line item gids at ten times the order's number: both stay unique across a file. */
const FIRST_ORDER = 5_000_000;

export interface BulkFileSummary {
  orders: number;
  /** Every line of the file: one per order and one per line item. */
  lines: number;
  bytes: number;
}

/** Mulberry32: the same orders for the same seed, without holding them. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * One order as a bulk query over `orders { id name updatedAt lineItems { id title quantity sku originalUnitPriceSet
 * } }` returns it, before flattening: 1 to 8 line items, one of several currencies, a price in minor units written as
 * a decimal string (Shopify's money).
 */
export function bulkOrderNode(index: number, random: () => number): Record<string, unknown> {
  const number = FIRST_ORDER + index;
  const currencyCode = CURRENCIES[Math.floor(random() * CURRENCIES.length)] ?? 'USD';
  const lineCount = 1 + Math.floor(random() * 8);
  const updatedAt = new Date(Date.UTC(2026, 0, 1) + index * 61_000).toISOString();
  const lines = Array.from({ length: lineCount }, (_, line) => {
    const cents = 100 + Math.floor(random() * 19_900);
    return {
      node: {
        id: `gid://shopify/LineItem/${number * 10 + line}`,
        title: `Product ${1 + Math.floor(random() * 500)}`,
        quantity: 1 + Math.floor(random() * 4),
        sku: `SKU-${number}-${line}`,
        originalUnitPriceSet: {
          shopMoney: { amount: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`, currencyCode },
        },
      },
    };
  });
  return {
    id: `gid://shopify/Order/${number}`,
    name: `#${number}`,
    updatedAt,
    lineItems: { edges: lines },
  };
}

/**
 * Writes a bulk result of `orders` orders with their line items to `path`, one batch of parents at a time, waiting
 * for the disk when the stream is full: memory holds one batch, whatever the size of the file.
 */
export async function writeBulkOrdersFile(path: string, orders: number, seed = 10): Promise<BulkFileSummary> {
  const random = seededRandom(seed);
  const out = createWriteStream(path);
  const summary: BulkFileSummary = { orders, lines: 0, bytes: 0 };
  try {
    for (let start = 0; start < orders; start += PARENT_BATCH) {
      const edges = [];
      for (let index = start; index < Math.min(orders, start + PARENT_BATCH); index += 1) {
        edges.push({ node: bulkOrderNode(index, random) });
      }
      const { lines } = flattenBulkData({ orders: { edges } });
      const chunk = `${lines.join('\n')}\n`;
      summary.lines += lines.length;
      summary.bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return summary;
}
