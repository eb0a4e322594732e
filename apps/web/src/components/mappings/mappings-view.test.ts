import { localeTag, privacySettings, twoWayField, twoWayPolicy, twoWaySettings } from '@shopverse/sync-core';
import { describe, expect, it } from 'vitest';
import {
  cellText,
  CRM_CREATES,
  fieldMapRows,
  idOrNull,
  localeProblem,
  matchingKeysText,
  ownerOf,
  ownerValue,
  priceListChoices,
  priceListLabel,
  parseMatchingKeys,
  parseSettingsText,
  priceListRows,
  priceListsOf,
  problemsAt,
  REDACT_CHOICES,
  rowHeading,
  TWO_WAY_FIELDS,
  TWO_WAY_POLICIES,
  twoWayFieldsOf,
  twoWayPolicyOf,
  valueAt,
  withFieldMapRows,
  withTwoWayField,
  withTwoWayPolicy,
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

describe('settings that name CRM rows', () => {
  it('checks a locale as the settings schema does', () => {
    // Setup
    const samples = [
      'en-US',
      'de-DE',
      'fr-CA',
      'zh-Hant-TW',
      'es-419',
      'fil',
      'en_US',
      'EN-us',
      'english',
      '',
      'en-us',
    ];

    // Action
    const ours = samples.map((sample) => localeProblem(sample) === null);
    const schema = samples.map((sample) => localeTag.safeParse(sample).success);

    // Assertions
    expect(ours).toEqual(schema);
    expect(ours.slice(0, 6)).toEqual([true, true, true, true, true, true]);
    expect(localeProblem('en_US')).toBe('a language tag such as "en-US", "de-DE" or "fr-CA"');
  });

  it("edits the owner as a kind and an id, null for the sync's application user", () => {
    // Setup
    const team = { ownership: { owner: { kind: 'team', id: 'T1' } } };

    // Assertions
    expect(ownerOf(team)).toEqual({ kind: 'team', id: 'T1' });
    expect(ownerOf({})).toEqual({ kind: 'none', id: '' });
    expect(ownerOf({ ownership: { owner: { kind: 'queue', id: 'Q' } } })).toEqual({ kind: 'none', id: '' });
    expect(ownerValue('none', 'T1')).toBeNull();
    expect(ownerValue('user', ' U1 ')).toEqual({ kind: 'user', id: 'U1' });
    expect(idOrNull('  ')).toBeNull();
    expect(idOrNull(' B1 ')).toBe('B1');
  });

  it("offers a row the price lists of its currency, keeps its own list visible, and names another currency's", () => {
    // Setup
    const lists = [
      { id: 'usd', name: 'Retail USD', currency: 'USD' },
      { id: 'cad', name: 'Wholesale CAD', currency: 'CAD' },
      { id: 'cad2', name: 'Outlet CAD', currency: 'CAD' },
    ];

    // Action
    const forCad = priceListChoices(lists, 'cad', '');
    const forUsdHoldingCad = priceListChoices(lists, 'USD', 'cad');
    const forNone = priceListChoices(lists, ' ', '');

    // Assertions
    expect(forCad.map((list) => list.id)).toEqual(['cad', 'cad2']);
    expect(forUsdHoldingCad.map((list) => list.id)).toEqual(['usd', 'cad']);
    expect(forNone).toEqual(lists);
    expect(priceListLabel(lists[1]!, 'USD')).toBe('Wholesale CAD (CAD)');
    expect(priceListLabel(lists[1]!, 'CAD')).toBe('Wholesale CAD');
  });
});

describe('two-way and privacy settings', () => {
  it('offers exactly the choices the settings schema takes', () => {
    // Assertions: a choice added to sync-core and missing here (or the reverse) fails here, not on save.
    expect(TWO_WAY_FIELDS.map((entry) => entry.field)).toEqual(twoWayField.options);
    expect(TWO_WAY_POLICIES.map((entry) => entry.policy).sort()).toEqual([...twoWayPolicy.options].sort());
    expect(CRM_CREATES.map((entry) => entry.value)).toEqual(twoWaySettings.shape.crmCreates.unwrap().options);
    expect(REDACT_CHOICES.map((entry) => entry.value)).toEqual(privacySettings.shape.onRedact.unwrap().options);
  });

  it('reads every field as chosen while the settings name none, and turns one off and on in the form’s order', () => {
    // Setup
    const none = {};
    const some = { twoWay: { fields: ['address', 'email', 'fax'] } };
    // Action
    const withoutPhone = withTwoWayField(none, 'phone', false);
    const withPhone = withTwoWayField(some, 'phone', true);
    // Assertions
    expect(twoWayFieldsOf(none)).toEqual(['email', 'phone', 'address']);
    expect(twoWayFieldsOf(some)).toEqual(['email', 'address']);
    expect(withoutPhone).toEqual(['email', 'address']);
    expect(withPhone).toEqual(['email', 'phone', 'address']);
  });

  it('sets a field’s own policy, and removes it so the field follows the default again', () => {
    // Setup
    const settings = { twoWay: { conflictPolicy: { email: 'crmWins' }, defaultConflictPolicy: 'ask' } };
    // Action
    const asked = withTwoWayPolicy(settings, 'address', 'ask');
    const back = withTwoWayPolicy(settings, 'email', '');
    // Assertions
    expect(twoWayPolicyOf(settings, 'email')).toBe('crmWins');
    expect(twoWayPolicyOf(settings, 'phone')).toBe('');
    expect(asked).toEqual({ email: 'crmWins', address: 'ask' });
    expect(back).toEqual({});
    expect(twoWaySettings.parse({ conflictPolicy: asked }).conflictPolicy).toEqual(asked);
  });
});
