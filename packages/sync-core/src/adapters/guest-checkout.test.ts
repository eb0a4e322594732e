import { describe, expect, it } from 'vitest';
import type { ShopifyAddress } from '../models/address';
import { guestCustomer } from './guest-checkout';

const address: ShopifyAddress = {
  firstName: 'Ada',
  lastName: 'Byron',
  company: null,
  address1: '1 Main St',
  address2: null,
  city: 'Boston',
  province: 'Massachusetts',
  provinceCode: 'MA',
  zip: '02101',
  country: 'United States',
  countryCode: 'US',
  phone: '+16175550100',
};
const order = {
  email: ' Ada@Example.com ',
  phone: null,
  billingAddress: address,
  shippingAddress: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};

describe('guestCustomer', () => {
  it('makes the buyer a customer identified by the normalised email', () => {
    const guest = guestCustomer(order);
    expect(guest).toMatchObject({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Byron',
      phone: '+16175550100',
      defaultAddress: address,
      updatedAt: '2026-01-02T00:00:00.000Z',
    });
    expect(guest?.gid).toMatch(/^gid:\/\/shopify\/GuestCheckout\/[0-9a-f]{20}$/);
    expect(guest?.legacyId).toMatch(/^guest_[0-9a-f]{20}$/);
  });

  it('gives every order of one email the same identity, and different emails different ones', () => {
    const again = guestCustomer({ ...order, email: 'ada@example.com', billingAddress: null, shippingAddress: address });
    expect(again?.gid).toBe(guestCustomer(order)?.gid);
    expect(guestCustomer({ ...order, email: 'bob@example.com' })?.gid).not.toBe(again?.gid);
  });

  it('cannot identify a buyer without a usable email', () => {
    expect(guestCustomer({ ...order, email: null })).toBeNull();
    expect(guestCustomer({ ...order, email: 'not an address' })).toBeNull();
  });
});
