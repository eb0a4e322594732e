import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { bulkRecordLine, jsonLines, reassemble, type BulkLine, type BulkRecord } from '@shopverse/shopify';
import { afterEach, describe, expect, it } from 'vitest';
import { writeBulkOrdersFile } from './bulk-jsonl';

const dirs: string[] = [];
function tempFile(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'bulk-jsonl-test-'));
  dirs.push(dir);
  return join(dir, name);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const fileBody = (path: string) => Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;

async function readLines(path: string): Promise<BulkLine[]> {
  const lines: BulkLine[] = [];
  for await (const line of jsonLines(fileBody(path))) lines.push(line);
  return lines;
}

describe('writeBulkOrdersFile', () => {
  it('writes orders with 1-8 line items as child lines, which our reader puts back under their order', async () => {
    // Setup
    const path = tempFile('orders.jsonl');

    // Action
    const summary = await writeBulkOrdersFile(path, 250);

    // Assertions
    const lines = await readLines(path);
    expect(lines).toHaveLength(summary.lines);
    expect(summary.bytes).toBe(readFileSync(path).length);
    const orders = lines.filter((line) => bulkRecordLine('order', line) !== null);
    expect(orders).toHaveLength(250);
    const children = lines.filter((line) => line.__parentId !== undefined);
    expect(children.every((line) => bulkRecordLine('order', line) === null)).toBe(true);
    expect(orders.length + children.length).toBe(lines.length);
    // Shopify's order: children follow their batch of parents, never before their parent.
    const seen = new Set<string>();
    for (const line of lines) {
      if (line.__parentId === undefined) seen.add(String(line.id));
      else expect(seen.has(line.__parentId)).toBe(true);
    }
    const records: BulkRecord[] = [];
    for await (const record of reassemble(jsonLines(fileBody(path)))) records.push(record);
    const counts = records.map((record) => record.children.LineItem?.length ?? 0);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...counts)).toBeLessThanOrEqual(8);
    expect(new Set(counts).size).toBeGreaterThan(1);
  });

  it('writes the same file for the same seed', async () => {
    // Setup
    const first = tempFile('first.jsonl');
    const second = tempFile('second.jsonl');

    // Action
    await writeBulkOrdersFile(first, 120, 7);
    await writeBulkOrdersFile(second, 120, 7);

    // Assertions
    expect(readFileSync(first, 'utf8')).toBe(readFileSync(second, 'utf8'));
  });
});
