import { describe, expect, it } from 'vitest';
import { parseStoreSettings, SettingsError, syncedEntities } from './store-settings';

describe('syncedEntities', () => {
  it('syncs companies only for B2B stores, and customers before their orders', () => {
    // Assertions
    expect(syncedEntities(parseStoreSettings({}, 'plain'))).toEqual(['customer', 'order']);
    expect(syncedEntities(parseStoreSettings({ customers: { target: 'b2b' } }, 'b2b'))).toEqual([
      'customer',
      'company',
      'order',
    ]);
  });
});

describe('store settings of issue 11 (several stores, one org)', () => {
  it('defaults to en-US, the application user as owner and no parent account', () => {
    // Act
    const settings = parseStoreSettings({}, 'plain');
    // Assertions
    expect(settings.locale).toBe('en-US');
    expect(settings.ownership).toEqual({ owner: null, businessUnitId: null });
    expect(settings.customers.parentAccountId).toBeNull();
  });

  it('keeps a team owner, a business unit, a parent account and a locale, ids in lower case', () => {
    // Act
    const settings = parseStoreSettings(
      {
        locale: 'de-DE',
        ownership: {
          owner: { kind: 'team', id: 'AAAAAAAA-0000-0000-0000-000000000001' },
          businessUnitId: 'bbbbbbbb-0000-0000-0000-000000000002',
        },
        customers: { parentAccountId: 'cccccccc-0000-0000-0000-000000000003' },
      },
      'eu',
    );
    // Assertions
    expect(settings.locale).toBe('de-DE');
    expect(settings.ownership.owner).toEqual({ kind: 'team', id: 'aaaaaaaa-0000-0000-0000-000000000001' });
    expect(settings.ownership.businessUnitId).toBe('bbbbbbbb-0000-0000-0000-000000000002');
    expect(settings.customers.parentAccountId).toBe('cccccccc-0000-0000-0000-000000000003');
  });

  it('refuses a locale that is not a language tag and an owner id that is not a GUID, naming each field', () => {
    // Act
    const read = () =>
      parseStoreSettings({ locale: 'german', ownership: { owner: { kind: 'user', id: 'bob' } } }, 'Demo EU');
    // Assertions
    expect(read).toThrow(SettingsError);
    expect(read).toThrow(/store Demo EU.*locale: a language tag.*ownership\.owner\.id: a Dataverse row id/);
  });
});

describe('store settings of issue 12 (two-way, privacy)', () => {
  it('keeps two-way off by default, for email, phone and address once on, and anonymises on a redact request', () => {
    // Act
    const settings = parseStoreSettings({ twoWay: { enabled: true, conflictPolicy: { address: 'ask' } } }, 'us');
    // Assertions
    expect(parseStoreSettings({}, 'plain').twoWay.enabled).toBe(false);
    expect(settings.twoWay).toEqual({
      enabled: true,
      fields: ['email', 'phone', 'address'],
      conflictPolicy: { address: 'ask' },
      defaultConflictPolicy: 'newestWins',
      crmCreates: 'ignore',
    });
    expect(settings.privacy.onRedact).toBe('anonymize');
  });

  it('refuses a field that cannot flow back and a policy it does not know, naming them', () => {
    // Act
    const read = () =>
      parseStoreSettings({ twoWay: { fields: ['tags'], conflictPolicy: { email: 'sometimes' } } }, 'Demo US');
    // Assertions
    expect(read).toThrow(/twoWay\.fields\.0.*twoWay\.conflictPolicy\.email/);
  });
});
