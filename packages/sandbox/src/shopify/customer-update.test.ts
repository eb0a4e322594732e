/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call --
   GraphQL results are read loosely here; the assertions check their values. */
import { describe, expect, it } from 'vitest';
import type { ShopChange } from './shop-handle';
import { run } from './testing/run';
import { testSimulator, US_SHOP } from './testing/shop-fixtures';

const FIELDS = `id email phone updatedAt defaultAddress { id address1 city provinceCode countryCodeV2 zip }
  addresses { id address1 city }`;
const CREATE = `mutation($input: CustomerInput!) { customerCreate(input: $input) { customer { ${FIELDS} } userErrors { field message } } }`;
const UPDATE = `mutation($input: CustomerInput!) { customerUpdate(input: $input) { customer { ${FIELDS} } userErrors { field message } } }`;
const SET_DEFAULT = `mutation($customerId: ID!, $addressId: ID!) {
  customerUpdateDefaultAddress(customerId: $customerId, addressId: $addressId) { customer { ${FIELDS} } userErrors { field message } } }`;

/** A shop with one customer who has a home address (the default) and a work address. */
async function customerWithTwoAddresses() {
  const { sim, clock } = testSimulator();
  const shop = sim.shops.get(US_SHOP.domain)!;
  const created = await run(shop, CREATE, {
    input: {
      email: 'ann@example.com',
      phone: '+12125550100',
      addresses: [
        { address1: '1 Home St', city: 'Albany', provinceCode: 'NY', countryCode: 'US', zip: '12207' },
        { address1: '9 Work Ave', city: 'Boston', provinceCode: 'MA', countryCode: 'US', zip: '02110' },
      ],
    },
  });
  await run(shop, CREATE, { input: { email: 'bob@example.com', phone: '+12125550199' } });
  const changes: ShopChange[] = [];
  shop.onChange((change) => changes.push(change));
  clock.advance(2000);
  return { shop, clock, changes, customer: created.customerCreate.customer };
}

describe('customerUpdate', () => {
  it('updates an address given by id in place and keeps it the default', async () => {
    // Setup
    const { shop, changes, customer } = await customerWithTwoAddresses();
    const [home, work] = customer.addresses;
    // Action
    const result = await run(shop, UPDATE, {
      input: {
        id: customer.id,
        addresses: [{ id: home.id, address1: '2 New Rd', city: 'Buffalo', zip: '14201' }, { id: work.id }],
      },
    });
    // Assertions
    const updated = result.customerUpdate.customer;
    expect(result.customerUpdate.userErrors).toEqual([]);
    expect(updated.defaultAddress).toEqual({
      id: home.id,
      address1: '2 New Rd',
      city: 'Buffalo',
      provinceCode: 'NY',
      countryCodeV2: 'US',
      zip: '14201',
    });
    expect(updated.addresses).toEqual([
      { id: home.id, address1: '2 New Rd', city: 'Buffalo' },
      { id: work.id, address1: '9 Work Ave', city: 'Boston' },
    ]);
    expect(updated.updatedAt > customer.updatedAt).toBe(true);
    expect(changes.map((change) => [change.topic, change.gid])).toEqual([['customers/update', customer.id]]);
  });

  it('adds an address without id and deletes the addresses left out; the default moves only when deleted', async () => {
    // Setup
    const { shop, customer } = await customerWithTwoAddresses();
    const [home, work] = customer.addresses;
    // Action
    const added = await run(shop, UPDATE, {
      input: {
        id: customer.id,
        addresses: [{ id: work.id }, { id: home.id }, { address1: '5 Lake Dr', city: 'Erie' }],
      },
    });
    const dropped = await run(shop, UPDATE, { input: { id: customer.id, addresses: [{ id: work.id }] } });
    // Assertions
    const afterAdd = added.customerUpdate.customer;
    expect(afterAdd.defaultAddress.id).toBe(home.id);
    expect(afterAdd.addresses.map((a: { address1: string }) => a.address1)).toEqual([
      '9 Work Ave',
      '1 Home St',
      '5 Lake Dr',
    ]);
    expect(afterAdd.addresses[2].id).not.toBe(home.id);
    const afterDrop = dropped.customerUpdate.customer;
    expect(afterDrop.addresses).toEqual([{ id: work.id, address1: '9 Work Ave', city: 'Boston' }]);
    expect(afterDrop.defaultAddress.id).toBe(work.id);
  });

  it('changes and clears email and phone, storing the phone in E.164', async () => {
    // Setup
    const { shop, customer } = await customerWithTwoAddresses();
    // Action
    const changed = await run(shop, UPDATE, {
      input: { id: customer.id, email: 'ann.lee@example.com', phone: '+1 (646) 555-0123' },
    });
    const cleared = await run(shop, UPDATE, { input: { id: customer.id, phone: null } });
    // Assertions
    expect(changed.customerUpdate.customer).toMatchObject({ email: 'ann.lee@example.com', phone: '+16465550123' });
    expect(cleared.customerUpdate.customer).toMatchObject({ email: 'ann.lee@example.com', phone: null });
  });

  it("answers userErrors for another customer's email or phone, an invalid phone, a foreign address or no identity", async () => {
    // Setup
    const { shop, changes, customer } = await customerWithTwoAddresses();
    // Action
    const taken = await run(shop, UPDATE, {
      input: { id: customer.id, email: 'BOB@example.com', phone: '+1 212 555 0199' },
    });
    const invalid = await run(shop, UPDATE, { input: { id: customer.id, phone: '555-0123' } });
    const foreign = await run(shop, UPDATE, {
      input: { id: customer.id, addresses: [{ id: 'gid://shopify/MailingAddress/999999', city: 'Nowhere' }] },
    });
    const anonymous = await run(shop, UPDATE, { input: { id: customer.id, email: null, phone: null } });
    const after = await run(shop, `query($id: ID!) { customer(id: $id) { ${FIELDS} } }`, { id: customer.id });
    // Assertions
    expect(taken.customerUpdate).toEqual({
      customer: null,
      userErrors: [
        { field: ['email'], message: 'Email has already been taken' },
        { field: ['phone'], message: 'Phone has already been taken' },
      ],
    });
    expect(invalid.customerUpdate.userErrors).toEqual([{ field: ['phone'], message: 'Phone is invalid' }]);
    expect(foreign.customerUpdate.userErrors).toEqual([
      { field: ['addresses', '0', 'id'], message: 'Address does not exist' },
    ]);
    expect(anonymous.customerUpdate.userErrors).toEqual([
      { field: null, message: 'Customer must have a name, phone number or email address' },
    ]);
    expect(after.customer).toEqual(customer);
    expect(changes).toEqual([]);
  });
});

