import { describe, expect, it } from 'vitest';
import type { SimResponse } from '../../http/types';
import { createDataverseOrg, type DataverseOrg } from '../index';

/** The owner columns of user-owned rows (ownership.ts), through the org's handler without HTTP. */

const ORIGIN = 'http://127.0.0.1:4002';

async function send(org: DataverseOrg, method: string, url: string, body?: unknown): Promise<SimResponse> {
  const parsed = new URL(`${ORIGIN}/api/data/v9.2/${url}`);
  return org.handle({
    method,
    path: parsed.pathname,
    query: parsed.searchParams,
    headers: { prefer: 'return=representation' },
    body: body === undefined ? '' : JSON.stringify(body),
    origin: ORIGIN,
  });
}

async function json(response: Promise<SimResponse>): Promise<Record<string, unknown>> {
  const answer = await response;
  return JSON.parse(answer.body) as Record<string, unknown>;
}

function seededOrg(): DataverseOrg {
  return createDataverseOrg({
    name: ORIGIN,
    seed: {
      organizationName: 'Contoso',
      businessUnits: [
        {
          name: 'Wholesale',
          teams: ['Wholesale Sales'],
          users: [{ firstName: 'Ada', lastName: 'Byrne', email: 'ada@contoso.test' }],
        },
      ],
    },
  });
}

function ids(org: DataverseOrg): { root: string; wholesale: string; team: string; ada: string; app: string } {
  const seeded = org.seeded;
  if (!seeded) throw new Error('org not seeded');
  return {
    root: seeded.rootBusinessUnitId,
    wholesale: seeded.businessUnitIds.Wholesale ?? '',
    team: seeded.teamIds['Wholesale Sales'] ?? '',
    ada: seeded.userIds['ada@contoso.test'] ?? '',
    app: seeded.applicationUserId,
  };
}

describe('owner of a new row', () => {
  it('is the caller in the root business unit when the request names none', async () => {
    // Setup
    const org = seededOrg();
    const { root, app } = ids(org);

    // Action
    const contact = await json(send(org, 'POST', 'contacts', { lastname: 'Plain' }));

    // Assertions
    expect(contact).toMatchObject({
      _ownerid_value: app,
      _owninguser_value: app,
      _owningteam_value: null,
      _owningbusinessunit_value: root,
    });
  });

  it('is the bound team, with the team business unit, or the bound user with hers', async () => {
    // Setup
    const org = seededOrg();
    const { wholesale, team, ada } = ids(org);

    // Action
    const byTeam = await json(send(org, 'POST', 'accounts', { name: 'T', 'ownerid@odata.bind': `/teams(${team})` }));
    const byUser = await json(
      send(org, 'POST', 'contacts', { lastname: 'U', 'ownerid@odata.bind': `/systemusers(${ada})` }),
    );

    // Assertions
    expect(byTeam).toMatchObject({
      _ownerid_value: team,
      _owningteam_value: team,
      _owninguser_value: null,
      _owningbusinessunit_value: wholesale,
    });
    expect(byUser).toMatchObject({ _ownerid_value: ada, _owninguser_value: ada, _owningbusinessunit_value: wholesale });
  });

  it('keeps an explicit owningbusinessunit apart from the owner (ownership across business units)', async () => {
    // Setup
    const org = seededOrg();
    const { root, team } = ids(org);

    // Action
    const contact = await json(
      send(org, 'POST', 'contacts', {
        lastname: 'Across',
        'ownerid@odata.bind': `/teams(${team})`,
        'owningbusinessunit@odata.bind': `/businessunits(${root})`,
      }),
    );

    // Assertions
    expect(contact).toMatchObject({ _ownerid_value: team, _owningbusinessunit_value: root });
  });

  it('refuses an owner of another table, and the read-only owninguser column', async () => {
    // Setup
    const org = seededOrg();
    const { root, ada } = ids(org);

    // Action
    const wrongTable = await send(org, 'POST', 'contacts', {
      lastname: 'W',
      'ownerid@odata.bind': `/businessunits(${root})`,
    });
    const readOnly = await send(org, 'POST', 'contacts', {
      lastname: 'R',
      'owninguser@odata.bind': `/systemusers(${ada})`,
    });

    // Assertions
    expect(wrongTable.status).toBe(400);
    expect(readOnly.status).toBe(400);
    expect(JSON.parse(readOnly.body)).toMatchObject({ error: { code: '0x80040203' } });
  });

  it('lets order lines follow their order, also when the order is reassigned', async () => {
    // Setup
    const org = seededOrg();
    const { wholesale, team, ada } = ids(org);
    const customer = await json(send(org, 'POST', 'contacts', { lastname: 'Buyer' }));
    const order = await json(
      send(org, 'POST', 'salesorders', {
        name: 'SO',
        'customerid_contact@odata.bind': `/contacts(${String(customer.contactid)})`,
        'ownerid@odata.bind': `/teams(${team})`,
      }),
    );
    const orderId = String(order.salesorderid);
    const line = await json(
      send(org, 'POST', 'salesorderdetails', {
        'salesorderid@odata.bind': `/salesorders(${orderId})`,
        isproductoverridden: true,
        productdescription: 'Gift wrap',
        quantity: 1,
        priceperunit: 2,
      }),
    );

    // Action
    await send(org, 'PATCH', `salesorders(${orderId})`, { 'ownerid@odata.bind': `/systemusers(${ada})` });
    const after = await json(send(org, 'GET', `salesorderdetails(${String(line.salesorderdetailid)})`));

    // Assertions
    expect(line).toMatchObject({ _ownerid_value: team, _owningbusinessunit_value: wholesale });
    expect(after).toMatchObject({ _ownerid_value: ada, _owninguser_value: ada, _owningteam_value: null });
  });

  it('stays as it is when an update resends the same owner (an upsert that finds the row)', async () => {
    // Setup
    const org = seededOrg();
    const { root, team } = ids(org);
    const created = await json(
      send(org, 'POST', 'contacts', {
        lastname: 'Kept',
        'ownerid@odata.bind': `/teams(${team})`,
        'owningbusinessunit@odata.bind': `/businessunits(${root})`,
      }),
    );

    // Action
    const updated = await json(
      send(org, 'PATCH', `contacts(${String(created.contactid)})`, { 'ownerid@odata.bind': `/teams(${team})` }),
    );

    // Assertions
    expect(updated).toMatchObject({ _ownerid_value: team, _owningbusinessunit_value: root });
  });

  it('is the caller without a business unit in an org seeded with nothing', async () => {
    // Setup
    const org = createDataverseOrg({ name: ORIGIN, seed: false });

    // Action
    const contact = await json(send(org, 'POST', 'contacts', { lastname: 'Bare' }));

    // Assertions
    expect(contact._ownerid_value).toEqual(expect.any(String));
    expect(contact._owningbusinessunit_value).toBeNull();
  });
});
