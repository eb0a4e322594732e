import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOrgServer, type OrgServer } from './testing/org-server';

/**
 * Several stores writing into one org (issue 11): the console lists the org's business units, teams, users and price
 * lists and checks ids; the worker creates rows owned by a store's team or user. Over real HTTP, with the queries
 * those two send.
 */

let server: OrgServer;

beforeEach(async () => {
  server = await startOrgServer({
    seed: {
      organizationName: 'Contoso',
      applicationId: '6f1c2d3e-0000-4000-8000-000000000001',
      currencies: [
        { isoCode: 'USD', name: 'US Dollar', symbol: '$' },
        { isoCode: 'CAD', name: 'Canadian Dollar', symbol: 'CA$', exchangeRate: '1.36' },
      ],
      businessUnits: [
        {
          name: 'Wholesale',
          teams: ['Wholesale Sales'],
          users: [{ firstName: 'Ada', lastName: 'Byrne', email: 'ada@contoso.test' }],
        },
        { name: 'Europe' },
      ],
      priceLists: [{ name: 'Wholesale CAD', currency: 'CAD' }],
    },
  });
});

afterEach(async () => {
  await server.close();
});

async function get(path: string): Promise<Record<string, unknown>> {
  const response = await server.request('GET', path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

async function rows(path: string): Promise<Record<string, unknown>[]> {
  return (await get(path)).value as Record<string, unknown>[];
}

function seeded() {
  const value = server.org.seeded;
  if (!value) throw new Error('org not seeded');
  return value;
}

describe('the security tables the console lists', () => {
  it('business units: the root named after the org, children under it', async () => {
    // Action
    const units = await rows('businessunits?$select=businessunitid,name,_parentbusinessunitid_value');

    // Assertions
    const root = seeded().rootBusinessUnitId;
    expect(units.map((unit) => [unit.name, unit._parentbusinessunitid_value])).toEqual([
      ['Contoso', null],
      ['Wholesale', root],
      ['Europe', root],
    ]);
  });

  it('teams: each unit has its default owner team of its name, plus the named owner teams', async () => {
    // Action
    const teams = await rows('teams?$select=teamid,name,_businessunitid_value,teamtype,isdefault');
    const wholesale = seeded().businessUnitIds.Wholesale;

    // Assertions
    expect(teams.map((team) => [team.name, team.teamtype, team.isdefault])).toEqual([
      ['Contoso', 0, true],
      ['Wholesale', 0, true],
      ['Wholesale Sales', 0, false],
      ['Europe', 0, true],
    ]);
    expect(teams.find((team) => team.name === 'Wholesale Sales')?._businessunitid_value).toBe(wholesale);
  });

  it('users: the application user the sync signs in as, and the seeded people', async () => {
    // Action
    const users = await rows(
      'systemusers?$select=systemuserid,fullname,domainname,isdisabled,_businessunitid_value,accessmode,applicationid',
    );
    const people = await rows(`systemusers?$select=fullname&$filter=applicationid eq null`);

    // Assertions
    expect(users[0]).toMatchObject({
      systemuserid: seeded().applicationUserId,
      fullname: '# Shopverse sync',
      accessmode: 4,
      applicationid: '6f1c2d3e-0000-4000-8000-000000000001',
      isdisabled: false,
      _businessunitid_value: seeded().rootBusinessUnitId,
    });
    expect(users[1]).toMatchObject({
      fullname: 'Ada Byrne',
      domainname: 'ada@contoso.test',
      accessmode: 0,
      _businessunitid_value: seeded().businessUnitIds.Wholesale,
    });
    expect(people.map((user) => user.fullname)).toEqual(['Ada Byrne']);
  });

  it('price lists: one per currency and the named ones, each in its currency', async () => {
    // Action
    const lists = await rows('pricelevels?$select=pricelevelid,name,_transactioncurrencyid_value');

    // Assertions
    expect(lists.map((list) => [list.name, list._transactioncurrencyid_value])).toEqual([
      ['USD Price List', seeded().currencyIds.USD],
      ['CAD Price List', seeded().currencyIds.CAD],
      ['Wholesale CAD', seeded().currencyIds.CAD],
    ]);
    expect(seeded().priceListIds['Wholesale CAD']).toBe(lists[2]?.pricelevelid);
  });

  it('WhoAmI names the application user, its business unit and the org', async () => {
    // Action
    const me = await get('WhoAmI');

    // Assertions
    expect(me).toMatchObject({
      '@odata.context': `${server.api}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
      BusinessUnitId: seeded().rootBusinessUnitId,
      UserId: seeded().applicationUserId,
    });
    expect(typeof me.OrganizationId).toBe('string');
  });

  it('an id the console checks exists, and one that does not is 404 ObjectDoesNotExist', async () => {
    // Setup
    const missing = '00000000-0000-4000-8000-00000000dead';

    // Action
    const team = await server.request('GET', `teams(${seeded().teamIds['Wholesale Sales'] ?? ''})?$select=name`);
    const none = await server.request('GET', `teams(${missing})`);

    // Assertions
    expect(team.status).toBe(200);
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual({
      error: { code: '0x80040217', message: `team With Id = ${missing} Does Not Exist` },
    });
  });
});

describe('rows owned by a store team or user', () => {
  it('a contact created with a team owner reads back the team, its business unit and owningteam', async () => {
    // Setup
    const team = seeded().teamIds['Wholesale Sales'] ?? '';

    // Action
    const created = await server.request('POST', 'contacts', {
      body: { lastname: 'Owned', 'ownerid@odata.bind': `/teams(${team})` },
    });
    const contact = await get(
      `${created.headers.get('OData-EntityId') ?? ''}?$select=_ownerid_value,_owningbusinessunit_value,_owningteam_value,_owninguser_value`,
    );
    const annotated = await server.request(
      'GET',
      `${created.headers.get('OData-EntityId') ?? ''}?$select=_ownerid_value`,
      {
        headers: { Prefer: 'odata.include-annotations="*"' },
      },
    );

    // Assertions
    expect(created.status).toBe(204);
    expect(contact).toMatchObject({
      _ownerid_value: team,
      _owningbusinessunit_value: seeded().businessUnitIds.Wholesale,
      _owningteam_value: team,
      _owninguser_value: null,
    });
    expect(await annotated.json()).toMatchObject({
      '_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname': 'team',
      '_ownerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty': 'ownerid',
      '_ownerid_value@OData.Community.Display.V1.FormattedValue': 'Wholesale Sales',
    });
  });

  it('a team id that does not exist is refused as a missing record, and nothing is created', async () => {
    // Setup
    const missing = '00000000-0000-4000-8000-00000000beef';

    // Action
    const response = await server.request('POST', 'contacts', {
      body: { lastname: 'Orphan', 'ownerid@odata.bind': `/teams(${missing})` },
    });

    // Assertions
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: '0x80040217', message: `team With Id = ${missing} Does Not Exist` },
    });
    expect(server.org.count('contact')).toBe(0);
  });

  it('a disabled user cannot own rows', async () => {
    // Setup
    const ada = seeded().userIds['ada@contoso.test'] ?? '';
    const disable = await server.request('PATCH', `systemusers(${ada})`, { body: { isdisabled: true } });

    // Action
    const response = await server.request('POST', 'accounts', {
      body: { name: 'Refused', 'ownerid@odata.bind': `/systemusers(${ada})` },
    });

    // Assertions
    expect(disable.status).toBe(204);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: '0x8004022b', message: 'The specified owner has been disabled.' },
    });
    expect(server.org.count('account')).toBe(0);
  });

  it('an access team cannot own rows', async () => {
    // Setup
    const created = await server.request('POST', 'teams', {
      body: {
        name: 'Deal room',
        teamtype: 1,
        'businessunitid@odata.bind': `/businessunits(${seeded().rootBusinessUnitId})`,
        'administratorid@odata.bind': `/systemusers(${seeded().applicationUserId})`,
      },
    });

    // Action
    const response = await server.request('POST', 'contacts', {
      body: { lastname: 'Shared', 'ownerid@odata.bind': created.headers.get('OData-EntityId') ?? '' },
    });

    // Assertions
    expect(created.status).toBe(204);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: '0x80048340',
        message: 'You cannot assign a record to the access team. You can assign a record to the owner team.',
      },
    });
  });

  it('an update that binds another owner reassigns the row; its business unit follows unless given', async () => {
    // Setup
    const team = seeded().teamIds['Wholesale Sales'] ?? '';
    const europeTeam = seeded().teamIds.Europe ?? '';
    const created = await server.request('POST', 'accounts', {
      body: { name: 'Moving', 'ownerid@odata.bind': `/teams(${team})` },
    });
    const url = created.headers.get('OData-EntityId') ?? '';
    const select = '?$select=_ownerid_value,_owningbusinessunit_value,_owningteam_value,_owninguser_value';

    // Action
    await server.request('PATCH', url, {
      body: { 'ownerid@odata.bind': `/systemusers(${seeded().applicationUserId})` },
    });
    const toUser = await get(`${url}${select}`);
    await server.request('PATCH', url, {
      body: {
        'ownerid@odata.bind': `/teams(${europeTeam})`,
        'owningbusinessunit@odata.bind': `/businessunits(${seeded().businessUnitIds.Wholesale ?? ''})`,
      },
    });
    const toTeamElsewhere = await get(`${url}${select}`);

    // Assertions
    expect(toUser).toMatchObject({
      _ownerid_value: seeded().applicationUserId,
      _owninguser_value: seeded().applicationUserId,
      _owningteam_value: null,
      _owningbusinessunit_value: seeded().rootBusinessUnitId,
    });
    expect(toTeamElsewhere).toMatchObject({
      _ownerid_value: europeTeam,
      _owningteam_value: europeTeam,
      _owninguser_value: null,
      _owningbusinessunit_value: seeded().businessUnitIds.Wholesale,
    });
  });

  it('a custom table created UserOwned has owners too, filterable by _ownerid_value', async () => {
    // Setup
    const team = seeded().teamIds['Wholesale Sales'] ?? '';
    const table = await server.request('POST', 'EntityDefinitions', {
      body: {
        '@odata.type': 'Microsoft.Dynamics.CRM.EntityMetadata',
        SchemaName: 'sv_order',
        OwnershipType: 'UserOwned',
        Attributes: [
          {
            '@odata.type': 'Microsoft.Dynamics.CRM.StringAttributeMetadata',
            SchemaName: 'sv_name',
            MaxLength: 100,
            IsPrimaryName: true,
          },
        ],
      },
    });

    // Action
    await server.request('POST', 'sv_orders', { body: { sv_name: 'mine', 'ownerid@odata.bind': `/teams(${team})` } });
    await server.request('POST', 'sv_orders', { body: { sv_name: 'theirs' } });
    const owned = await rows(`sv_orders?$select=sv_name,_owningbusinessunit_value&$filter=_ownerid_value eq ${team}`);

    // Assertions
    expect(table.status).toBe(204);
    expect(owned).toEqual([
      expect.objectContaining({ sv_name: 'mine', _owningbusinessunit_value: seeded().businessUnitIds.Wholesale }),
    ]);
  });
});
