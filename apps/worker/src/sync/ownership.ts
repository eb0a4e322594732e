import type { CrmValue, StoreSettings } from '@shopverse/sync-core';

/**
 * The owner and business unit of the rows a store creates (settings `ownership`, issue 11), as the binds Dataverse's
 * Web API takes on create: `ownerid` to a team or a user, `owningbusinessunit` to a business unit. Empty when the
 * store leaves both to Dataverse (the application user the sync signs in as, and its business unit).
 */
export function ownershipBinds(settings: StoreSettings): Record<string, CrmValue> {
  const { owner, businessUnitId } = settings.ownership;
  return {
    ...(owner
      ? { 'ownerid@odata.bind': owner.kind === 'team' ? `/teams(${owner.id})` : `/systemusers(${owner.id})` }
      : {}),
    ...(businessUnitId ? { 'owningbusinessunit@odata.bind': `/businessunits(${businessUnitId})` } : {}),
  };
}

/**
 * What a contact the store creates gets beside its owner: the store's parent account for B2C customers
 * (`customers.parentAccountId`) when the contact has no account of its own from its company.
 */
export function contactCreateOnly(settings: StoreSettings, hasOwnAccount: boolean): Record<string, CrmValue> {
  const parent = settings.customers.parentAccountId;
  return {
    ...ownershipBinds(settings),
    ...(parent && !hasOwnAccount ? { 'parentcustomerid_account@odata.bind': `/accounts(${parent})` } : {}),
  };
}
