import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REFERENCE_DIR } from './metadata/catalog';
import { startOrgServer, type OrgServer } from './testing/org-server';

/**
 * The documented examples of reference/dataverse/mslearn-examples/ (and frodata's real error), replayed over HTTP
 * against the simulator: same status, same body shape, same messages. The $batch examples belong to the gateway.
 */

function reference(path: string): string {
  return readFileSync(join(DEFAULT_REFERENCE_DIR, path), 'utf8');
}

function referenceJson(path: string): Record<string, unknown> {
  return JSON.parse(reference(path)) as Record<string, unknown>;
}

/** The JSON body after the `###` separator of an .http example, and its status line. */
function httpExample(path: string): { status: number; headers: string[]; body?: Record<string, unknown> } {
  const response = reference(path).split('###')[1] ?? '';
  const status = Number(/HTTP\/1\.1 (\d+)/.exec(response)?.[1]);
  const headers = [...response.matchAll(/^([A-Za-z-]+): /gm)].map((match) => (match[1] ?? '').toLowerCase());
  const start = response.indexOf('{');
  return start >= 0
    ? { status, headers, body: JSON.parse(response.slice(start)) as Record<string, unknown> }
    : { status, headers };
}

let clock = Date.parse('2026-01-05T10:00:00Z');
let server: OrgServer;

beforeEach(async () => {
  clock = Date.parse('2026-01-05T10:00:00Z');
  server = await startOrgServer({ now: () => new Date(clock), keyActivationMs: 5000 });
});

afterEach(async () => {
  await server.close();
});

/** The custom table of the upsert examples: example_record with the alternate key (example_key1, example_key2). */
async function provisionExampleRecords(): Promise<void> {
  const table = await server.request('POST', 'EntityDefinitions', {
    body: {
      '@odata.type': 'Microsoft.Dynamics.CRM.EntityMetadata',
      SchemaName: 'example_record',
      OwnershipType: 'UserOwned',
      Attributes: [
        {
          '@odata.type': 'Microsoft.Dynamics.CRM.StringAttributeMetadata',
          SchemaName: 'example_name',
          IsPrimaryName: true,
          MaxLength: 100,
        },
        { '@odata.type': 'Microsoft.Dynamics.CRM.IntegerAttributeMetadata', SchemaName: 'example_key1' },
        { '@odata.type': 'Microsoft.Dynamics.CRM.IntegerAttributeMetadata', SchemaName: 'example_key2' },
      ],
    },
  });
  expect(table.status).toBe(204);
  const key = await server.request('POST', "EntityDefinitions(LogicalName='example_record')/Keys", {
    body: { SchemaName: 'example_keys', KeyAttributes: ['example_key1', 'example_key2'] },
  });
  expect(key.status).toBe(204);
  clock += 5000;
}

const UPSERT_HEADERS = { 'If-None-Match': 'null' };

describe('use-upsert-insert-update-record examples', () => {
  it('upsert_altkey_no_prefer: 204 + OData-EntityId with the key, on create and again on update', async () => {
    // Setup
    await provisionExampleRecords();
    const documented = httpExample('mslearn-examples/upsert_altkey_no_prefer.http');

    // Action
    const created = await server.request('PATCH', 'example_records(example_key1=2,example_key2=2)', {
      body: { example_name: '2:2' },
      headers: UPSERT_HEADERS,
    });
    const updated = await server.request('PATCH', 'example_records(example_key1=2,example_key2=2)', {
      body: { example_name: '2:2' },
      headers: UPSERT_HEADERS,
    });

    // Assertions
    for (const response of [created, updated]) {
      expect(response.status).toBe(documented.status);
      expect(response.headers.get('OData-EntityId')).toBe(
        `${server.api}example_records(example_key1=2,example_key2=2)`,
      );
      expect(await response.text()).toBe('');
    }
    expect(server.org.count('example_record')).toBe(1);
  });

  it('upsert_altkey_create_return_representation and upsert_altkey_update_return_representation', async () => {
    // Setup
    await provisionExampleRecords();
    const onCreate = httpExample('mslearn-examples/upsert_altkey_create_return_representation.http');
    const onUpdate = httpExample('mslearn-examples/upsert_altkey_update_return_representation.http');
    const path = 'example_records(example_key1=3,example_key2=3)?$select=example_recordid';
    const headers = { ...UPSERT_HEADERS, Prefer: 'return=representation' };

    // Action
    const created = await server.request('PATCH', path, { body: { example_name: '3:3' }, headers });
    const createdBody = (await created.json()) as Record<string, unknown>;
    const updated = await server.request('PATCH', path, { body: { example_name: '3:3 Updated' }, headers });
    const updatedBody = (await updated.json()) as Record<string, unknown>;

    // Assertions
    expect(created.status).toBe(onCreate.status);
    expect(Object.keys(createdBody)).toEqual(Object.keys(onCreate.body ?? {}));
    expect(createdBody['@odata.context']).toBe(`${server.api}$metadata#example_records(example_recordid)/$entity`);
    expect(created.headers.get('ETag')).toBe(createdBody['@odata.etag']);
    expect(created.headers.get('Preference-Applied')).toBe('return=representation');
    expect(updated.status).toBe(onUpdate.status);
    expect(Object.keys(updatedBody)).toEqual(Object.keys(onUpdate.body ?? {}));
    expect(updatedBody.example_recordid).toBe(createdBody.example_recordid);
    // The etag grows with each write (W/"71004878" then W/"71004880" in the example).
    const version = (etag: unknown): number => Number(/\d+/.exec(String(etag))?.[0]);
    expect(version(updatedBody['@odata.etag'])).toBeGreaterThan(version(createdBody['@odata.etag']));
    expect(server.org.count('example_record')).toBe(1);
  });
});

