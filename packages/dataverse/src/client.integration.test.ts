import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataverseApiError } from './errors';
import { provision } from './provisioning';
import { simulatedOrg } from './testing/simulated-org';

describe('the Dataverse client against the simulated org', () => {
  let org: Awaited<ReturnType<typeof simulatedOrg>>;
  beforeAll(async () => {
    org = await simulatedOrg();
  });
  afterAll(async () => {
    await org.close();
  });

  it('provisions our columns and keys: a dry run lists them, the run makes them, a second run changes nothing', async () => {
    // Action
    const dry = await provision(org.client, { dryRun: true, pollMs: 10 });
    const first = await provision(org.client, { pollMs: 10 });
    const second = await provision(org.client, { pollMs: 10 });
    // Assertions
    expect(dry.steps.filter((step) => step.kind !== 'wait-for-key')).toEqual(
      first.steps.filter((step) => step.kind !== 'wait-for-key'),
    );
    // 4 tables x (key, correlation id), every store's id on contact and account, 4 rollups, 13 order columns.
    expect(first.steps.filter((step) => step.kind === 'create-column')).toHaveLength(27);
    expect(first.steps.filter((step) => step.kind === 'create-key')).toHaveLength(4);
    expect(second.steps).toEqual([]);
    expect(second.present).toContain('contact key sv_shopifyid_key (Active)');
  });

  it('upserts by alternate key: the same key twice leaves one row, updated', async () => {
    // Action
    const first = await org.client.upsert(
      'contacts',
      { sv_shopifyid: 'us_1001' },
      { lastname: 'Ng', firstname: 'Ada' },
    );
    const second = await org.client.upsert('contacts', { sv_shopifyid: 'us_1001' }, { lastname: 'Ng-Lovelace' });
    // Assertions
    expect(first.created).toBe(true);
    expect(first.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(second).toEqual({ id: first.id, created: false });
    const rows = org.client.query<{ lastname: string; firstname: string }>(
      "contacts?$select=lastname,firstname&$filter=sv_shopifyid eq 'us_1001'",
    );
    const all = [];
    for await (const page of rows) all.push(...page);
    expect(all).toMatchObject([{ lastname: 'Ng-Lovelace', firstname: 'Ada' }]);
  });

  it('retries an upsert whose answer was lost, and still leaves one row', async () => {
    // Setup: the next request runs, then its connection drops; the retry finds the fault gone.
    org.dataverse.gateway.faults.set({ lostAnswerRate: 1 });
    const before = org.events.length;
    const clear = setInterval(() => {
      if (org.events.slice(before).some((event) => event.kind === 'retry')) {
        org.dataverse.gateway.faults.set({ lostAnswerRate: 0 });
        clearInterval(clear);
      }
    }, 1);
    // Action
    const result = await org.client.upsert('contacts', { sv_shopifyid: 'us_2002' }, { lastname: 'Okafor' });
    clearInterval(clear);
    org.dataverse.gateway.faults.set({ lostAnswerRate: 0 });
    // Assertions
    expect(org.events.slice(before).some((event) => event.kind === 'retry')).toBe(true);
    expect(result.created).toBe(false);
    const all = [];
    for await (const page of org.client.query("contacts?$select=lastname&$filter=sv_shopifyid eq 'us_2002'"))
      all.push(...page);
    expect(all).toHaveLength(1);
  });

  it('never resends a create whose answer was lost: it says the outcome is unknown', async () => {
    org.dataverse.gateway.faults.set({ lostAnswerRate: 1 });
    const create = org.client.request({
      method: 'POST',
      path: 'contacts',
      body: { lastname: 'Once' },
      idempotent: false,
    });
    await expect(create).rejects.toMatchObject({ code: 'DATAVERSE_OUTCOME_UNKNOWN' });
    org.dataverse.gateway.faults.set({ lostAnswerRate: 0 });
    const all = [];
    for await (const page of org.client.query("contacts?$select=lastname&$filter=lastname eq 'Once'"))
      all.push(...page);
    expect(all).toHaveLength(1);
  });

  it('pages with odata.maxpagesize and @odata.nextLink', async () => {
    // Setup
    for (let n = 0; n < 7; n += 1)
      await org.client.upsert('contacts', { sv_shopifyid: `page_${n}` }, { lastname: `Page ${n}` });
    // Action
    const sizes: number[] = [];
    for await (const page of org.client.query("contacts?$select=lastname&$filter=startswith(sv_shopifyid,'page_')", {
      maxPageSize: 3,
    })) {
      sizes.push(page.length);
    }
    // Assertions
    expect(sizes).toEqual([3, 3, 1]);
  });

  it('commits a changeset whole or not at all', async () => {
    // Action
    const result = await org.client.batch(
      [
        {
          changeset: [
            { method: 'PATCH', url: "contacts(sv_shopifyid='batch_1')", body: { lastname: 'One' } },
            { method: 'PATCH', url: "contacts(sv_shopifyid='batch_2')", body: { lastname: 'x'.repeat(51) } },
          ],
        },
      ],
      { idempotent: true },
    );
    // Assertions
    expect(result.status).toBe(400);
    expect(result.parts.at(-1)?.status).toBe(400);
    const all = [];
    for await (const page of org.client.query("contacts?$select=lastname&$filter=startswith(sv_shopifyid,'batch_')"))
      all.push(...page);
    expect(all).toEqual([]);
  });

  it('classifies a validation error as permanent, with Dataverse’s code', async () => {
    const bad = org.client.upsert('contacts', { sv_shopifyid: 'us_3003' }, { lastname: 'x'.repeat(51) });
    await expect(bad).rejects.toBeInstanceOf(DataverseApiError);
    await expect(bad).rejects.toMatchObject({ code: 'DATAVERSE_REJECTED', errorClass: 'permanent' });
  });
});
