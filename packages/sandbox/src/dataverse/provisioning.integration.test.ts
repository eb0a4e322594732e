import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOrgServer, type OrgServer } from './testing/org-server';

/**
 * What the sync's provisioning does (DESIGN.md, "Identity and keys"): a `sv_shopifyid` column and an alternate key
 * over it through the metadata API, then upserts by that key; also lookups through RelationshipDefinitions and the
 * bulk messages.
 */

let clock = Date.parse('2026-02-01T08:00:00Z');
let server: OrgServer;

beforeEach(async () => {
  clock = Date.parse('2026-02-01T08:00:00Z');
  server = await startOrgServer({ now: () => new Date(clock), keyActivationMs: 3000 });
});

afterEach(async () => {
  await server.close();
});

async function provisionContactKey(): Promise<void> {
  const column = await server.request('POST', "EntityDefinitions(LogicalName='contact')/Attributes", {
    body: {
      '@odata.type': 'Microsoft.Dynamics.CRM.StringAttributeMetadata',
      SchemaName: 'sv_ShopifyId',
      MaxLength: 100,
      RequiredLevel: { Value: 'None' },
    },
  });
  expect(column.status).toBe(204);
  const key = await server.request('POST', "EntityDefinitions(LogicalName='contact')/Keys", {
    body: { SchemaName: 'sv_shopifyid_key', KeyAttributes: ['sv_shopifyid'] },
  });
  expect(key.status).toBe(204);
}

async function keyStatus(): Promise<unknown> {
  const keys = (await (await server.request('GET', "EntityDefinitions(LogicalName='contact')/Keys")).json()) as {
    value: { EntityKeyIndexStatus: string }[];
  };
  return keys.value.map((key) => key.EntityKeyIndexStatus);
}

