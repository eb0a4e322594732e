import { ownerDisabled, ownerIsAccessTeam, requiredMissing } from '../errors';
import type { TableDef } from '../metadata/types';
import { isLookup, type StoredValue } from '../store';
import type { OrgContext } from '../context';

/**
 * Who owns a row of a UserOwned table, as Dataverse keeps it: `ownerid` names a user or a team (the caller unless the
 * request binds another), `owninguser` or `owningteam` repeats it by kind, and `owningbusinessunit` is the owner's
 * business unit unless the request sets another one (record ownership across business units). A reassignment by
 * update moves the business unit with the owner unless the same request names one. A disabled user cannot own rows
 * (0x8004022B), nor can an access team (0x80048340); a missing user, team or business unit is refused by the bind
 * itself (0x80040217). Order lines follow
 * their order: salesorder -> salesorderdetail is a parental relationship, whose assign cascades.
 */

type Values = Record<string, StoredValue>;

/** Tables whose rows have an owner (UserOwned): the catalog gives them ownerid and owningbusinessunit. */
export function isUserOwned(table: TableDef): boolean {
  return table.columns.has('ownerid') && table.columns.has('owningbusinessunit');
}

/** The business unit of an owner (systemuser.businessunitid or team.businessunitid), or null when the owner has no
 * row (an org seeded without users). A disabled user is refused. */
function ownerBusinessUnit(context: OrgContext, owner: StoredValue): StoredValue {
  if (!isLookup(owner)) return null;
  const row = context.store.get(owner.table, owner.id);
  if (!row) return null;
  if (owner.table === 'systemuser' && row.values.isdisabled === true) throw ownerDisabled();
  // Owner teams and Entra ID group teams own rows; access teams only share them (teamtype 1).
  if (owner.table === 'team' && row.values.teamtype === 1) throw ownerIsAccessTeam();
  return row.values.businessunitid ?? null;
}

/** The owner columns that follow from `ownerid` (and an explicit `owningbusinessunit`, when given). */
function ownerColumns(context: OrgContext, owner: StoredValue, businessUnit: StoredValue | undefined): Values {
  const unit = ownerBusinessUnit(context, owner);
  return {
    ownerid: owner,
    owninguser: isLookup(owner) && owner.table === 'systemuser' ? owner : null,
    owningteam: isLookup(owner) && owner.table === 'team' ? owner : null,
    owningbusinessunit: businessUnit ?? unit,
  };
}

/** Completes the owner columns of a new row; `values` holds the request's columns over the platform's defaults. */
export function ownNewRow(context: OrgContext, table: TableDef, values: Values): void {
  if (!isUserOwned(table)) return;
  const parent = table.logicalName === 'salesorderdetail' ? values.salesorderid : undefined;
  const order = isLookup(parent) ? context.store.get('salesorder', parent.id) : undefined;
  if (order) {
    Object.assign(values, {
      ownerid: order.values.ownerid ?? null,
      owninguser: order.values.owninguser ?? null,
      owningteam: order.values.owningteam ?? null,
      owningbusinessunit: order.values.owningbusinessunit ?? null,
    });
    return;
  }
  const owner = values.ownerid ?? { kind: 'lookup', table: 'systemuser', id: context.userId };
  Object.assign(values, ownerColumns(context, owner, values.owningbusinessunit ?? undefined));
}

/** Completes the owner columns of an update: a new owner (reassign) or a new business unit. */
export function ownUpdatedRow(context: OrgContext, table: TableDef, current: Values, changes: Values): void {
  if (!isUserOwned(table)) return;
  if ('ownerid' in changes && changes.ownerid === null) throw requiredMissing('ownerid', table.logicalName);
  const owner = changes.ownerid;
  const previous = current.ownerid;
  // An upsert that lands on an existing row resends its owner: the same owner is no reassignment.
  if (isLookup(owner) && isLookup(previous) && owner.id === previous.id && !('owningbusinessunit' in changes)) {
    delete changes.ownerid;
    return;
  }
  if ('ownerid' in changes) {
    Object.assign(changes, ownerColumns(context, changes.ownerid ?? null, changes.owningbusinessunit ?? undefined));
  } else if ('owningbusinessunit' in changes) {
    changes.owningbusinessunit ??= ownerBusinessUnit(context, current.ownerid ?? null);
  }
}

/** Cascades a reassigned order's owner columns to its lines (parental relationship: Assign cascades). */
export function cascadeOwner(context: OrgContext, table: TableDef, id: string, changes: Values): void {
  if (table.logicalName !== 'salesorder' || !('ownerid' in changes || 'owningbusinessunit' in changes)) return;
  const order = context.store.get('salesorder', id);
  if (!order) return;
  for (const line of context.store.all('salesorderdetail')) {
    if (!isLookup(line.values.salesorderid) || line.values.salesorderid.id !== id) continue;
    context.store.update('salesorderdetail', line.id, {
      ownerid: order.values.ownerid ?? null,
      owninguser: order.values.owninguser ?? null,
      owningteam: order.values.owningteam ?? null,
      owningbusinessunit: order.values.owningbusinessunit ?? null,
    });
  }
}
