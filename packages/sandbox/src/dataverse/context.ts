import { randomUUID } from 'node:crypto';
import type { ColumnDef, TableDef } from './metadata/types';
import type { RowStore } from './store';
import { resourceNotFound } from './errors';

/** A collection-valued navigation property: rows of `to` whose lookup `column` points at the `from` row. */
export interface CollectionNavigation {
  from: string;
  name: string;
  to: string;
  column: string;
}

/** A single-valued navigation property: the lookup column it sets and the table it points at. */
export interface SingleNavigation {
  name: string;
  column: ColumnDef;
  target: string;
}

/** Everything one org's request handlers share. */
export interface OrgContext {
  name: string;
  now: () => Date;
  store: RowStore;
  tables: Map<string, TableDef>;
  collections: CollectionNavigation[];
  keyActivationMs: number;
  newId: () => string;
  /** The application user the org's callers act as: owner, creator and modifier of what they write. */
  userId: string;
  /** The org's id (WhoAmI's OrganizationId). */
  organizationId: string;
}

export function createContext(options: {
  name: string;
  now: () => Date;
  store: RowStore;
  tables: TableDef[];
  keyActivationMs: number;
}): OrgContext {
  return {
    name: options.name,
    now: options.now,
    store: options.store,
    tables: new Map(options.tables.map((table) => [table.logicalName, table])),
    // Dataverse's name for the salesorder -> salesorderdetail relationship's collection property.
    collections: [{ from: 'salesorder', name: 'order_details', to: 'salesorderdetail', column: 'salesorderid' }],
    keyActivationMs: options.keyActivationMs,
    newId: randomUUID,
    userId: randomUUID(),
    organizationId: randomUUID(),
  };
}

export function tableBySet(context: OrgContext, entitySetName: string): TableDef {
  for (const table of context.tables.values()) if (table.entitySetName === entitySetName) return table;
  throw resourceNotFound(entitySetName);
}

export function tableByName(context: OrgContext, logicalName: string): TableDef {
  const table = context.tables.get(logicalName);
  if (!table) throw resourceNotFound(logicalName);
  return table;
}

/**
 * The single-valued navigation properties of a table: `<lookup>` for one target, `<lookup>_<target>` for several.
 * The owner is the exception: one `ownerid` property of the abstract type `principal` (contact CSDL), bound to
 * `/systemusers(id)` or `/teams(id)`.
 */
export function singleNavigations(table: TableDef): SingleNavigation[] {
  const result: SingleNavigation[] = [];
  for (const column of table.columns.values()) {
    if (column.type !== 'Lookup' && column.type !== 'Customer' && column.type !== 'Owner') continue;
    const targets = column.targets ?? [];
    if (column.type === 'Owner' && targets[0] !== undefined) {
      result.push({ name: column.logicalName, column, target: targets[0] });
    } else if (targets.length === 1 && targets[0] !== undefined) {
      result.push({ name: column.navigationName ?? column.logicalName, column, target: targets[0] });
    } else {
      for (const target of targets) result.push({ name: `${column.logicalName}_${target}`, column, target });
    }
  }
  return result;
}

/** The org's clock as ISO-8601 UTC without milliseconds, as Dataverse writes dates. */
export function timestamp(context: OrgContext): string {
  return context
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
}