describe('provisioning through the metadata API', () => {
  it('a new string column shows in Attributes with its length, and its key goes Pending -> Active', async () => {
    // Setup
    await provisionContactKey();

    // Action
    const attribute = (await (
      await server.request('GET', "EntityDefinitions(LogicalName='contact')/Attributes(LogicalName='sv_shopifyid')")
    ).json()) as Record<string, unknown>;
    const before = await keyStatus();
    const upsertWhilePending = await server.request('PATCH', "contacts(sv_shopifyid='us_1')", {
      body: { lastname: 'Early' },
    });
    clock += 3000;
    const after = await keyStatus();

    // Assertions
    expect(attribute).toMatchObject({
      LogicalName: 'sv_shopifyid',
      SchemaName: 'sv_ShopifyId',
      AttributeType: 'String',
      MaxLength: 100,
      IsCustomAttribute: true,
    });
    expect(before).toEqual(['Pending']);
    expect(upsertWhilePending.status).toBe(400);
    expect(after).toEqual(['Active']);
  });

  it('upserting the same alternate key twice leaves one row with the second values', async () => {
    // Setup
    await provisionContactKey();
    clock += 3000;

    // Action
    const first = await server.request('PATCH', "contacts(sv_shopifyid='us_42')", {
      body: { firstname: 'Grace', lastname: 'Hopper' },
    });
    const second = await server.request('PATCH', "contacts(sv_shopifyid='us_42')", {
      body: { firstname: 'Grace', lastname: 'Murray Hopper' },
    });
    const rows = (await (
      await server.request('GET', "contacts?$select=fullname,sv_shopifyid&$filter=sv_shopifyid eq 'us_42'")
    ).json()) as { value: Record<string, unknown>[] };
    const createOnly = await server.request('PATCH', "contacts(sv_shopifyid='us_42')", {
      body: { lastname: 'x' },
      headers: { 'If-None-Match': '*' },
    });
    const duplicate = await server.request('POST', 'contacts', { body: { lastname: 'Other', sv_shopifyid: 'us_42' } });

    // Assertions
    expect(first.status).toBe(204);
    expect(second.status).toBe(204);
    expect(first.headers.get('OData-EntityId')).toBe(`${server.api}contacts(sv_shopifyid='us_42')`);
    expect(rows.value).toHaveLength(1);
    expect(rows.value[0]).toMatchObject({ fullname: 'Grace Murray Hopper', sv_shopifyid: 'us_42' });
    expect(createOnly.status).toBe(412);
    expect(duplicate.status).toBe(412);
    expect(server.org.count('contact')).toBe(1);
  });

  it('a lookup column created through RelationshipDefinitions binds and reads back as _x_value', async () => {
    // Setup
    const relationship = await server.request('POST', 'RelationshipDefinitions', {
      body: {
        '@odata.type': 'Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata',
        SchemaName: 'sv_account_annotation_source',
        ReferencedEntity: 'account',
        ReferencingEntity: 'annotation',
        Lookup: { '@odata.type': 'Microsoft.Dynamics.CRM.LookupAttributeMetadata', SchemaName: 'sv_SourceAccountId' },
      },
    });
    const account = await server.request('POST', 'accounts', { body: { name: 'Contoso' } });

    // Action
    const note = await server.request('POST', 'annotations?$select=subject,_sv_sourceaccountid_value', {
      body: { subject: 'Refund issued', 'sv_SourceAccountId@odata.bind': account.headers.get('OData-EntityId') },
      headers: { Prefer: 'return=representation,odata.include-annotations="Microsoft.Dynamics.CRM.lookuplogicalname"' },
    });
    const body = (await note.json()) as Record<string, unknown>;

    // Assertions
    expect(relationship.status).toBe(204);
    expect(note.status).toBe(201);
    expect(body._sv_sourceaccountid_value).toBe(/\(([^)]+)\)/.exec(account.headers.get('OData-EntityId') ?? '')?.[1]);
    expect(body['_sv_sourceaccountid_value@Microsoft.Dynamics.CRM.lookuplogicalname']).toBe('account');
  });

  it('metadata collections honour $filter and $select, as idempotent provisioning reads them', async () => {
    // Setup
    const path =
      "EntityDefinitions(LogicalName='contact')/Attributes?$select=LogicalName&$filter=LogicalName eq 'sv_shopifyid'";
    const before = (await (await server.request('GET', path)).json()) as { value: unknown[] };

    // Action
    await provisionContactKey();
    const after = (await (await server.request('GET', path)).json()) as { value: Record<string, unknown>[] };
    const tables = (await (
      await server.request(
        'GET',
        "EntityDefinitions?$select=LogicalName,EntitySetName&$filter=LogicalName eq 'salesorder'",
      )
    ).json()) as {
      value: Record<string, unknown>[];
    };

    // Assertions
    expect(before.value).toEqual([]);
    expect(after.value).toHaveLength(1);
    expect(Object.keys(after.value[0] ?? {}).sort()).toEqual(['@odata.type', 'LogicalName', 'MetadataId']);
    expect(tables.value).toEqual([
      expect.objectContaining({ LogicalName: 'salesorder', EntitySetName: 'salesorders' }),
    ]);
  });

  it('a key over columns with duplicate values fails to build; a key on an unsupported column type is refused', async () => {
    // Setup
    await server.request('POST', 'contacts', { body: { lastname: 'One', emailaddress1: 'same@example.com' } });
    await server.request('POST', 'contacts', { body: { lastname: 'Two', emailaddress1: 'SAME@example.com' } });

    // Action
    const created = await server.request('POST', "EntityDefinitions(LogicalName='contact')/Keys", {
      body: { SchemaName: 'sv_email_key', KeyAttributes: ['emailaddress1'] },
    });
    clock += 3000;
    const status = await keyStatus();
    const onBoolean = await server.request('POST', "EntityDefinitions(LogicalName='contact')/Keys", {
      body: { SchemaName: 'sv_flag_key', KeyAttributes: ['donotemail'] },
    });

    // Assertions
    expect(created.status).toBe(204);
    expect(status).toEqual(['Failed']);
    expect(onBoolean.status).toBe(400);
  });

  it('schema names without a publisher prefix are refused', async () => {
    // Setup
    const body = {
      '@odata.type': 'Microsoft.Dynamics.CRM.StringAttributeMetadata',
      SchemaName: 'ShopifyId',
      MaxLength: 100,
    };

    // Action
    const response = await server.request('POST', "EntityDefinitions(LogicalName='contact')/Attributes", { body });

    // Assertions
    expect(response.status).toBe(400);
  });
});