describe('perform-conditional-operations-using-web-api examples', () => {
  it('error_404_if_match_star_prevent_create', async () => {
    // Setup
    const documented = referenceJson('mslearn-examples/error_404_if_match_star_prevent_create.json') as {
      error: { message: string };
    };

    // Action
    const response = await server.request('PATCH', 'accounts(00000000-0000-0000-0000-000000000001)', {
      body: { name: 'Updated Sample Account' },
      headers: { 'If-Match': '*' },
    });
    const body = (await response.json()) as { error: { code: string; message: string } };

    // Assertions
    expect(response.status).toBe(404);
    expect(Object.keys(body.error)).toEqual(['code', 'message']);
    expect(body.error.message).toBe(documented.error.message);
    expect(server.org.count('account')).toBe(0);
  });

  it('error_412_if_none_match_star_prevent_update', async () => {
    // Setup
    const documented = referenceJson('mslearn-examples/error_412_if_none_match_star_prevent_update.json') as {
      error: { message: string };
    };
    await server.request('PATCH', 'accounts(00000000-0000-0000-0000-000000000001)', {
      body: { name: 'Sample Account' },
    });

    // Action
    const response = await server.request('PATCH', 'accounts(00000000-0000-0000-0000-000000000001)', {
      body: { name: 'Updated Sample Account' },
      headers: { 'If-None-Match': '*' },
    });
    const body = (await response.json()) as { error: { message: string } };

    // Assertions
    expect(response.status).toBe(412);
    expect(body.error.message).toBe(documented.error.message);
  });

  it('error_412_etag_mismatch', async () => {
    // Setup
    const documented = referenceJson('mslearn-examples/error_412_etag_mismatch.json') as { error: { message: string } };
    const created = await server.request('POST', 'accounts', {
      body: { name: 'Sample Account' },
      headers: { Prefer: 'return=representation' },
    });
    const { accountid, '@odata.etag': etag } = (await created.json()) as { accountid: string; '@odata.etag': string };
    await server.request('PATCH', `accounts(${accountid})`, {
      body: { name: 'Changed elsewhere' },
      headers: { 'If-Match': etag },
    });

    // Action
    const stale = await server.request('PATCH', `accounts(${accountid})`, {
      body: { name: 'Mine' },
      headers: { 'If-Match': etag },
    });
    const body = (await stale.json()) as { error: { message: string } };

    // Assertions
    expect(stale.status).toBe(412);
    expect(body.error.message).toBe(documented.error.message);
  });
});

describe('manage-duplicate-detection-create-update example', () => {
  it('error_duplicate_detection_0x80040333 when duplicate detection is asked for', async () => {
    // Setup
    const documented = referenceJson('mslearn-examples/error_duplicate_detection_0x80040333.json');
    await server.request('POST', 'accounts', { body: { name: 'Contoso Ltd' } });

    // Action
    const checked = await server.request('POST', 'accounts', {
      body: { name: 'Contoso Ltd' },
      headers: { 'MSCRM.SuppressDuplicateDetection': 'false' },
    });
    const unchecked = await server.request('POST', 'accounts', { body: { name: 'Contoso Ltd' } });

    // Assertions
    expect(checked.status).toBe(500);
    expect(await checked.json()).toEqual(documented);
    expect(unchecked.status).toBe(204);
  });
});

