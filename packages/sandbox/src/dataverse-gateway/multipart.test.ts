import { describe, expect, it } from 'vitest';
import { planBatch } from './batch-plan';
import { boundaryOf, parseMultipart, writeBatchResponse, type BatchResponseItem } from './multipart';
import { readBatchBody, readDocumentedBatchResponse, readExample } from './testing/batch-shape';

/** Splits a documented .http request into its Content-Type header and body. */
function documentedRequest(name: string): { contentType: string; body: string } {
  const text = readExample(name);
  const [head = '', body = ''] = text.split(/\r?\n\r?\n([\s\S]*)/);
  const contentType = /^Content-Type:\s*(.+)$/im.exec(head)?.[1] ?? '';
  return { contentType, body };
}

describe('multipart', () => {
  it('reads the boundary whether quoted or not', () => {
    // Setup
    const quoted = 'multipart/mixed; boundary="batch_22975cad-7f57-410d-be15-6363209367ea"';
    const bare = 'multipart/mixed;boundary=batch_AAA123';

    // Action
    const results = [boundaryOf(quoted), boundaryOf(bare), boundaryOf('application/json')];

    // Assertions
    expect(results).toEqual(['batch_22975cad-7f57-410d-be15-6363209367ea', 'batch_AAA123', undefined]);
  });

  it('plans the documented changeset request: three creates with Content-IDs, then a GET outside', () => {
    // Setup
    const { contentType, body } = documentedRequest('batch_changeset.request.http');

    // Action
    const plan = planBatch(contentType, body);

    // Assertions
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.operations).toBe(4);
    const [changeset, single] = plan.items;
    if (changeset?.kind !== 'changeset' || single?.kind !== 'single') throw new Error('wrong plan layout');
    expect(changeset.requests.map((request) => [request.contentId, request.method, request.url])).toEqual([
      ['1', 'POST', '/api/data/v9.2/tasks'],
      ['2', 'POST', '/api/data/v9.2/tasks'],
      ['3', 'POST', '/api/data/v9.2/tasks'],
    ]);
    expect(JSON.parse(changeset.requests[1]?.body ?? '')).toEqual({
      subject: 'Task 2 in batch',
      'regardingobjectid_account_task@odata.bind': 'accounts(00000000-0000-0000-0000-000000000001)',
    });
    expect(changeset.requests[0]?.headers['content-type']).toBe('application/json; type=entry');
    expect(single.request.url).toBe(
      '/api/data/v9.2/accounts(00000000-0000-0000-0000-000000000001)/Account_Tasks?$select=subject',
    );
  });

  it('writes a response laid out line for line like the documented changeset response', () => {
    // Setup: the documented response, read into parts, is written again by the serialiser
    const documented = readExample('batch_changeset.response.http');
    const read = readDocumentedBatchResponse(documented);
    const [first, second] = read.shape;
    if (first?.kind !== 'changeset' || second?.kind !== 'single') throw new Error('unexpected documented layout');
    const items: BatchResponseItem[] = [
      { kind: 'changeset', responses: read.responses.slice(0, 3) },
      { kind: 'single', response: read.responses[3] ?? { status: 0, headers: {}, body: '' } },
    ];
    const batchBoundary = /--(batchresponse_\S+)/.exec(documented)?.[1] ?? '';

    // Action
    const written = writeBatchResponse(items, batchBoundary);

    // Assertions: identical once changeset boundaries and header-name case are aligned, line ends are LF, and the
    // transcribed file's own trailing blank line is dropped
    const documentedBody = documented.split(/\r?\n\r?\n([\s\S]*)/)[1] ?? '';
    const normalise = (text: string): string =>
      text
        .replace(/\r\n/g, '\n')
        .replace(/changesetresponse_[0-9a-f-]+/g, 'changesetresponse_X')
        .replace(/^([A-Za-z-]+):/gm, (header: string) => header.toLowerCase())
        .trimEnd();
    expect(normalise(written)).toBe(normalise(documentedBody));
  });

  it('reads back what it writes, nested changesets included', () => {
    // Setup
    const items: BatchResponseItem[] = [
      {
        kind: 'changeset',
        responses: [{ contentId: '1', status: 204, headers: { 'OData-Version': '4.0' }, body: '' }],
      },
      { kind: 'single', response: { status: 200, headers: { 'OData-Version': '4.0' }, body: '{"value":[]}' } },
    ];

    // Action
    const body = writeBatchResponse(items, 'batchresponse_1');
    const read = readBatchBody('multipart/mixed; boundary=batchresponse_1', body);

    // Assertions
    expect(read.shape).toEqual([
      { kind: 'changeset', parts: [{ contentId: '1', status: 204, body: '' }] },
      { kind: 'single', part: { contentId: undefined, status: 200, body: { value: [] } } },
    ]);
  });

  it('refuses a body without its closing delimiter', () => {
    // Setup
    const truncated = '--b\r\nContent-Type: application/http\r\n\r\nGET /api/data/v9.2/tasks HTTP/1.1\r\n';

    // Action
    const parse = () => parseMultipart(truncated, 'b');

    // Assertions
    expect(parse).toThrow(/does not end with the delimiter '--b--'/);
  });
});
