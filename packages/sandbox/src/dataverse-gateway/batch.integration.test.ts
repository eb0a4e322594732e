import { afterEach, describe, expect, it } from 'vitest';
import { writeBatchRequest, type EmbeddedRequest } from './multipart';
import { readBatchBody, readDocumentedBatchResponse, readExample } from './testing/batch-shape';
import { EXAMPLE_ACCOUNT_ID, startWithFake, type FakeSimulator } from './testing/start-with-fake';

/**
 * The documented `$batch` examples (reference/dataverse/mslearn-examples and execute-batch-operations-using-web-api)
 * replayed over HTTP against the gateway and a fake org, compared with the documented status and body shape.
 */

let running: FakeSimulator | undefined;
afterEach(async () => {
  await running?.sim.close();
  running = undefined;
});

const TOO_LONG = `Subject is too long ${'x'.repeat(200)}`;

function createTask(subject: string): EmbeddedRequest {
  return {
    method: 'POST',
    url: '/api/data/v9.2/tasks',
    headers: { 'Content-Type': 'application/json; type=entry' },
    body: JSON.stringify({
      subject,
      'regardingobjectid_account_task@odata.bind': `accounts(${EXAMPLE_ACCOUNT_ID})`,
    }),
  };
}

async function postBatch(simulator: FakeSimulator, body: string, boundary: string, prefer?: string) {
  const headers: Record<string, string> = {
    'Content-Type': `multipart/mixed; boundary="${boundary}"`,
    Accept: 'application/json',
    'OData-MaxVersion': '4.0',
    'OData-Version': '4.0',
  };
  if (prefer !== undefined) headers.Prefer = prefer;
  const response = await simulator.call('/api/data/v9.2/$batch', { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
}

function subjects(simulator: FakeSimulator): unknown[] {
  return [...(simulator.org.rows.get('tasks')?.values() ?? [])].map((row) => row.subject);
}

describe('$batch replays of the documented examples', () => {
  it('answers the documented changeset request with the documented status and shape', async () => {
    // Setup: the request exactly as documented (LF line ends, quoted boundary)
    running = await startWithFake();
    const request = readExample('batch_changeset.request.http');
    const [head = '', body = ''] = request.split(/\r?\n\r?\n([\s\S]*)/);
    const boundary = /boundary="([^"]+)"/.exec(head)?.[1] ?? '';
    const documented = readDocumentedBatchResponse(readExample('batch_changeset.response.http'));

    // Action
    const response = await postBatch(running, body, boundary);

    // Assertions
    expect(response.status).toBe(documented.status);
    expect(response.contentType).toMatch(/^multipart\/mixed; boundary=batchresponse_[0-9a-f-]{36}$/);
    const received = readBatchBody(response.contentType, response.text);
    expect(received.shape).toEqual(documented.shape);
    expect(subjects(running)).toEqual(['Task 1 in batch', 'Task 2 in batch', 'Task 3 in batch']);
    const listed = JSON.parse(received.responses[3]?.body ?? '{}') as { value: { subject: string }[] };
    expect(listed.value.map((task) => task.subject)).toEqual(subjects(running));
  });

  it('stops at the first failure without continue-on-error, as documented', async () => {
    // Setup
    running = await startWithFake();
    const body = writeBatchRequest(
      [TOO_LONG, 'Task 2 in batch', 'Task 3 in batch'].map((subject) => ({
        kind: 'single',
        request: createTask(subject),
      })),
      'batch_431faf5a-f979-4ee6-a374-d242f8962d41',
    );
    const documented = readDocumentedBatchResponse(readExample('batch_error_without_continue_on_error.response.http'));

    // Action
    const response = await postBatch(running, body, 'batch_431faf5a-f979-4ee6-a374-d242f8962d41');

    // Assertions
    expect(response.status).toBe(documented.status);
    const received = readBatchBody(response.contentType, response.text);
    expect(received.shape).toEqual(documented.shape);
    expect(JSON.parse(received.responses[0]?.body ?? '')).toEqual(JSON.parse(documented.responses[0]?.body ?? ''));
    expect(subjects(running)).toEqual([]);
  });

  it('goes on past the failure with Prefer: odata.continue-on-error, as documented', async () => {
    // Setup
    running = await startWithFake();
    const body = writeBatchRequest(
      [TOO_LONG, 'Task 2 in batch', 'Task 3 in batch'].map((subject) => ({
        kind: 'single',
        request: createTask(subject),
      })),
      'batch_662d4610-7f12-4895-ac4a-3fdf77cc10a1',
    );
    const documented = readDocumentedBatchResponse(readExample('batch_continue_on_error.response.http'));

    // Action
    const response = await postBatch(
      running,
      body,
      'batch_662d4610-7f12-4895-ac4a-3fdf77cc10a1',
      'odata.continue-on-error',
    );

    // Assertions
    expect(response.status).toBe(documented.status);
    expect(readBatchBody(response.contentType, response.text).shape).toEqual(documented.shape);
    expect(subjects(running)).toEqual(['Task 2 in batch', 'Task 3 in batch']);
  });

  it('refuses a forward Content-ID reference with the documented 400 and runs nothing', async () => {
    // Setup: the documented request body, with the placeholder replaced by the simulator's URL
    running = await startWithFake();
    const documentedText = readExample('batch_contentid_forward_reference.response.txt');
    const body = [
      '--batch_AAA123',
      'Content-Type: multipart/mixed; boundary=changeset_BBB456',
      '',
      '--changeset_BBB456',
      'Content-Type: application/http',
      'Content-Transfer-Encoding:binary',
      'Content-ID: 2',
      '',
      `POST ${running.sim.url}/api/data/v9.2/tasks HTTP/1.1`,
      'Content-Type: application/json;type=entry',
      '',
      '{\n    "subject":"911",\n    "regardingobjectid_account_task@odata.bind" : "$1"\n}',
      '',
      '--changeset_BBB456',
      'Content-Type: application/http',
      'Content-Transfer-Encoding:binary',
      'Content-ID: 1',
      '',
      `POST ${running.sim.url}/api/data/v9.2/accounts HTTP/1.1`,
      'Content-Type: application/json;type=entry',
      '',
      '{\n    "name":"QQQQ",\n    "revenue": 1.50\n}',
      '',
      '--changeset_BBB456--',
      '--batch_AAA123--',
      '',
    ].join('\n');

    // Action
    const response = await postBatch(running, body, 'batch_AAA123');

    // Assertions
    const [statusLine = '', message = ''] = documentedText.trim().split('\n');
    expect(response.status).toBe(Number(/HTTP (\d{3})/.exec(statusLine)?.[1]));
    expect((JSON.parse(response.text) as { error: { message: string } }).error.message).toBe(message);
    expect(running.org.rows.get('accounts')?.size).toBe(1);
    expect(subjects(running)).toEqual([]);
  });

  it('resolves $n in URLs and @odata.bind values from earlier parts of the changeset', async () => {
    // Setup: the documented reference examples, condensed: a lead, a contact, an account binding both, then the
    // contact's last name set through `PUT $2/lastname`
    running = await startWithFake();
    const json = { 'Content-Type': 'application/json' };
    const body = writeBatchRequest(
      [
        {
          kind: 'changeset',
          requests: [
            {
              method: 'POST',
              url: `${running.sim.url}/api/data/v9.2/leads`,
              headers: json,
              body: '{"lastname":"L"}',
              contentId: '1',
            },
            { method: 'POST', url: 'contacts', headers: json, body: '{"firstname":"first name"}', contentId: '2' },
            {
              method: 'POST',
              url: '/api/data/v9.2/accounts',
              headers: json,
              body: '{"name":"IcM Account","originatingleadid@odata.bind":"$1","primarycontactid@odata.bind":"$2"}',
              contentId: '3',
            },
            { method: 'PUT', url: '$2/lastname', headers: json, body: '{"value":"BBBBB"}', contentId: '4' },
          ],
        },
      ],
      'batch_AAA123',
    );

    // Action
    const response = await postBatch(running, body, 'batch_AAA123');

    // Assertions
    expect(response.status).toBe(200);
    const received = readBatchBody(response.contentType, response.text);
    expect(received.responses.map((part) => [part.contentId, part.status])).toEqual([
      ['1', 204],
      ['2', 204],
      ['3', 204],
      ['4', 204],
    ]);
    const [lead] = [...(running.org.rows.get('leads')?.values() ?? [])];
    const [contact] = [...(running.org.rows.get('contacts')?.values() ?? [])];
    const account = [...(running.org.rows.get('accounts')?.values() ?? [])].find((row) => row.name === 'IcM Account');
    expect(account?._originatingleadid_value).toBe(lead?.leadid);
    expect(account?._primarycontactid_value).toBe(contact?.contactid);
    expect(contact?.lastname).toBe('BBBBB');
  });
});

