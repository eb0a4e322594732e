import { describe, expect, it } from 'vitest';
import { type BulkLine, jsonLines, reassemble } from './bulk';

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function* from(lines: BulkLine[]): AsyncGenerator<BulkLine> {
  for (const line of lines) yield await Promise.resolve(line);
}

function stream(text: string, chunk: number): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else controller.enqueue(bytes.slice(at, (at += chunk)));
    },
  });
}

describe('jsonLines', () => {
  it('reads lines split across chunks, multi-byte characters included', async () => {
    const text =
      '{"id":"gid://shopify/Order/1","name":"渋谷 #1"}\n{"id":"gid://shopify/LineItem/2","__parentId":"gid://shopify/Order/1"}\n';
    const lines = await collect(jsonLines(stream(text, 7)));
    expect(lines).toEqual([
      { id: 'gid://shopify/Order/1', name: '渋谷 #1' },
      { id: 'gid://shopify/LineItem/2', __parentId: 'gid://shopify/Order/1' },
    ]);
  });
});

describe('reassemble', () => {
  const order = (n: number): BulkLine => ({ id: `gid://shopify/Order/${n}` });
  const line = (n: number, parent: number): BulkLine => ({
    id: `gid://shopify/LineItem/${n}`,
    __parentId: `gid://shopify/Order/${parent}`,
  });

  it('puts interleaved children under their parents, grouped by type, in order', async () => {
    // Setup: order 2 begins before order 1's last line item.
    const lines = [order(1), line(10, 1), order(2), line(11, 1), line(20, 2)];
    // Action
    const records = await collect(reassemble(from(lines)));
    // Assertions
    expect(records.map((record) => [record.node.id, record.children.LineItem?.map((child) => child.id)])).toEqual([
      ['gid://shopify/Order/1', ['gid://shopify/LineItem/10', 'gid://shopify/LineItem/11']],
      ['gid://shopify/Order/2', ['gid://shopify/LineItem/20']],
    ]);
  });

  it('holds at most maxPending parents and says so when a child comes too late', async () => {
    const lines = [order(1), order(2), order(3), line(10, 1)];
    await expect(collect(reassemble(from(lines), 2))).rejects.toThrow(/already passed on; raise maxPending above 2/);
  });

  it('refuses a child without a parent', async () => {
    await expect(collect(reassemble(from([line(10, 9)])))).rejects.toThrow(/no line before it has the id/);
  });
});
