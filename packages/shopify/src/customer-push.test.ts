import { describe, expect, it } from 'vitest';
import { addressFromCrmColumns } from './customer-push';

describe('addressFromCrmColumns', () => {
  it("reads a contact's address1 columns, with the country name as its ISO code and lines 2 and 3 joined", () => {
    // Setup
    const row = {
      firstname: 'Ann',
      lastname: 'Lee',
      address1_line1: ' 200 King St W ',
      address1_line2: 'Suite 4',
      address1_line3: 'Floor 2',
      address1_city: 'Toronto',
      address1_stateorprovince: 'Ontario',
      address1_postalcode: 'M5H 3T4',
      address1_country: 'Canada',
      address1_telephone1: '(416) 555-0123',
    };
    // Action
    const address = addressFromCrmColumns(row);
    // Assertions
    expect(address).toEqual({
      address1: '200 King St W',
      address2: 'Suite 4, Floor 2',
      city: 'Toronto',
      province: 'Ontario',
      zip: 'M5H 3T4',
      country: 'Canada',
      countryCode: 'CA',
      phone: '(416) 555-0123',
      firstName: 'Ann',
      lastName: 'Lee',
    });
  });

  it('leaves out the columns the row lacks and clears the empty ones, under another prefix', () => {
    // Setup: a change set holding only the columns that changed, two of them emptied.
    const row = { address2_city: 'Lyon', address2_line2: '', address2_country: '', address2_postalcode: null };
    // Action
    const address = addressFromCrmColumns(row, 'address2');
    // Assertions
    expect(address).toEqual({ address2: null, city: 'Lyon', zip: null, country: null, countryCode: null });
  });

  it('takes a country the CRM holds as an ISO code, and keeps an unreadable one by name only', () => {
    // Action
    const coded = addressFromCrmColumns({ address1_country: 'de' });
    const unknown = addressFromCrmColumns({ address1_country: 'Atlantis' });
    // Assertions
    expect(coded).toEqual({ country: 'de', countryCode: 'DE' });
    expect(unknown).toEqual({ country: 'Atlantis', countryCode: null });
  });
});
