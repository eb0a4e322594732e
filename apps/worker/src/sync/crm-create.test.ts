import { describe, expect, it } from 'vitest';
import { checkCreate, newCustomerOf } from './crm-create';

const since = new Date('2026-11-27T12:00:00Z');
const fresh = {
  statecode: 0,
  createdon: '2026-11-27T12:00:00Z',
  emailaddress1: 'new.lead@example.com',
  telephone1: null,
  sv_shopifyid: null,
};

describe('checkCreate', () => {
  it('takes an active contact created since the baseline, with an email, that our sync did not write', () => {
    // Action
    const check = checkCreate(fresh, { prefix: 'sv', since });
    // Assertions
    expect(check).toEqual({ kind: 'create' });
  });

  it.each([
    ['one our sync wrote', { sv_shopifyid: 'us_123' }, /sv_shopifyid/],
    ['an inactive one', { statecode: 1 }, /inactive/],
    ['one without email or phone', { emailaddress1: '  ', telephone1: null }, /neither an email nor a phone/],
    ['one created before the baseline', { createdon: '2026-11-27T11:59:59Z' }, /created before/],
    ['one without a creation time', { createdon: null }, /created before/],
  ])('leaves out %s', (_, change, reason) => {
    // Action
    const check = checkCreate({ ...fresh, ...change }, { prefix: 'sv', since });
    // Assertions
    expect(check.kind).toBe('skip');
    expect(check.kind === 'skip' ? check.reason : '').toMatch(reason);
  });

  it('takes a contact with only a phone, and ignores the creation time when no baseline is given', () => {
    // Action
    const check = checkCreate(
      { ...fresh, emailaddress1: null, telephone1: '+12125550142', createdon: '2020-01-01T00:00:00Z' },
      { prefix: 'sv', since: null },
    );
    // Assertions
    expect(check).toEqual({ kind: 'create' });
  });
});

describe('newCustomerOf', () => {
  it("names the customer and its default address from the contact's columns", () => {
    // Action
    const customer = newCustomerOf({
      firstname: 'Ann',
      lastname: ' Lee ',
      emailaddress1: 'ann@example.com',
      telephone1: '',
      address1_line1: '1 Main St',
      address1_city: 'Albany',
      address1_stateorprovince: 'NY',
      address1_postalcode: '12207',
      address1_country: 'United States',
    });
    // Assertions
    expect(customer).toEqual({
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'ann@example.com',
      phone: null,
      address: {
        address1: '1 Main St',
        address2: null,
        city: 'Albany',
        province: 'NY',
        zip: '12207',
        country: 'United States',
        countryCode: 'US',
        firstName: 'Ann',
        lastName: 'Lee',
      },
    });
  });

  it('gives no address to a contact whose address columns are empty', () => {
    // Action
    const customer = newCustomerOf({ firstname: 'Bo', emailaddress1: 'bo@example.com', address1_country: '' });
    // Assertions
    expect(customer.address).toBeNull();
  });
});