describe('update-delete-entities-using-web-api example', () => {
  it('update_return_representation: the row after the update, money as a JSON number', async () => {
    // Setup
    const documented = referenceJson('mslearn-examples/update_return_representation.response.json');
    const select = Object.keys(documented).filter((key) => !key.startsWith('@') && key !== 'accountid');
    const created = await server.request('POST', 'accounts', {
      body: { name: 'Sample Account' },
      headers: { Prefer: 'return=representation' },
    });
    const { accountid } = (await created.json()) as { accountid: string };

    // Action
    const response = await server.request('PATCH', `accounts(${accountid})?$select=${select.join(',')}`, {
      body: {
        name: 'Updated Sample Account',
        accountcategorycode: 1,
        description: 'This is the description of the sample account',
        revenue: 5000000,
        address1_latitude: 47.63958,
        'transactioncurrencyid@odata.bind': `/transactioncurrencies(${server.org.seeded?.baseCurrencyId ?? ''})`,
      },
      headers: { Prefer: 'return=representation', 'If-Match': '*' },
    });
    const text = await response.text();
    const body = JSON.parse(text) as Record<string, unknown>;

    // Assertions
    expect(response.status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(Object.keys(documented).sort());
    expect(body['@odata.context']).toBe(`${server.api}$metadata#accounts(${select.join(',')})/$entity`);
    expect(body.name).toBe('Updated Sample Account');
    expect(body.creditonhold).toBe(null);
    expect(text).toContain('"revenue":5000000.0000');
    expect(body.createdon).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});

describe('page-results example', () => {
  it('paging_maxpagesize2_page1: two rows, then a nextLink with the paging cookie that reaches every row once', async () => {
    // Setup
    const documented = referenceJson('mslearn-examples/paging_maxpagesize2_page1.response.json') as {
      value: Record<string, unknown>[];
      '@odata.nextLink': string;
    };
    for (const name of ['Yvonne McKay', 'Susanna Stubberod', 'Nancy Anderson', 'Maria Campbell', 'Sidney Higa']) {
      const [firstname, lastname] = name.split(' ');
      await server.request('POST', 'contacts', { body: { firstname, lastname } });
    }

    // Action
    const pages: Record<string, unknown>[] = [];
    let next: string | undefined = `${server.api}contacts?$select=fullname`;
    while (next) {
      const response = await server.request('GET', next, { headers: { Prefer: 'odata.maxpagesize=2' } });
      const page = (await response.json()) as Record<string, unknown>;
      pages.push(page);
      next = page['@odata.nextLink'] as string | undefined;
    }

    // Assertions
    const first = pages[0] as { value: Record<string, unknown>[]; '@odata.nextLink': string; '@odata.context': string };
    expect(Object.keys(first)).toEqual(Object.keys(documented));
    expect(first['@odata.context']).toBe(`${server.api}$metadata#contacts(fullname)`);
    expect(first.value.map((row) => Object.keys(row))).toEqual(documented.value.map((row) => Object.keys(row)));
    expect(first.value[0]?.fullname).toBe('Yvonne McKay');
    // Same link shape as the documented one, ids aside.
    const shape = (link: string): string =>
      link
        .replace(/^.*\/api\/data\/v9\.2\//, '')
        .replace(/[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}/g, 'ID');
    expect(shape(first['@odata.nextLink'])).toBe(shape(documented['@odata.nextLink']));
    expect(pages.map((page) => (page.value as unknown[]).length)).toEqual([2, 2, 1]);
    expect(
      new Set(pages.flatMap((page) => (page.value as { contactid: string }[]).map((row) => row.contactid))).size,
    ).toBe(5);
  });
});

describe('use-change-tracking-synchronize-data-external-systems examples', () => {
  it('change_tracking_initial then change_tracking_delta, with a deleted entity', async () => {
    // Setup
    const initialDoc = referenceJson('mslearn-examples/change_tracking_initial.response.json') as {
      value: Record<string, unknown>[];
    };
    const deltaDoc = referenceJson('mslearn-examples/change_tracking_delta.response.json') as {
      value: Record<string, unknown>[];
    };
    await server.request('POST', 'accounts', { body: { name: 'Monte Orton', telephone1: '555000', fax: '10101' } });
    const doomed = await server.request('POST', 'accounts', { body: { name: 'Doomed' } });
    const doomedId = /\(([^)]+)\)/.exec(doomed.headers.get('OData-EntityId') ?? '')?.[1] ?? '';

    // Action
    const initialResponse = await server.request('GET', 'accounts?$select=name,accountnumber,telephone1,fax', {
      headers: { Prefer: 'odata.track-changes' },
    });
    const initial = (await initialResponse.json()) as { '@odata.deltaLink': string; value: Record<string, unknown>[] };
    const monte = initial.value.find((row) => row.name === 'Monte Orton') as { accountid: string };
    clock += 60_000;
    await server.request('PATCH', `accounts(${monte.accountid})`, {
      body: { telephone1: '555001' },
      headers: { 'If-Match': '*' },
    });
    await server.request('DELETE', `accounts(${doomedId})`);
    const deltaResponse = await server.request('GET', initial['@odata.deltaLink'].replace('accountnumber,', ''));
    const delta = (await deltaResponse.json()) as { '@odata.context': string; value: Record<string, unknown>[] };

    // Assertions
    expect(Object.keys(initial).sort()).toEqual(Object.keys(initialDoc).sort());
    expect(Object.keys(initial.value[0] ?? {})).toEqual(Object.keys(initialDoc.value[0] ?? {}));
    expect(initial['@odata.deltaLink']).toMatch(
      /accounts\?\$select=name,accountnumber,telephone1,fax&\$deltatoken=\d+%2101%2F05%2F2026%2010%3A00%3A00$/i,
    );
    expect(deltaResponse.status).toBe(200);
    expect(delta['@odata.context']).toBe(`${server.api}$metadata#accounts(name,telephone1,fax)/$delta`);
    expect(delta.value).toHaveLength(2);
    expect(Object.keys(delta.value[0] ?? {})).toEqual(Object.keys(deltaDoc.value[0] ?? {}));
    expect(delta.value[0]?.telephone1).toBe('555001');
    expect(Object.keys(delta.value[1] ?? {})).toEqual(Object.keys(deltaDoc.value[1] ?? {}));
    expect(delta.value[1]).toEqual({
      '@odata.context': `${server.api}$metadata#accounts/$deletedEntity`,
      id: doomedId,
      reason: 'deleted',
    });
  });
});

describe('frodata real response', () => {
  it('leads.json: a row without $select carries every column, nulls included, and the system columns', async () => {
    // Setup
    const leads = referenceJson('frodata/leads.json') as { value: Record<string, unknown>[] };
    const real = leads.value[0] ?? {};
    const system = [
      'statecode',
      'statuscode',
      'createdon',
      'modifiedon',
      '_ownerid_value',
      '_createdby_value',
      '_modifiedby_value',
      'versionnumber',
    ];
    await server.request('POST', 'contacts', { body: { firstname: 'ahah', lastname: 'tata' } });

    // Action
    const response = await server.request('GET', 'contacts');
    const row = ((await response.json()) as { value: Record<string, unknown>[] }).value[0] ?? {};

    // Assertions
    expect(Object.keys(row)[0]).toBe(Object.keys(real)[0]);
    for (const name of system) {
      expect(real, name).toHaveProperty(name);
      expect(row[name], name).not.toBeNull();
    }
    expect(row['@odata.etag']).toBe(`W/"${String(row.versionnumber)}"`);
    expect(real['@odata.etag']).toBe(`W/"${String(real.versionnumber)}"`);
    expect(row).toMatchObject({
      statecode: 0,
      statuscode: 1,
      fullname: 'ahah tata',
      description: null,
      telephone1: null,
    });
    expect(row.createdon).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});

describe('frodata real error', () => {
  it('error_resource_not_found: unknown entity set', async () => {
    // Setup
    const documented = referenceJson('frodata/error_resource_not_found.json') as {
      error: { code: string; message: string };
    };

    // Action
    const response = await server.request('GET', 'leadsss');
    const body = (await response.json()) as { error: { code: string; message: string } };

    // Assertions
    expect(response.status).toBe(404);
    expect(body.error.code).toBe(documented.error.code);
    expect(body.error.message).toBe(documented.error.message);
  });
});
