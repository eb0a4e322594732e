import { describe, expect, it } from 'vitest';
import { bulkOutcome, bulkResultUrl, partitionBatch } from './backfill-steps';

const record = (id: number, updatedAt: string) => ({ gid: `gid://shopify/Customer/${id}`, updatedAt });

describe('bulkOutcome', () => {
  it('keeps polling while Shopify builds or cancels the file', () => {
    // Action
    const states = ['CREATED', 'RUNNING', 'CANCELING'].map((status) => bulkOutcome('order', { status }).kind);

    // Assertions
    expect(states).toEqual(['running', 'running', 'running']);
  });

  it('takes the file and its top-level count from a completed operation, and no file from an empty shop', () => {
    // Action
    const done = bulkOutcome('order', { status: 'COMPLETED', url: 'https://x/y.jsonl', rootObjectCount: '60' });
    const empty = bulkOutcome('order', { status: 'COMPLETED', url: null, rootObjectCount: '0' });

    // Assertions
    expect(done).toEqual({ kind: 'completed', url: 'https://x/y.jsonl', total: 60 });
    expect(empty).toEqual({ kind: 'completed', url: null, total: 0 });
  });

  it("turns Shopify's error codes and end states into what a person should do", () => {
    // Action
    const denied = bulkOutcome('customer', { status: 'FAILED', errorCode: 'ACCESS_DENIED' });
    const timeout = bulkOutcome('order', { status: 'FAILED', errorCode: 'TIMEOUT' });
    const expired = bulkOutcome('company', { status: 'EXPIRED' });
    const canceled = bulkOutcome('order', { status: 'CANCELED' });

    // Assertions
    const message = (outcome: ReturnType<typeof bulkOutcome>) => (outcome.kind === 'failed' ? outcome.message : '');
    expect([denied, timeout, expired, canceled].map((outcome) => outcome.kind)).toEqual([
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
    expect(message(denied)).toMatch(/ACCESS_DENIED.*read_customers access scope.*start the backfill again/);
    expect(message(timeout)).toContain('ran too long (TIMEOUT)');
    expect(message(expired)).toContain('file of companies expired');
    expect(message(canceled)).toContain('was cancelled in the shop');
  });
});

describe('bulkResultUrl', () => {
  it("asks a shop served elsewhere for its file at that server's origin, and Shopify's storage as given", () => {
    // Action
    const sandbox = bulkResultUrl(
      'http://127.0.0.1:4001/bulk/demo-us.myshopify.com/7.jsonl?sig=a',
      'http://localhost:5999/shops/demo-us.myshopify.com',
    );
    const real = bulkResultUrl('https://storage.googleapis.com/shopify/b.jsonl?X-Goog=1', null);

    // Assertions
    expect(sandbox).toBe('http://localhost:5999/bulk/demo-us.myshopify.com/7.jsonl?sig=a');
    expect(real).toBe('https://storage.googleapis.com/shopify/b.jsonl?X-Goog=1');
  });
});

describe('partitionBatch', () => {
  it('skips records synced at this version or newer, queues newer and unlinked ones, each once', () => {
    // Setup
    const synced = new Map<string, Date | null>([
      ['gid://shopify/Customer/1', new Date('2026-01-01T00:00:00Z')],
      ['gid://shopify/Customer/2', new Date('2026-01-05T00:00:00Z')],
      ['gid://shopify/Customer/3', new Date('2026-01-01T00:00:00Z')],
      ['gid://shopify/Customer/4', null],
    ]);
    const batch = [
      record(1, '2026-01-01T00:00:00Z'),
      record(2, '2026-01-03T00:00:00Z'),
      record(3, '2026-01-02T00:00:00Z'),
      record(4, '2026-01-02T00:00:00Z'),
      record(5, '2026-01-02T00:00:00Z'),
      record(5, '2026-01-02T00:00:00Z'),
    ];

    // Action
    const { queue, skipped } = partitionBatch(batch, synced);

    // Assertions
    expect(queue.map((item) => item.gid)).toEqual([
      'gid://shopify/Customer/3',
      'gid://shopify/Customer/4',
      'gid://shopify/Customer/5',
    ]);
    expect(skipped).toBe(3);
    expect(queue.length + skipped).toBe(batch.length);
  });
});
