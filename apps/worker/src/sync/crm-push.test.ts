import { describe, expect, it } from 'vitest';
import { changesFrom } from './crm-push';

const GID = 'gid://shopify/Customer/1001';

describe('changesFrom', () => {
  it('sends only the fields asked for, cleared when the CRM column is empty', () => {
    // Arrange
    const row = { emailaddress1: ' ann@example.com ', telephone1: '', address1_city: 'Paris' };
    // Act
    const changes = changesFrom(GID, ['email', 'phone'], row);
    // Assertions
    expect(changes).toEqual({ customerGid: GID, email: 'ann@example.com', phone: null, phoneCountry: null });
  });

  it("sends the contact's address country with a phone, to read a number typed without its country code", () => {
    // Arrange
    const row = { telephone1: '(416) 555-0123', address1_country: 'Canada' };
    // Act and assertions
    expect(changesFrom(GID, ['phone'], row)).toEqual({
      customerGid: GID,
      phone: '(416) 555-0123',
      phoneCountry: 'Canada',
    });
  });

  it('sends the default address from the address1 columns, country as its code', () => {
    // Arrange
    const row = {
      address1_line1: '2 Rue de Rivoli',
      address1_line2: 'Bât. B',
      address1_line3: null,
      address1_city: 'Paris',
      address1_stateorprovince: null,
      address1_postalcode: '75001',
      address1_country: 'France',
    };
    // Act
    const changes = changesFrom(GID, ['address'], row);
    // Assertions
    expect(changes.address).toMatchObject({
      address1: '2 Rue de Rivoli',
      address2: 'Bât. B',
      city: 'Paris',
      zip: '75001',
      countryCode: 'FR',
    });
    expect(changes).not.toHaveProperty('email');
  });
});