describe('bulk operation messages', () => {
  it('UpsertMultiple matches by alternate key and is all or nothing', async () => {
    // Setup
    await provisionContactKey();
    clock += 3000;
    await server.request('PATCH', "contacts(sv_shopifyid='us_1')", { body: { lastname: 'One' } });
    const target = (id: string, lastname: string): Record<string, unknown> => ({
      '@odata.type': 'Microsoft.Dynamics.CRM.contact',
      sv_shopifyid: id,
      lastname,
    });

    // Action
    const failing = await server.request('POST', 'contacts/Microsoft.Dynamics.CRM.UpsertMultiple', {
      body: { Targets: [target('us_1', 'Uno'), target('us_2', 'Two'), target('us_3', 'x'.repeat(51))] },
    });
    const afterFailure = server.org.count('contact');
    const passing = await server.request('POST', 'contacts/Microsoft.Dynamics.CRM.UpsertMultiple', {
      body: { Targets: [target('us_1', 'Uno'), target('us_2', 'Two')] },
    });
    const passingBody = (await passing.json()) as { Ids: string[] };
    const names = (await (await server.request('GET', 'contacts?$select=lastname&$orderby=lastname')).json()) as {
      value: { lastname: string }[];
    };

    // Assertions
    expect(failing.status).toBe(400);
    expect(((await failing.json()) as { error: { code: string } }).error.code).toBe('0x80044331');
    expect(afterFailure).toBe(1);
    expect(passing.status).toBe(200);
    expect(passingBody.Ids).toHaveLength(2);
    expect(names.value.map((row) => row.lastname)).toEqual(['Two', 'Uno']);
  });

  it('CreateMultiple answers the new ids; UpdateMultiple 204', async () => {
    // Setup
    const targets = ['A', 'B', 'C'].map((name) => ({ '@odata.type': 'Microsoft.Dynamics.CRM.account', name }));

    // Action
    const created = await server.request('POST', 'accounts/Microsoft.Dynamics.CRM.CreateMultiple', {
      body: { Targets: targets },
    });
    const { Ids } = (await created.json()) as { Ids: string[] };
    const updated = await server.request('POST', 'accounts/Microsoft.Dynamics.CRM.UpdateMultiple', {
      body: {
        Targets: Ids.map((accountid) => ({
          '@odata.type': 'Microsoft.Dynamics.CRM.account',
          accountid,
          telephone1: '555',
        })),
      },
    });
    const phones = (await (await server.request('GET', "accounts?$filter=telephone1 eq '555'&$count=true")).json()) as {
      '@odata.count': number;
    };

    // Assertions
    expect(created.status).toBe(200);
    expect(Ids).toHaveLength(3);
    expect(updated.status).toBe(204);
    expect(phones['@odata.count']).toBe(3);
  });
});

describe('atomically', () => {
  it('undoes every write of a unit that does not commit, and keeps those of one that does', async () => {
    // Setup
    const request = (body: unknown) => ({
      method: 'POST',
      path: '/api/data/v9.2/accounts',
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      origin: server.server.url,
    });

    // Action
    const undone = await server.org.atomically(async (handle) => {
      const first = await handle(request({ name: 'Kept?' }));
      const second = await handle(request({ name: 'x'.repeat(161) }));
      return { commit: second.status < 400, value: [first.status, second.status] };
    });
    const afterUndo = server.org.count('account');
    const kept = await server.org.atomically(async (handle) => {
      const first = await handle(request({ name: 'Kept' }));
      return { commit: true, value: first.status };
    });

    // Assertions
    expect(undone).toEqual([204, 400]);
    expect(afterUndo).toBe(0);
    expect(kept).toBe(204);
    expect(server.org.count('account')).toBe(1);
  });
});
