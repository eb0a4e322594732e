import { describe, expect, it } from 'vitest';
import {
  cellText,
  fieldMapRows,
  matchingKeysText,
  parseMatchingKeys,
  parseSettingsText,
  priceListRows,
  priceListsOf,
  problemsAt,
  rowHeading,
  valueAt,
  withFieldMapRows,
  withValue,
} from './mappings-view';

describe('settings paths', () => {
  it('reads a nested value, and replaces one without touching the original or its neighbours', () => {
    // Setup
    const settings = { customers: { target: 'contact', rollups: true }, countryAs: 'name' };

    // Action
    const changed = withValue(settings, 'customers.target', 'b2b');
    const created = withValue(settings, 'pipeline.dryRun', true);

    // Assertions
    expect(valueAt(settings, 'customers.target')).toBe('contact');
    expect(valueAt(settings, 'orders.currency')).toBeUndefined();
    expect(changed).toEqual({ customers: { target: 'b2b', rollups: true }, countryAs: 'name' });
    expect(settings.customers.target).toBe('contact');
    expect(created).toEqual({ ...settings, pipeline: { dryRun: true } });
  });
});

describe('form fields', () => {
  it('edits matching keys as comma separated text, in order', () => {
    // Assertions
    expect(matchingKeysText({ customers: { matchingKeys: ['linkedId', 'email'] } })).toBe('linkedId, email');
    expect(matchingKeysText({})).toBe('');
    expect(parseMatchingKeys(' email,phone  linkedId, ')).toEqual(['email', 'phone', 'linkedId']);
  });

  it('edits price lists as rows; a row without a currency stays out of the settings, currencies upper case', () => {
    // Setup
    const settings = { orders: { priceLists: { EUR: 'a', USD: 'b' } } };

    // Action
    const rows = priceListRows(settings);

    // Assertions
    expect(rows).toEqual([
      { currency: 'EUR', id: 'a' },
      { currency: 'USD', id: 'b' },
    ]);
    expect(priceListsOf([...rows, { currency: ' gbp ', id: ' c ' }, { currency: '', id: 'd' }])).toEqual({
      EUR: 'a',
      USD: 'b',
      GBP: 'c',
    });
  });

  it('reads and writes one entity of the field map, leaving the others', () => {
    // Setup
    const settings = { fieldMap: { contact: [{ source: 'note', column: 'new_note' }], salesorder: [] } };

    // Action
    const next = withFieldMapRows(settings, 'salesorder', [{ source: 'tags', column: 'new_tags' }]);

    // Assertions
    expect(fieldMapRows(settings, 'contact')).toEqual([{ source: 'note', column: 'new_note' }]);
    expect(fieldMapRows(settings, 'account')).toEqual([]);
    expect(fieldMapRows(next, 'salesorder')).toEqual([{ source: 'tags', column: 'new_tags' }]);
    expect(fieldMapRows(next, 'contact')).toEqual([{ source: 'note', column: 'new_note' }]);
  });
});

describe('parseSettingsText', () => {
  it('takes a JSON object and says what is wrong with anything else', () => {
    // Action
    const good = parseSettingsText('{"countryAs": "code"}');
    const broken = parseSettingsText('{"countryAs": ');
    const list = parseSettingsText('[]');

    // Assertions
    expect(good).toEqual({ ok: true, settings: { countryAs: 'code' } });
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toMatch(/^not valid JSON: /);
    expect(list).toEqual({ ok: false, message: 'the settings must be a JSON object, e.g. {}' });
  });
});

describe('problemsAt', () => {
  it('gives a field its own problems and those of paths inside it, not those of a longer sibling name', () => {
    // Setup
    const problems = [
      { path: 'orders.priceLists.EUR', message: 'no such price list' },
      { path: 'orders.priceListsExtra', message: 'other' },
      { path: 'fieldMap.contact.0.column', message: 'contact has no column new_x' },
    ];

    // Assertions
    expect(problemsAt(problems, 'orders.priceLists')).toEqual([problems[0]]);
    expect(problemsAt(problems, 'fieldMap.contact.0.column')).toEqual([problems[2]]);
    expect(problemsAt(problems, 'fieldMap.contact.1.column')).toEqual([]);
  });
});

describe('preview cells and headings', () => {
  it('shows empty values as a dash and says whether a row is new, unchanged or how many columns change', () => {
    // Setup
    const columns = [
      { column: 'name', before: 'us-#1001', after: 'us-#1001', changed: false },
      { column: 'new_note', before: null, after: 'PAID', changed: true },
    ];

    // Assertions
    expect(cellText(null)).toBe('—');
    expect(cellText('')).toBe('—');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(true)).toBe('true');
    expect(rowHeading({ role: 'salesorder', table: 'salesorder', key: 'us_1', exists: true, columns })).toBe(
      'Sales order us_1 (salesorder): 1 column to change',
    );
    expect(rowHeading({ role: 'line', table: 'salesorderdetail', key: 'us_2', exists: false, columns })).toBe(
      'Line us_2 (salesorderdetail): new row',
    );
    expect(rowHeading({ role: 'contact', table: 'contact', key: 'us_3', exists: true, columns: [columns[0]!] })).toBe(
      'Contact us_3 (contact): no change',
    );
    expect(rowHeading({ role: 'refund', table: 'sv_shopifyrefund', key: 'us_4', exists: false, columns })).toBe(
      'Refund us_4 (sv_shopifyrefund): new row',
    );
  });
});
