import { fieldMapSettings } from '@shopverse/sync-core';
import { describe, expect, it } from 'vitest';
import {
  anonymisingChanges,
  contactExportColumns,
  contactPersonalColumns,
  orderPersonalColumns,
  REDACTED_LASTNAME,
} from './privacy';

const NO_FIELD_MAP = fieldMapSettings.parse({});

describe('the columns a redaction clears', () => {
  it('covers the person on a contact: names, email, phones and both addresses, not our keys or the state', () => {
    // Action
    const columns = contactPersonalColumns(NO_FIELD_MAP);

    // Assertions
    expect(columns).toEqual(
      expect.arrayContaining([
        'firstname',
        'lastname',
        'emailaddress1',
        'telephone1',
        'mobilephone',
        'address1_line1',
        'address1_city',
        'address1_postalcode',
        'address1_country',
        'address2_line1',
        'address2_postalcode',
      ]),
    );
    expect(columns.filter((column) => /shopifyid|statecode|correlationid/.test(column))).toEqual([]);
  });

  it('covers bill-to and ship-to on an order, and field-map columns whose source is personal', () => {
    // Setup
    const fieldMap = fieldMapSettings.parse({
      contact: [
        { source: 'note', column: 'new_note' },
        { source: 'tags', column: 'new_tags' },
      ],
      salesorder: [
        { source: 'email', column: 'new_orderemail' },
        { source: 'poNumber', column: 'new_po' },
      ],
    });

    // Action
    const contact = contactPersonalColumns(fieldMap);
    const order = orderPersonalColumns(fieldMap);

    // Assertions
    expect(contact).toContain('new_note');
    expect(contact).not.toContain('new_tags');
    expect(order).toEqual(
      expect.arrayContaining([
        'billto_line1',
        'billto_contactname',
        'shipto_name',
        'shipto_postalcode',
        'new_orderemail',
      ]),
    );
    expect(order).not.toContain('new_po');
    expect(order).not.toContain('name');
  });

  it('exports what the sync writes on the contact, with our key', () => {
    expect(contactExportColumns(NO_FIELD_MAP, 'sv')).toEqual(
      expect.arrayContaining([
        'firstname',
        'lastname',
        'emailaddress1',
        'telephone1',
        'address1_line1',
        'sv_shopifyid',
      ]),
    );
  });
});

describe('anonymisingChanges', () => {
  const columns = contactPersonalColumns(NO_FIELD_MAP);

  it('clears what holds a value and gives the last name Dynamics requires a placeholder', () => {
    // Setup
    const row = {
      firstname: 'Ann',
      lastname: 'Lee',
      emailaddress1: 'ann@example.com',
      telephone1: null,
      address1_city: '',
    };

    // Action
    const changes = anonymisingChanges(row, columns);

    // Assertions
    expect(changes).toEqual({ firstname: null, lastname: REDACTED_LASTNAME, emailaddress1: null });
  });

  it('has nothing to do on a row already anonymised: a repeated request writes nothing', () => {
    // Setup
    const once = { firstname: 'Ann', lastname: 'Lee', emailaddress1: 'ann@example.com' };

    // Action
    const twice = anonymisingChanges({ ...once, ...anonymisingChanges(once, columns) }, columns);

    // Assertions
    expect(twice).toEqual({});
  });

  it('limits itself to the columns this store wrote when another store shares the contact', () => {
    // Setup
    const row = { firstname: 'Ann', lastname: 'Lee', emailaddress1: 'ann@example.com' };
    const written: Record<string, unknown> = { firstname: 'Ann', emailaddress1: 'old@example.com' };

    // Action
    const changes = anonymisingChanges(row, columns, (column) => written[column] === row[column as keyof typeof row]);

    // Assertions
    expect(changes).toEqual({ firstname: null });
  });
});
