import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBatchResponse, encodeBatch } from './batch';

const examples = new URL('../../../reference/dataverse/mslearn-examples/', import.meta.url);

/** Splits one of Microsoft's `.http` response examples into its Content-Type and body. */
function example(name: string): { contentType: string; body: string } {
  const text = readFileSync(new URL(name, examples), 'utf8').replace(/\r?\n/g, '\r\n');
  const bodyStart = text.indexOf('\r\n\r\n') + 4;
  const boundary = /^--(batchresponse_[\w-]+)/m.exec(text)?.[1] ?? '';
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: text.slice(bodyStart) };
}

describe('$batch responses from Microsoft Learn', () => {
  it('reads a changeset of three creates and a GET, in order, with Content-IDs', () => {
    // Setup
    const { contentType, body } = example('batch_changeset.response.http');
    // Action
    const parts = decodeBatchResponse(contentType, body);
    // Assertions
    expect(parts.map((part) => [part.status, part.contentId])).toEqual([
      [204, '1'],
      [204, '2'],
      [204, '3'],
      [200, undefined],
    ]);
    expect(parts.map((part) => part.changeset)).toEqual([0, 0, 0, undefined]);
    expect(parts[0]?.headers['odata-entityid']).toMatch(/tasks\(e73ffc82-e292-ed11-aad1-000d3a9933c9\)$/);
    expect((parts[3]?.body as { value: unknown[] }).value).toHaveLength(3);
  });

  it('reads a continue-on-error response: the failure and the parts after it', () => {
    const { contentType, body } = example('batch_continue_on_error.response.http');
    const parts = decodeBatchResponse(contentType, body);
    expect(parts.map((part) => part.status)).toEqual([400, 204, 204]);
    expect(parts[0]?.body).toMatchObject({ error: { code: '0x80044331' } });
  });

  it('reads a batch stopped by its first failure', () => {
    const { contentType, body } = example('batch_error_without_continue_on_error.response.http');
    expect(decodeBatchResponse(contentType, body).map((part) => part.status)).toEqual([400]);
  });
});

describe('encodeBatch', () => {
  let n = 0;
  const ids = () => `id${++n}`;

  it('writes changesets and single operations the way Microsoft’s example does', () => {
    // Action
    const encoded = encodeBatch(
      [
        {
          changeset: [
            { method: 'POST', url: 'salesorders', body: { name: 'US1001' }, contentId: '1' },
            { method: 'POST', url: 'salesorderdetails', body: { 'salesorderid@odata.bind': '$1' }, contentId: '2' },
          ],
        },
        { method: 'GET', url: 'salesorders?$select=name' },
      ],
      '/api/data/v9.2/',
      ids,
    );
    // Assertions
    expect(encoded.operations).toBe(3);
    expect(encoded.contentType).toBe('multipart/mixed; boundary=batch_id1');
    expect(encoded.body).toContain('Content-Type: multipart/mixed; boundary=changeset_id2\r\n');
    expect(encoded.body).toContain('Content-ID: 1\r\n\r\nPOST /api/data/v9.2/salesorders HTTP/1.1\r\n');
    expect(encoded.body).toContain('"salesorderid@odata.bind":"$1"');
    expect(encoded.body).toContain('GET /api/data/v9.2/salesorders?$select=name HTTP/1.1');
    expect(encoded.body.endsWith('--batch_id1--\r\n')).toBe(true);
  });

  it('refuses a GET in a changeset and more than 1000 operations', () => {
    expect(() => encodeBatch([{ changeset: [{ method: 'GET', url: 'contacts' }] }], '/', ids)).toThrow(
      /cannot contain a GET/,
    );
    const many = Array.from({ length: 1001 }, () => ({ method: 'DELETE' as const, url: 'contacts(x)' }));
    expect(() => encodeBatch(many, '/', ids)).toThrow(/at most 1000 operations/);
  });
});
