import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataverseApiError } from './errors';
import { provision } from './provisioning';
import { simulatedOrg } from './testing/simulated-org';

describe('coalescing concurrent requests into shared $batch requests, against the simulated org', () => {
  let org: Awaited<ReturnType<typeof simulatedOrg>>;
  beforeAll(async () => {
    org = await simulatedOrg({ coalesce: { inFlight: 1, maxOperations: 100 } });
    await provision(org.client, { pollMs: 10 });
  });
  afterAll(async () => {
    await org.close();
  });

  it('answers each caller as if alone, in far fewer HTTP requests', async () => {
    // Setup
    const before = org.events.filter((event) => event.kind === 'response').length;
    // Action: 40 upserts at once, then 40 reads and one read of a row that is not there.
    const ids = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        org.client.upsert('contacts', { sv_shopifyid: `co_${index}` }, { lastname: `L${index}` }),
      ),
    );
    const reads = await Promise.all(
      ids.map(({ id }) =>
        org.client.request({ method: 'GET', path: `contacts(${id})?$select=lastname`, idempotent: true }),
      ),
    );
    const queried = await Promise.all(
      ['L1', 'L2'].map(async (name) => {
        const rows: unknown[] = [];
        for await (const page of org.client.query(`contacts?$select=lastname&$filter=lastname eq '${name}'`))
          rows.push(...page);
        return rows.length;
      }),
    );
    const missing = await org.client
      .request({ method: 'GET', path: 'contacts(00000000-0000-0000-0000-000000000001)', idempotent: true })
      .catch((error: unknown) => error);
    // Assertions
    expect(new Set(ids.map(({ id }) => id)).size).toBe(40);
    expect(ids.every(({ created }) => created)).toBe(true);
    expect(reads.map((read) => (read.body as { lastname: string }).lastname)).toEqual(
      Array.from({ length: 40 }, (_, index) => `L${index}`),
    );
    expect(queried).toEqual([1, 1]);
    expect(missing).toBeInstanceOf(DataverseApiError);
    expect((missing as DataverseApiError).code).toBe('DATAVERSE_NOT_FOUND');
    const requests = org.events.filter((event) => event.kind === 'response').length - before;
    expect(requests).toBeLessThanOrEqual(8);
    expect(requests).toBeGreaterThanOrEqual(3);
  });

  it('keeps changesets apart: one refused changeset fails its own caller only, the others commit', async () => {
    // Action: ten one-changeset batches at once; the fifth names a column contacts do not have.
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        org.client.batch(
          [
            {
              changeset: [
                {
                  method: 'PATCH',
                  url: `contacts(sv_shopifyid='cs_${index}')`,
                  body: index === 4 ? { lastname: 'X', nosuchcolumn: 1 } : { lastname: `CS${index}` },
                },
              ],
            },
          ],
          { idempotent: true },
        ),
      ),
    );
    // Assertions
    expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200, 400, 200, 200, 200, 200, 200]);
    expect(results[4]?.parts[0]?.status).toBeGreaterThanOrEqual(400);
    const found: string[] = [];
    for await (const page of org.client.query<{ lastname: string }>(
      "contacts?$select=lastname&$filter=startswith(sv_shopifyid,'cs_')",
    ))
      found.push(...page.map((row) => row.lastname));
    expect(found.sort()).toEqual(['CS0', 'CS1', 'CS2', 'CS3', 'CS5', 'CS6', 'CS7', 'CS8', 'CS9']);
  });
});
