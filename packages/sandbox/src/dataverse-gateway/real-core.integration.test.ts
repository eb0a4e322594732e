import { afterEach, describe, expect, it } from 'vitest';
import { createDataverseOrg, type DataverseOrg } from '../dataverse';
import { writeBatchRequest, type EmbeddedRequest } from './multipart';
import { startDataverseSimulator, type RunningDataverseSimulator } from './server';
import { readBatchBody, readDocumentedBatchResponse, readExample, type BatchShape } from './testing/batch-shape';
import { fakeVerifyToken } from './testing/fake-org-core';

/**
 * The gateway over the real org core. The documented examples write `task` rows, a table the core does not model
 * (it holds the sync's tables), so they are replayed here with `contact` rows in their place: same layout of
 * changesets and parts, same failure (a string over its maximum length), compared with the documented status and
 * shape of parts; JSON bodies are compared by their error code, since a contact's columns are not a task's.
 */

let running: { sim: RunningDataverseSimulator; org: DataverseOrg } | undefined;
afterEach(async () => {
  await running?.sim.close();
  running = undefined;
});

async function start(): Promise<{ sim: RunningDataverseSimulator; org: DataverseOrg }> {
  let org: DataverseOrg | undefined;
  const sim = await startDataverseSimulator({
    orgs: (url) => {
      org = createDataverseOrg({ name: url });
      return org;
    },
    verifyToken: fakeVerifyToken,
  });
  if (!org) throw new Error('the org was not created');
  return { sim, org };
}

const TOO_LONG = 'x'.repeat(51);

function createContact(firstname: string): EmbeddedRequest {
  return {
    method: 'POST',
    url: '/api/data/v9.2/contacts',
    headers: { 'Content-Type': 'application/json; type=entry' },
    body: JSON.stringify({ firstname, lastname: 'Batch' }),
  };
}

async function postBatch(sim: RunningDataverseSimulator, body: string, boundary: string, prefer?: string) {
  const headers: Record<string, string> = {
    Authorization: `Bearer app-1@${sim.url}`,
    'Content-Type': `multipart/mixed; boundary="${boundary}"`,
    Accept: 'application/json',
    'OData-Version': '4.0',
  };
  if (prefer !== undefined) headers.Prefer = prefer;
  const response = await fetch(`${sim.apiUrl}$batch`, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, ...readBatchBody(response.headers.get('content-type') ?? '', text) };
}

/** A shape with JSON bodies reduced to whether there is one: a contact's columns are not a task's. */
function layout(shape: BatchShape): unknown {
  const part = (p: { contentId: string | undefined; status: number; body: unknown }) => ({
    contentId: p.contentId,
    status: p.status,
    body: p.body === '' ? '' : 'json',
  });
  return shape.map((item) =>
    item.kind === 'single'
      ? { kind: 'single', part: part(item.part) }
      : { kind: 'changeset', parts: item.parts.map(part) },
  );
}

