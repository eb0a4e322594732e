import { describe, expect, it } from 'vitest';
import { planBatch } from './batch-plan';
import { writeBatchRequest, type EmbeddedRequest } from './multipart';

const TYPE = 'multipart/mixed; boundary=batch_T';

function post(url: string, body: unknown, contentId?: string): EmbeddedRequest & { contentId?: string } {
  const request: EmbeddedRequest & { contentId?: string } = {
    method: 'POST',
    url,
    headers: { 'Content-Type': 'application/json; type=entry' },
    body: JSON.stringify(body),
  };
  if (contentId !== undefined) request.contentId = contentId;
  return request;
}

describe('planBatch', () => {
  it('refuses a GET inside a changeset with the OData wording', () => {
    // Setup
    const get: EmbeddedRequest = { method: 'GET', url: 'accounts', headers: {}, body: '' };
    const body = writeBatchRequest([{ kind: 'changeset', requests: [get] }], 'batch_T');

    // Action
    const plan = planBatch(TYPE, body);

    // Assertions
    expect(plan).toEqual({
      ok: false,
      message:
        "An invalid HTTP method 'GET' was detected for a request in a change set. Requests in change sets only support the HTTP methods 'POST', 'PUT', 'DELETE', and 'PATCH'.",
    });
  });

  it('refuses a reference to a Content-ID declared later, as documented', () => {
    // Setup: the documented forward reference (execute-batch-operations-using-web-api)
    const body = writeBatchRequest(
      [
        {
          kind: 'changeset',
          requests: [
            post(
              'https://org.crm.dynamics.com/api/data/v9.2/phonecalls',
              { 'regardingobjectid_account_phonecall@odata.bind': '$1' },
              '2',
            ),
            post('https://org.crm.dynamics.com/api/data/v9.2/accounts', { name: 'QQQQ', revenue: 1.5 }, '1'),
          ],
        },
      ],
      'batch_T',
    );

    // Action
    const plan = planBatch(TYPE, body);

    // Assertions
    expect(plan).toEqual({ ok: false, message: "Content-ID Reference: '$1' does not exist in the batch context." });
  });

  it('refuses a reference across changesets but accepts one within a changeset', () => {
    // Setup
    const first = { kind: 'changeset' as const, requests: [post('accounts', { name: 'A' }, '1')] };
    const across = writeBatchRequest(
      [
        first,
        { kind: 'changeset', requests: [post('contacts', { 'parentcustomerid_account@odata.bind': '$1' }, '2')] },
      ],
      'batch_T',
    );
    const within = writeBatchRequest(
      [{ kind: 'changeset', requests: [...first.requests, { ...post('x', {}), method: 'PATCH', url: '$1' }] }],
      'batch_T',
    );

    // Action
    const plans = [planBatch(TYPE, across), planBatch(TYPE, within)];

    // Assertions
    expect(plans[0]).toMatchObject({ ok: false, message: expect.stringContaining("'$1' does not exist") as string });
    expect(plans[1]).toMatchObject({ ok: true, operations: 2 });
  });

  it('refuses more than the maximum number of operations, in a changeset or in the whole batch', () => {
    // Setup
    const requests = Array.from({ length: 4 }, (_, index) =>
      post('tasks', { subject: `t${index}` }, String(index + 1)),
    );
    const body = writeBatchRequest(
      [
        { kind: 'changeset', requests },
        { kind: 'single', request: post('tasks', {}) },
      ],
      'batch_T',
    );

    // Action
    const atLimit = planBatch(TYPE, body, 5);
    const batchOver = planBatch(TYPE, body, 4);
    const changesetOver = planBatch(TYPE, body, 3);

    // Assertions
    expect(atLimit).toMatchObject({ ok: true, operations: 5 });
    expect(batchOver).toEqual({
      ok: false,
      message:
        "The current batch message contains too many parts. Only batch messages with a maximum number of '4' query operations, including changeset operations, are allowed.",
    });
    expect(changesetOver).toEqual({
      ok: false,
      message:
        "The current change set contains too many operations. A maximum number of '3' operations are allowed in a change set",
    });
  });

  it('refuses a body that is not multipart and a nested changeset', () => {
    // Setup
    const nested =
      '--batch_T\r\nContent-Type: multipart/mixed; boundary=cs_1\r\n\r\n--cs_1\r\nContent-Type: multipart/mixed; boundary=cs_2\r\n\r\n--cs_2--\r\n--cs_1--\r\n--batch_T--\r\n';

    // Action
    const plans = [planBatch('application/json', '{}'), planBatch(TYPE, nested)];

    // Assertions
    expect(plans[0]).toMatchObject({ ok: false, message: expect.stringContaining('multipart/mixed') as string });
    expect(plans[1]).toEqual({ ok: false, message: 'A changeset cannot contain another changeset or batch.' });
  });
});
