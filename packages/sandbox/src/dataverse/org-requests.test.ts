import { describe, expect, it } from 'vitest';
import type { SimResponse } from '../http/types';
import { createDataverseOrg, type DataverseOrg } from './index';

/** Requests straight through the org's handler (no HTTP): validation, query options and annotations. */

const ORIGIN = 'http://127.0.0.1:4002';

async function send(
  org: DataverseOrg,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<SimResponse> {
  const parsed = new URL(`${ORIGIN}/api/data/v9.2/${url}`);
  return org.handle({
    method,
    path: parsed.pathname,
    query: parsed.searchParams,
    headers,
    body: body === undefined ? '' : JSON.stringify(body),
    origin: ORIGIN,
  });
}

function errorOf(response: SimResponse): { status: number; code: string; message: string } {
  const body = JSON.parse(response.body) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

describe('validation as Dataverse does it', () => {
  it('answers each invalid payload with its status and code', async () => {
    // Setup
    const org = createDataverseOrg({ name: ORIGIN });

    // Action
    const results = await Promise.all([
      send(org, 'POST', 'contacts', { lastname: 'L', nickname_x: 'x' }),
      send(org, 'POST', 'contacts', { lastname: 42 }),
      send(org, 'POST', 'contacts', { lastname: 'x'.repeat(51) }),
      send(org, 'POST', 'contacts', { lastname: 'L', gendercode: 7 }),
      send(org, 'POST', 'contacts', { lastname: 'L', versionnumber: 3 }),
      send(org, 'POST', 'transactioncurrencies', {
        currencyname: 'Euro',
        currencysymbol: '€',
        currencyprecision: 2,
        exchangerate: 1,
      }),
      send(org, 'POST', 'contacts', { lastname: 'L', parentcustomerid: '00000000-0000-0000-0000-000000000001' }),
      send(org, 'POST', 'salesorders', { name: 'x', freightamount: -1 }),
      send(org, 'POST', 'contacts', '{"lastname": '),
    ]);

    // Assertions
    expect(results.map(errorOf).map(({ status, code }) => [status, code])).toEqual([
      [400, '0x80048d19'],
      [400, '0x80048d19'],
      [400, '0x80044331'],
      [400, '0x8004431a'],
      [400, '0x80040203'],
      [400, '0x80040203'],
      [400, '0x80048d19'],
      [400, '0x80040203'],
      [400, '0x80048d19'],
    ]);
    expect(errorOf(results[5]).message).toContain("'isocurrencycode'");
    expect(org.count('contact')).toBe(0);
  });

  it('binds lookups, refuses binds to missing rows, and reads lookups back as _x_value with annotations', async () => {
    // Setup
    const org = createDataverseOrg({ name: ORIGIN });
    const account = await send(org, 'POST', 'accounts', { name: 'Fabrikam' });
    const accountUrl = account.headers['OData-EntityId'] ?? '';

    // Action
    const missing = await send(org, 'POST', 'contacts', {
      lastname: 'L',
      'parentcustomerid_account@odata.bind': '/accounts(00000000-0000-0000-0000-0000000000ff)',
    });
    const wrongSet = await send(org, 'POST', 'contacts', {
      lastname: 'L',
      'parentcustomerid_account@odata.bind': accountUrl.replace('accounts', 'contacts'),
    });
    await send(org, 'POST', 'contacts', {
      lastname: 'Lee',
      gendercode: 2,
      'parentcustomerid_account@odata.bind': accountUrl,
    });
    const read = await send(
      org,
      'GET',
      'contacts?$select=lastname,gendercode,_parentcustomerid_value&$expand=parentcustomerid_account($select=name)',
      undefined,
      {
        prefer: 'odata.include-annotations="*"',
      },
    );
    const row = (JSON.parse(read.body) as { value: Record<string, unknown>[] }).value[0] ?? {};

    // Assertions
    expect(missing.status).toBe(400);
    expect(wrongSet.status).toBe(400);
    expect(row._parentcustomerid_value).toBe(/\(([^)]+)\)/.exec(accountUrl)?.[1]);
    expect(row['_parentcustomerid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('account');
    expect(row['_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty']).toBe(
      'parentcustomerid_account',
    );
    expect(row['_parentcustomerid_value@OData.Community.Display.V1.FormattedValue']).toBe('Fabrikam');
    expect(row['gendercode@OData.Community.Display.V1.FormattedValue']).toBe('Female');
    expect(row.parentcustomerid_account).toMatchObject({ name: 'Fabrikam' });
    expect(read.headers['Preference-Applied']).toBe('odata.include-annotations="*"');
  });
});

describe('several orgs', () => {
  it('keep their rows, versions and metadata apart', async () => {
    // Setup
    const first = createDataverseOrg({ name: 'http://127.0.0.1:4002' });
    const second = createDataverseOrg({ name: 'http://127.0.0.1:4012' });

    // Action
    await send(first, 'POST', "EntityDefinitions(LogicalName='contact')/Attributes", {
      '@odata.type': 'Microsoft.Dynamics.CRM.StringAttributeMetadata',
      SchemaName: 'sv_ShopifyId',
      MaxLength: 100,
    });
    const inFirst = await send(first, 'POST', 'contacts', { lastname: 'A', sv_shopifyid: 'us_1' });
    const inSecond = await send(second, 'POST', 'contacts', { lastname: 'A', sv_shopifyid: 'us_1' });

    // Assertions
    expect(inFirst.status).toBe(204);
    expect(errorOf(inSecond)).toMatchObject({ status: 400, code: '0x80048d19' });
    expect(first.count('contact')).toBe(1);
    expect(second.count('contact')).toBe(0);
    expect(first.tables.get('contact')?.columns.has('sv_shopifyid')).toBe(true);
    expect(second.tables.get('contact')?.columns.has('sv_shopifyid')).toBe(false);
  });
});

describe('date-only columns', () => {
  it('birthdate (Edm.Date in the real CSDL) takes a calendar date and refuses a timestamp', async () => {
    // Setup
    const org = createDataverseOrg({ name: ORIGIN });

    // Action
    const date = await send(
      org,
      'POST',
      'contacts',
      { lastname: 'L', birthdate: '1990-04-01' },
      { prefer: 'return=representation' },
    );
    const timestamp = await send(org, 'POST', 'contacts', { lastname: 'L', birthdate: '1990-04-01T10:00:00Z' });

    // Assertions
    expect(date.status).toBe(201);
    expect((JSON.parse(date.body) as { birthdate: string }).birthdate).toBe('1990-04-01');
    expect(errorOf(timestamp)).toMatchObject({ status: 400, code: '0x80048d19' });
  });
});

describe('query options', () => {
  it('$orderby, $top, $count and an unknown $select column', async () => {
    // Setup
    const org = createDataverseOrg({ name: ORIGIN });
    for (const [name, revenue] of [
      ['B', 20],
      ['A', 30],
      ['C', 10],
    ] as const) {
      await send(org, 'POST', 'accounts', { name, revenue });
    }

    // Action
    const ordered = JSON.parse(
      (await send(org, 'GET', 'accounts?$select=name&$orderby=revenue desc&$top=2&$count=true')).body,
    ) as Record<string, unknown>;
    const unknown = await send(org, 'GET', 'accounts?$select=nam');
    const skip = await send(org, 'GET', 'accounts?$skip=1');

    // Assertions
    expect((ordered.value as { name: string }[]).map((row) => row.name)).toEqual(['A', 'B']);
    expect(ordered['@odata.count']).toBe(3);
    expect(ordered['@odata.nextLink']).toBeUndefined();
    expect(errorOf(unknown)).toMatchObject({
      status: 400,
      code: '0x80060888',
      message: "Could not find a property named 'nam' on type 'Microsoft.Dynamics.CRM.account'.",
    });
    expect(skip.status).toBe(400);
  });

  it('change tracking refuses $filter and is off for tables without it', async () => {
    // Setup
    const org = createDataverseOrg({ name: ORIGIN });

    // Action
    const filtered = await send(org, 'GET', "contacts?$filter=lastname eq 'x'", undefined, {
      prefer: 'odata.track-changes',
    });
    const orders = await send(org, 'GET', 'salesorders', undefined, { prefer: 'odata.track-changes' });
    const contacts = await send(org, 'GET', 'contacts?$select=fullname', undefined, { prefer: 'odata.track-changes' });

    // Assertions
    expect(filtered.status).toBe(400);
    expect(orders.status).toBe(400);
    expect(contacts.status).toBe(200);
    expect(JSON.parse(contacts.body)).toHaveProperty('@odata.deltaLink');
  });

  it('change tracking pages with odata.maxpagesize and hands the delta link on the last page', async () => {
    // Setup
    const org = createDataverseOrg({ name: ORIGIN });
    for (const name of ['A', 'B', 'C', 'D', 'E']) await send(org, 'POST', 'contacts', { lastname: name });

    // Action
    const pages: Record<string, unknown>[] = [];
    let next: string | undefined = 'contacts?$select=lastname';
    while (next) {
      const response = await send(org, 'GET', next.replace(`${ORIGIN}/api/data/v9.2/`, ''), undefined, {
        prefer: 'odata.track-changes,odata.maxpagesize=2',
      });
      const page = JSON.parse(response.body) as Record<string, unknown>;
      pages.push(page);
      if (pages.length === 1) await send(org, 'POST', 'contacts', { lastname: 'During paging' });
      next = page['@odata.nextLink'] as string | undefined;
    }
    const deltaLink = String(pages[pages.length - 1]?.['@odata.deltaLink']);
    const delta = JSON.parse((await send(org, 'GET', deltaLink.replace(`${ORIGIN}/api/data/v9.2/`, ''))).body) as {
      value: { lastname: string }[];
    };

    // Assertions
    expect(pages.map((page) => (page.value as unknown[]).length)).toEqual([2, 2, 2]);
    expect(pages.slice(0, -1).every((page) => page['@odata.deltaLink'] === undefined)).toBe(true);
    // The row created while paging is after the snapshot of the first page: the next delta brings it again.
    expect(delta.value.map((row) => row.lastname)).toEqual(['During paging']);
  });

  it('GET with If-None-Match of the current etag answers 304', async () => {
    // Setup
    const org = createDataverseOrg({ name: ORIGIN });
    const created = await send(org, 'POST', 'accounts', { name: 'A' }, { prefer: 'return=representation' });
    const { accountid, '@odata.etag': etag } = JSON.parse(created.body) as { accountid: string; '@odata.etag': string };

    // Action
    const unchanged = await send(org, 'GET', `accounts(${accountid})?$select=name`, undefined, {
      'if-none-match': etag,
    });
    await send(org, 'PATCH', `accounts(${accountid})`, { name: 'B' }, { 'if-match': '*' });
    const changed = await send(org, 'GET', `accounts(${accountid})?$select=name`, undefined, { 'if-none-match': etag });

    // Assertions
    expect(unchanged.status).toBe(304);
    expect(changed.status).toBe(200);
    expect(changed.headers.ETag).not.toBe(etag);
  });
});