describe('$batch over the real org core', () => {
  it('replays the documented changeset example with contacts', async () => {
    // Setup
    running = await start();
    const documented = readDocumentedBatchResponse(readExample('batch_changeset.response.http'));
    const query: EmbeddedRequest = {
      method: 'GET',
      url: '/api/data/v9.2/contacts?$select=firstname',
      headers: {},
      body: '',
    };
    const body = writeBatchRequest(
      [
        {
          kind: 'changeset',
          requests: ['Contact 1', 'Contact 2', 'Contact 3'].map((name, index) => ({
            ...createContact(name),
            contentId: String(index + 1),
          })),
        },
        { kind: 'single', request: query },
      ],
      'batch_22975cad-7f57-410d-be15-6363209367ea',
    );

    // Action
    const response = await postBatch(running.sim, body, 'batch_22975cad-7f57-410d-be15-6363209367ea');

    // Assertions
    expect(response.status).toBe(documented.status);
    expect(layout(response.shape)).toEqual(layout(documented.shape));
    const listed = JSON.parse(response.responses[3]?.body ?? '{}') as { value: { firstname: string }[] };
    expect(listed.value.map((contact) => contact.firstname).sort()).toEqual(['Contact 1', 'Contact 2', 'Contact 3']);
  });

  it('replays the documented failure, with and without continue-on-error', async () => {
    // Setup
    running = await start();
    const items = [TOO_LONG, 'Contact 2', 'Contact 3'].map((name) => ({
      kind: 'single' as const,
      request: createContact(name),
    }));
    const stopped = readDocumentedBatchResponse(readExample('batch_error_without_continue_on_error.response.http'));
    const continued = readDocumentedBatchResponse(readExample('batch_continue_on_error.response.http'));
    const before = running.org.count('contact');

    // Action
    const first = await postBatch(running.sim, writeBatchRequest(items, 'batch_E1'), 'batch_E1');
    const afterStop = running.org.count('contact');
    const second = await postBatch(
      running.sim,
      writeBatchRequest(items, 'batch_E2'),
      'batch_E2',
      'odata.continue-on-error',
    );

    // Assertions
    expect(first.status).toBe(stopped.status);
    expect(layout(first.shape)).toEqual(layout(stopped.shape));
    expect(JSON.parse(first.responses[0]?.body ?? '')).toMatchObject({ error: { code: '0x80044331' } });
    expect(afterStop).toBe(before);
    expect(second.status).toBe(continued.status);
    expect(layout(second.shape)).toEqual(layout(continued.shape));
    expect(running.org.count('contact')).toBe(before + 2);
  });

  it('keeps the first changeset committed and the second absent when the second fails', async () => {
    // Setup
    running = await start();
    const before = running.org.count('contact');
    const body = writeBatchRequest(
      [
        {
          kind: 'changeset',
          requests: [
            { ...createContact('A1'), contentId: '1' },
            { ...createContact('A2'), contentId: '2' },
          ],
        },
        {
          kind: 'changeset',
          requests: [
            { ...createContact('B1'), contentId: '3' },
            { ...createContact(TOO_LONG), contentId: '4' },
          ],
        },
      ],
      'batch_ACCEPT',
    );

    // Action
    const response = await postBatch(running.sim, body, 'batch_ACCEPT');
    const listed = await fetch(`${running.sim.apiUrl}contacts?$select=firstname`, {
      headers: { Authorization: `Bearer app-1@${running.sim.url}` },
    });

    // Assertions
    expect(response.status).toBe(400);
    expect(layout(response.shape)).toEqual([
      {
        kind: 'changeset',
        parts: [
          { contentId: '1', status: 204, body: '' },
          { contentId: '2', status: 204, body: '' },
        ],
      },
      { kind: 'changeset', parts: [{ contentId: '4', status: 400, body: 'json' }] },
    ]);
    expect(running.org.count('contact')).toBe(before + 2);
    const names = ((await listed.json()) as { value: { firstname: string }[] }).value.map((row) => row.firstname);
    expect(names.sort()).toEqual(['A1', 'A2']);
  });

  it('binds $n references in a changeset: a contact under the account created before it', async () => {
    // Setup
    running = await start();
    const json = { 'Content-Type': 'application/json' };
    const body = writeBatchRequest(
      [
        {
          kind: 'changeset',
          requests: [
            { method: 'POST', url: 'accounts', headers: json, body: '{"name":"Batch account"}', contentId: '1' },
            {
              method: 'POST',
              url: 'contacts',
              headers: json,
              body: '{"lastname":"Under","parentcustomerid_account@odata.bind":"$1"}',
              contentId: '2',
            },
          ],
        },
      ],
      'batch_REF',
    );

    // Action
    const response = await postBatch(running.sim, body, 'batch_REF');
    const accountUrl = response.responses[0]?.headers['odata-entityid'] ?? '';
    const contactUrl = response.responses[1]?.headers['odata-entityid'] ?? '';
    const contact = await fetch(`${contactUrl}?$select=_parentcustomerid_value`, {
      headers: { Authorization: `Bearer app-1@${running.sim.url}` },
    });

    // Assertions
    expect(response.status).toBe(200);
    const accountId = /\(([0-9a-f-]{36})\)$/.exec(accountUrl)?.[1];
    expect(accountId).toBeDefined();
    expect(await contact.json()).toMatchObject({ _parentcustomerid_value: accountId });
  });
});
