import { afterEach, describe, expect, it } from 'vitest';
import type { FaultRule } from './faults';
import { writeBatchRequest, type EmbeddedRequest } from './multipart';
import { readBatchBody } from './testing/batch-shape';
import { EXAMPLE_ACCOUNT_ID, startWithFake, type FakeSimulator } from './testing/start-with-fake';

/** Fault rules set through the control endpoint, refusing one record over real HTTP, alone and inside `$batch`. */

let running: FakeSimulator | undefined;
afterEach(async () => {
  await running?.sim.close();
  running = undefined;
});

const PLUGIN_REFUSAL: FaultRule = {
  id: 'refuse-911',
  method: 'POST',
  bodyContains: '"subject":"911"',
  status: 400,
  code: '0x80040265',
  message: 'Contoso.TaskCheck: task 911 is on hold.',
};

function createTask(subject: string, contentId?: string): EmbeddedRequest & { contentId?: string } {
  return {
    method: 'POST',
    url: '/api/data/v9.2/tasks',
    headers: { 'Content-Type': 'application/json; type=entry' },
    body: JSON.stringify({ subject, 'regardingobjectid_account_task@odata.bind': `accounts(${EXAMPLE_ACCOUNT_ID})` }),
    ...(contentId === undefined ? {} : { contentId }),
  };
}

async function setFaults(simulator: FakeSimulator, body: unknown): Promise<Response> {
  return fetch(`${simulator.sim.url}/_sim/faults`, { method: 'POST', body: JSON.stringify(body) });
}

function postTask(simulator: FakeSimulator, subject: string): Promise<Response> {
  const task = createTask(subject);
  return simulator.call(task.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: task.body });
}

function subjects(simulator: FakeSimulator): unknown[] {
  return [...(simulator.org.rows.get('tasks')?.values() ?? [])].map((row) => row.subject);
}

describe('fault rules', () => {
  it('refuses the matching request with the rule’s Dataverse error until the rules are cleared', async () => {
    // Setup
    running = await startWithFake();
    const set = await setFaults(running, { rules: [PLUGIN_REFUSAL] });

    // Action
    const refused = await postTask(running, '911');
    const other = await postTask(running, '912');
    const cleared = await setFaults(running, { rules: [] });
    const after = await postTask(running, '911');

    // Assertions
    expect(set.status).toBe(200);
    expect(((await set.json()) as { rules: FaultRule[] }).rules).toEqual([PLUGIN_REFUSAL]);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: { code: '0x80040265', message: 'Contoso.TaskCheck: task 911 is on hold.' },
    });
    expect(other.status).toBe(204);
    expect(((await cleared.json()) as { rules: FaultRule[] }).rules).toEqual([]);
    expect(after.status).toBe(204);
    expect(subjects(running)).toEqual(['912', '911']);
  });

  it('fails the changeset holding a matching part and runs the rest of the batch', async () => {
    // Setup
    running = await startWithFake();
    await setFaults(running, { rules: [PLUGIN_REFUSAL] });
    const boundary = 'batch_fault_rules';
    const body = writeBatchRequest(
      [
        { kind: 'changeset', requests: [createTask('910', '1'), createTask('911', '2')] },
        { kind: 'changeset', requests: [createTask('912', '3')] },
      ],
      boundary,
    );

    // Action
    const response = await running.call('/api/data/v9.2/$batch', {
      method: 'POST',
      headers: { 'Content-Type': `multipart/mixed; boundary="${boundary}"`, Prefer: 'odata.continue-on-error' },
      body,
    });

    // Assertions: the refused changeset answers with its failing part alone and commits nothing
    expect(response.status).toBe(200);
    const answer = readBatchBody(response.headers.get('content-type') ?? '', await response.text());
    expect(answer.shape).toEqual([
      { kind: 'changeset', parts: [expect.objectContaining({ status: 400 })] },
      { kind: 'changeset', parts: [expect.objectContaining({ status: 204 })] },
    ]);
    expect(JSON.parse(answer.responses[0]?.body ?? '')).toEqual({
      error: { code: '0x80040265', message: 'Contoso.TaskCheck: task 911 is on hold.' },
    });
    expect(subjects(running)).toEqual(['912']);
  });

  it('refuses a rule without a condition, or two rules with one id, and keeps the rules it had', async () => {
    // Setup
    running = await startWithFake();
    await setFaults(running, { rules: [PLUGIN_REFUSAL] });
    const { method: _method, bodyContains: _bodyContains, ...unconditional } = PLUGIN_REFUSAL;

    // Action
    const noCondition = await setFaults(running, { rules: [unconditional] });
    const sameId = await setFaults(running, { rules: [PLUGIN_REFUSAL, PLUGIN_REFUSAL] });
    const current = (await (await fetch(`${running.sim.url}/_sim/faults`)).json()) as { rules: FaultRule[] };

    // Assertions
    expect(noCondition.status).toBe(400);
    expect(await noCondition.text()).toContain('at least one of method, pathContains, bodyContains');
    expect(sameId.status).toBe(400);
    expect(await sameId.text()).toContain('rule ids must differ');
    expect(current.rules).toEqual([PLUGIN_REFUSAL]);
  });
});
