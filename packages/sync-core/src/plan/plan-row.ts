import { type ConflictPolicy, type FieldProposal, resolveConflicts, type StoreOwnership } from '../map/conflict-policy';

/** A value as written to a Dataverse column: text, a JSON number, or null (bindings are text too). */
export type CrmValue = string | number | null;

/** Where a mapped row goes, as the matcher (and a person, through the merge queue) decided. */
export type Destination =
  | { kind: 'create' }
  | {
      kind: 'update';
      id: string;
      /** The row as the CRM holds it now, for the mapped columns. */
      current: Record<string, unknown>;
      /** The row's `modifiedon`, for the newest-wins policy. */
      modifiedOn: string | null;
      /** The row's alternate key value: null when it has none (we then give it ours). */
      currentKey: string | null;
    };

export interface RowWriteInput {
  /** The mapped row, including our key and correlation id columns. */
  row: Record<string, CrmValue>;
  /** `sv_shopifyid`: our alternate key column, and its value for this record. */
  keyColumn: string;
  key: string;
  /** Columns written on every write but never compared (`sv_lastcorrelationid`). */
  bookkeeping: string[];
  destination: Destination;
  /** What we last wrote to this row (entity_links.written_values); null when we never wrote it. */
  lastWritten: Record<string, unknown> | null;
  policies: Record<string, ConflictPolicy>;
  defaultPolicy: ConflictPolicy;
  /** Shopify's `updatedAt` of the record. */
  shopifyUpdatedAt: string;
  /**
   * What other stores last wrote to this row (their links' written values), with the `updatedAt` of their records:
   * a CRM value equal to one of them is that store's, settled by the records' times rather than as a person's edit.
   */
  otherWrites?: { storeKey: string; updatedAt: string; written: Record<string, unknown> }[];
  /**
   * Columns set only when the row is created (its owner, business unit, a B2C contact's parent account): a row that
   * exists keeps them, since a person may have reassigned it or another store created it.
   */
  createOnly?: Record<string, CrmValue>;
  /**
   * A column kept equal to a value whatever the policy (`sv_shopifyids`, every store's id): written on create, and on
   * update whenever the CRM's value differs. Not part of the content compared.
   */
  maintained?: { column: string; value: string };
}

/** A conflict the policy settled for the CRM: logged with both values (issue 6). */
export interface KeptValue {
  column: string;
  shopify: CrmValue;
  crm: CrmValue;
  policy: ConflictPolicy;
  /** The CRM value is another store's, from a newer record: that store and its record's `updatedAt`. */
  heldBy?: StoreOwnership;
}

export type RowWritePlan =
  | { kind: 'create'; row: Record<string, CrmValue>; written: Record<string, CrmValue> }
  | {
      kind: 'update';
      id: string;
      /** Only the columns that change, plus the bookkeeping columns. */
      row: Record<string, CrmValue>;
      written: Record<string, CrmValue>;
      kept: KeptValue[];
    }
  | { kind: 'none'; id: string; written: Record<string, CrmValue>; kept: KeptValue[] };

/** Dataverse hands numbers and text back; compare them as the text we would have written. */
function asText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    // A DateTime comes back as `2024-05-01T10:00:00Z`; we write `2024-05-01T10:00:00.000Z`.
    return /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(value) ? new Date(value).toISOString() : value;
  }
  return JSON.stringify(value);
}

/**
 * Decides what to write to one CRM row: a new row whole, or, for an existing row, only the columns whose values
 * differ, each by its conflict policy. A column the CRM still holds as we last wrote it follows Shopify; one a person
 * edited in the CRM is decided by the policy, and a kept CRM value is reported with both values. Our key is set on a
 * row that has none, and never replaces another store's key on a shared contact.
 */