describe('addresses with a region their country does not have', () => {
  it('answers "Province is not valid" for a new address, and for an in-place update keeping its country', async () => {
    // Setup
    const { shop, customer } = await customerWithTwoAddresses();
    const [home] = customer.addresses;
    // Action
    const added = await run(shop, UPDATE, {
      input: { id: customer.id, addresses: [{ address1: '1 Rue', countryCode: 'CA', provinceCode: 'NY' }] },
    });
    const inPlace = await run(shop, UPDATE, {
      input: { id: customer.id, addresses: [{ id: home.id, provinceCode: 'ZZ' }] },
    });
    const byName = await run(shop, UPDATE, {
      input: { id: customer.id, addresses: [{ id: home.id, countryCode: 'CA', provinceCode: 'ON', city: 'Ottawa' }] },
    });
    const created = await run(shop, CREATE, {
      input: { email: 'cy@example.com', addresses: [{ countryCode: 'US', province: 'Ohio' }] },
    });
    // Assertions
    expect(added.customerUpdate.userErrors).toEqual([
      { field: ['addresses', '0', 'province'], message: 'Province is not valid' },
    ]);
    expect(inPlace.customerUpdate.userErrors).toEqual([
      { field: ['addresses', '0', 'province'], message: 'Province is not valid' },
    ]);
    expect(byName.customerUpdate.customer.defaultAddress).toMatchObject({
      id: home.id,
      city: 'Ottawa',
      provinceCode: 'ON',
      countryCodeV2: 'CA',
    });
    expect(created.customerCreate.userErrors).toEqual([]);
    expect(created.customerCreate.customer.defaultAddress.provinceCode).toBe('OH');
  });
});

describe('customerUpdateDefaultAddress', () => {
  it("makes another of the customer's addresses the default, and refuses one that is not theirs", async () => {
    // Setup
    const { shop, changes, customer } = await customerWithTwoAddresses();
    const [home, work] = customer.addresses;
    // Action
    const moved = await run(shop, SET_DEFAULT, { customerId: customer.id, addressId: work.id });
    const refused = await run(shop, SET_DEFAULT, {
      customerId: customer.id,
      addressId: 'gid://shopify/MailingAddress/999999',
    });
    // Assertions
    expect(moved.customerUpdateDefaultAddress.customer.defaultAddress.id).toBe(work.id);
    expect(moved.customerUpdateDefaultAddress.customer.addresses.map((a: { id: string }) => a.id)).toEqual([
      home.id,
      work.id,
    ]);
    expect(refused.customerUpdateDefaultAddress).toEqual({
      customer: null,
      userErrors: [{ field: ['addressId'], message: 'Address does not exist' }],
    });
    expect(changes.map((change) => change.topic)).toEqual(['customers/update']);
  });
});