describe('$batch changesets', () => {
  it('keeps the first changeset committed and the second absent when the second fails', async () => {
    // Setup
    running = await startWithFake();
    const body = writeBatchRequest(
      [
        {
          kind: 'changeset',
          requests: [
            { ...createTask('A1'), contentId: '1' },
            { ...createTask('A2'), contentId: '2' },
          ],
        },
        {
          kind: 'changeset',
          requests: [
            { ...createTask('B1'), contentId: '3' },
            { ...createTask(TOO_LONG), contentId: '4' },
          ],
        },
        { kind: 'single', request: createTask('C1') },
      ],
      'batch_ACCEPT',
    );

    // Action
    const response = await postBatch(running, body, 'batch_ACCEPT');

    // Assertions: 400, the first changeset's two 204s, then the failed changeset as its failing part alone
    expect(response.status).toBe(400);
    const received = readBatchBody(response.contentType, response.text);
    expect(received.shape).toEqual([
      {
        kind: 'changeset',
        parts: [
          { contentId: '1', status: 204, body: '' },
          { contentId: '2', status: 204, body: '' },
        ],
      },
      {
        kind: 'changeset',
        parts: [{ contentId: '4', status: 400, body: { error: { code: 'string', message: 'string' } } }],
      },
    ]);
    expect(JSON.parse(received.responses[2]?.body ?? '')).toMatchObject({ error: { code: '0x80044331' } });
    expect(subjects(running)).toEqual(['A1', 'A2']);
  });

  it('answers 400 for a GET inside a changeset and for more than the maximum of operations', async () => {
    // Setup
    running = await startWithFake({ maxBatchOperations: 3 });
    const get: EmbeddedRequest = { method: 'GET', url: 'tasks', headers: {}, body: '' };
    const withGet = writeBatchRequest([{ kind: 'changeset', requests: [get] }], 'batch_G');
    const tooMany = writeBatchRequest(
      Array.from({ length: 4 }, () => ({ kind: 'single' as const, request: createTask('T') })),
      'batch_M',
    );

    // Action
    const responses = [await postBatch(running, withGet, 'batch_G'), await postBatch(running, tooMany, 'batch_M')];

    // Assertions
    expect(responses.map((response) => response.status)).toEqual([400, 400]);
    expect(JSON.parse(responses[0]?.text ?? '')).toMatchObject({
      error: { message: expect.stringContaining("An invalid HTTP method 'GET'") as string },
    });
    expect(JSON.parse(responses[1]?.text ?? '')).toMatchObject({
      error: { message: expect.stringContaining("a maximum number of '3' query operations") as string },
    });
    expect(subjects(running)).toEqual([]);
  });
});