export function planRowWrite(input: RowWriteInput): RowWritePlan {
  const { destination, row } = input;
  const compared = Object.keys(row).filter(
    (column) => column !== input.keyColumn && !input.bookkeeping.includes(column) && !column.endsWith('@odata.bind'),
  );
  const maintained = input.maintained ? { [input.maintained.column]: input.maintained.value } : {};
  if (destination.kind === 'create') {
    return {
      kind: 'create',
      row: { ...row, ...input.createOnly, ...maintained, [input.keyColumn]: input.key },
      written: pick(row, compared),
    };
  }
  // Dataverse compares text without case: a value that differs only in case or padding is the same value, and
  // the CRM's spelling of it is kept (a person may have fixed the case on purpose).
  const same = compared.filter((column) => fold(asText(row[column])) === fold(asText(destination.current[column])));
  const fields: FieldProposal[] = compared
    .filter((column) => !same.includes(column))
    .map((column) => ({ column, shopify: asText(row[column]), crm: asText(destination.current[column]) }));
  const lastWritten: Record<string, string | null> = Object.fromEntries(
    Object.entries(input.lastWritten ?? {}).map(([column, value]) => [column, asText(value)]),
  );
  for (const field of fields) {
    // An empty CRM column we never wrote holds nothing a person chose: it is filled, whatever the policy.
    if (field.crm === null && !(field.column in lastWritten)) lastWritten[field.column] = null;
  }
  const decision = resolveConflicts(fields, {
    policies: input.policies,
    defaultPolicy: input.defaultPolicy,
    shopifyUpdatedAt: input.shopifyUpdatedAt,
    crmModifiedOn: destination.modifiedOn,
    lastWritten,
    otherStores: otherStoresOf(fields, input.otherWrites ?? []),
  });
  const kept = decision.kept.map((item): KeptValue => ({
    column: item.column,
    shopify: row[item.column] ?? null,
    crm: item.crm,
    policy: item.policy,
    ...(item.heldBy ? { heldBy: item.heldBy } : {}),
  }));
  const changes = pick(row, Object.keys(decision.write));
  // Bindings are compared by the caller (they hold keys, not values); a binding in the row is always sent.
  const bindings = Object.fromEntries(Object.entries(row).filter(([column]) => column.endsWith('@odata.bind')));
  // What we consider written: Shopify's value where the CRM now has it; for kept columns, what we wrote before, so
  // the person's edit stays an edit on the next sync rather than becoming "ours".
  const written: Record<string, CrmValue> = {};
  for (const column of compared) {
    const keptHere = decision.kept.some((item) => item.column === column);
    if (same.includes(column)) written[column] = asText(destination.current[column]);
    else if (!keptHere) written[column] = row[column] ?? null;
    else if (input.lastWritten && column in input.lastWritten) written[column] = asText(input.lastWritten[column]);
  }
  const needsKey = destination.currentKey === null;
  const maintainedChanges =
    input.maintained && asText(destination.current[input.maintained.column]) !== input.maintained.value
      ? maintained
      : {};
  if (
    Object.keys(changes).length === 0 &&
    !needsKey &&
    Object.keys(bindings).length === 0 &&
    Object.keys(maintainedChanges).length === 0
  ) {
    return { kind: 'none', id: destination.id, written, kept };
  }
  return {
    kind: 'update',
    id: destination.id,
    row: {
      ...changes,
      ...bindings,
      ...pick(row, input.bookkeeping),
      ...maintainedChanges,
      ...(needsKey ? { [input.keyColumn]: input.key } : {}),
    },
    written,
    kept,
  };
}

/** Per column, the other store whose last write the CRM still holds (the newest such record when several wrote it). */
function otherStoresOf(
  fields: FieldProposal[],
  otherWrites: NonNullable<RowWriteInput['otherWrites']>,
): Record<string, StoreOwnership> {
  const owners: Record<string, StoreOwnership> = {};
  for (const field of fields) {
    if (field.crm === null) continue;
    for (const other of otherWrites) {
      if (!(field.column in other.written) || fold(asText(other.written[field.column])) !== fold(field.crm)) continue;
      const held = owners[field.column];
      if (!held || Date.parse(other.updatedAt) > Date.parse(held.updatedAt)) {
        owners[field.column] = { storeKey: other.storeKey, updatedAt: other.updatedAt };
      }
    }
  }
  return owners;
}

function fold(text: string | null): string | null {
  return text === null ? null : text.trim().toLowerCase();
}

function pick(row: Record<string, CrmValue>, columns: string[]): Record<string, CrmValue> {
  return Object.fromEntries(columns.filter((column) => column in row).map((column) => [column, row[column] ?? null]));
}
