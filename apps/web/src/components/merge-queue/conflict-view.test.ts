import { describe, expect, it } from 'vitest';
import { conflictFieldLabel, conflictValueText, fieldsText, keepQuestion, keptText } from './conflict-view';

describe('conflictValueText', () => {
  it('reads the email and the phone from their contact columns', () => {
    // Assertions
    expect(conflictValueText('EMAIL', { emailaddress1: ' ada@example.com ' })).toBe('ada@example.com');
    expect(conflictValueText('PHONE', { telephone1: '+447700900123' })).toBe('+447700900123');
  });

  it('reads the default address from the address1 columns, in the order people write it', () => {
    // Action
    const line = conflictValueText('ADDRESS', {
      address1_line1: '12 St James Sq',
      address1_line2: null,
      address1_line3: '',
      address1_city: 'London',
      address1_stateorprovince: null,
      address1_postalcode: 'SW1Y 4JH',
      address1_country: 'United Kingdom',
    });
    // Assertions
    expect(line).toBe('12 St James Sq, SW1Y 4JH London, United Kingdom');
  });

  it('reads an emptied field, a missing side and a postal code stored as a number', () => {
    // Assertions
    expect(conflictValueText('EMAIL', { emailaddress1: null })).toBeNull();
    expect(conflictValueText('PHONE', null)).toBeNull();
    expect(conflictValueText('ADDRESS', { address1_postalcode: 10115, address1_city: 'Berlin' })).toBe('10115 Berlin');
  });

  it('shows a field it does not know by its values rather than nothing', () => {
    // Assertions
    expect(conflictValueText('FAX', { fax: '+1 555 0100' })).toBe('+1 555 0100');
  });
});

describe('the sentences of a conflict', () => {
  it('names the fields as a sentence does', () => {
    // Assertions
    expect(fieldsText(['EMAIL'])).toBe('email');
    expect(fieldsText(['EMAIL', 'PHONE', 'ADDRESS'])).toBe('email, phone and default address');
    expect(conflictFieldLabel('ADDRESS')).toBe('Default address');
  });

  it('asks before keeping a side, saying what the sync then overwrites', () => {
    // Assertions
    expect(keepQuestion('KEEP_CRM', ['EMAIL', 'ADDRESS'], 'ada@example.com')).toBe(
      "Keep the CRM's email and default address for ada@example.com? They are pushed to Shopify, replacing Shopify's.",
    );
    expect(keepQuestion('KEEP_SHOPIFY', ['PHONE'], 'ada@example.com')).toBe(
      "Keep Shopify's phone for ada@example.com? The customer is synced to the CRM again, replacing the CRM's.",
    );
  });

  it('reports the side kept and what was queued', () => {
    // Assertions
    expect(keptText('KEEP_CRM', ['EMAIL'])).toBe("The CRM's email kept: the push to Shopify is queued.");
    expect(keptText('KEEP_SHOPIFY', ['EMAIL'])).toBe("Shopify's email kept: the customer's sync to the CRM is queued.");
  });
});
