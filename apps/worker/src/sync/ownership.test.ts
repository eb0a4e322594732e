import { parseStoreSettings } from '@shopverse/sync-core';
import { describe, expect, it } from 'vitest';
import { contactCreateOnly, ownershipBinds } from './ownership';

const TEAM = '11111111-1111-1111-1111-111111111111';
const UNIT = '22222222-2222-2222-2222-222222222222';
const ACCOUNT = '33333333-3333-3333-3333-333333333333';

describe('ownershipBinds', () => {
  it('binds nothing when the store leaves the owner to Dataverse', () => {
    // Act and assertions
    expect(ownershipBinds(parseStoreSettings({}, 'plain'))).toEqual({});
  });

  it('binds a team or a user as owner, and the business unit', () => {
    // Arrange
    const team = parseStoreSettings({ ownership: { owner: { kind: 'team', id: TEAM }, businessUnitId: UNIT } }, 'eu');
    const user = parseStoreSettings({ ownership: { owner: { kind: 'user', id: TEAM } } }, 'us');
    // Act and assertions
    expect(ownershipBinds(team)).toEqual({
      'ownerid@odata.bind': `/teams(${TEAM})`,
      'owningbusinessunit@odata.bind': `/businessunits(${UNIT})`,
    });
    expect(ownershipBinds(user)).toEqual({ 'ownerid@odata.bind': `/systemusers(${TEAM})` });
  });
});

describe('contactCreateOnly', () => {
  const settings = parseStoreSettings(
    { ownership: { owner: { kind: 'team', id: TEAM } }, customers: { parentAccountId: ACCOUNT } },
    'us',
  );

  it('puts a B2C contact under the store’s parent account', () => {
    // Act and assertions
    expect(contactCreateOnly(settings, false)).toEqual({
      'ownerid@odata.bind': `/teams(${TEAM})`,
      'parentcustomerid_account@odata.bind': `/accounts(${ACCOUNT})`,
    });
  });

  it('leaves a contact with its company’s account where it is', () => {
    // Act and assertions
    expect(contactCreateOnly(settings, true)).toEqual({ 'ownerid@odata.bind': `/teams(${TEAM})` });
  });
});
