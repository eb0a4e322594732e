import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChangePage, readChanges } from './change-tracking';
import { simulatedOrg } from './testing/simulated-org';

describe('readChanges against the simulated org', () => {
  // Coalescing on, as the worker's client has it: the tracking reads must survive being sent inside a $batch.
  let org: Awaited<ReturnType<typeof simulatedOrg>>;
  beforeAll(async () => {
    org = await simulatedOrg({ coalesce: { inFlight: 4, maxOperations: 100 } });
  });
  afterAll(async () => {
    await org.close();
  });

  const read = async (deltaLink: string | null, maxPageSize?: number) => {
    const pages: ChangePage[] = [];
    const result = await readChanges(
      org.client,
      {
        entitySet: 'contacts',
        select: ['contactid', 'emailaddress1'],
        deltaLink,
        ...(maxPageSize ? { maxPageSize } : {}),
      },
      (page) => {
        pages.push(page);
        return Promise.resolve();
      },
    );
    return { result, rows: pages.flatMap((page) => page.rows), deleted: pages.flatMap((page) => page.deletedIds) };
  };

  it('reads every row first, then only the rows changed and deleted since, page by page', async () => {
    // Setup
    const ids: string[] = [];
    for (const name of ['One', 'Two', 'Three']) {
      const created = await org.client.upsert(
        'contacts',
        { contactid: crypto.randomUUID() },
        { lastname: name, emailaddress1: `${name.toLowerCase()}@example.com` },
      );
      ids.push(created.id);
    }
    const [first, second, third] = ids as [string, string, string];

    // Action
    const initial = await read(null, 2);
    await org.client.request({
      method: 'PATCH',
      path: `contacts(${first})`,
      body: { emailaddress1: 'one.new@example.com' },
      idempotent: true,
    });
    await org.client.request({ method: 'DELETE', path: `contacts(${second})`, idempotent: true });
    if (initial.result.kind !== 'read') throw new Error('the first read was refused');
    const delta = await read(initial.result.deltaLink);
    if (delta.result.kind !== 'read') throw new Error('the delta read was refused');
    const nothing = await read(delta.result.deltaLink);

    // Assertions
    expect(initial.result.full).toBe(true);
    expect(initial.rows.map((row) => row.contactid)).toEqual(expect.arrayContaining(ids));
    expect(delta.result.full).toBe(false);
    expect(delta.rows).toEqual([expect.objectContaining({ contactid: first, emailaddress1: 'one.new@example.com' })]);
    expect(delta.deleted).toEqual([second]);
    expect(delta.rows.map((row) => row.contactid)).not.toContain(third);
    expect(nothing.rows).toEqual([]);
    expect(nothing.deleted).toEqual([]);
  });

  it('reports an expired or unreadable token as such, so the caller compares the whole table', async () => {
    // Setup: a token issued eight days ago (the org keeps changes for seven), and one that is not a token.
    const old = encodeURIComponent('1!01/01/2020 00:00:00');

    // Action
    const expired = await read(`contacts?$select=contactid,emailaddress1&$deltatoken=${old}`);
    const invalid = await read('contacts?$select=contactid,emailaddress1&$deltatoken=not-a-token');

    // Assertions
    expect(expired.result).toEqual(
      expect.objectContaining({ kind: 'token_rejected', reason: 'expired', dataverseCode: '0x80044352' }),
    );
    expect(invalid.result).toEqual(expect.objectContaining({ kind: 'token_rejected', reason: 'invalid' }));
    expect(expired.rows).toEqual([]);
  });
});
