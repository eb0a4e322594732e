/**
 * The org's rows, in memory. Every write bumps an org-wide version number (the row's `versionnumber`, shown as the
 * `@odata.etag` W/"n"), is journalled so that a `$batch` changeset can be undone, and is logged per table for change
 * tracking.
 */

/** A lookup as stored: the row it points at. */
export interface LookupRef {
  kind: 'lookup';
  table: string;
  id: string;
}

/** Values as stored: text, whole numbers, booleans, decimals as canonical text, ISO dates, lookups. */
export type StoredValue = string | number | boolean | null | LookupRef;

/** A stored row: its id, its version (the etag) and its column values by logical name. */
export interface Row {
  id: string;
  version: number;
  values: Record<string, StoredValue>;
}

/** One entry of a table's change log. */
export interface Change {
  version: number;
  id: string;
  deleted: boolean;
}

export function isLookup(value: StoredValue | undefined): value is LookupRef {
  return typeof value === 'object' && value !== null && value.kind === 'lookup';
}

type Undo = () => void;

/** The text a secondary index files a row under (undefined: not indexed, e.g. a key column is empty). */
export type IndexKey = (row: Row) => string | undefined;

interface SecondaryIndex {
  key: IndexKey;
  entries: Map<string, Set<string>>;
}

export class RowStore {
  private readonly tables = new Map<string, Map<string, Row>>();
  private readonly changes = new Map<string, Change[]>();
  private version = 0;
  private journal: Undo[] | undefined;
  /** Secondary indexes per table (alternate keys), kept in step with every write and undo. */
  private readonly indexes = new Map<string, Map<string, SecondaryIndex>>();

  constructor(firstVersion = 1000) {
    this.version = firstVersion;
  }

  private table(name: string): Map<string, Row> {
    let rows = this.tables.get(name);
    if (!rows) {
      rows = new Map();
      this.tables.set(name, rows);
    }
    return rows;
  }

  private log(table: string, change: Change): void {
    const log = this.changes.get(table) ?? [];
    log.push(change);
    this.changes.set(table, log);
    this.journal?.push(() => {
      log.pop();
    });
  }

  private index(table: string, row: Row): void {
    for (const index of this.indexes.get(table)?.values() ?? []) {
      const text = index.key(row);
      if (text === undefined) continue;
      const ids = index.entries.get(text) ?? new Set<string>();
      ids.add(row.id);
      index.entries.set(text, ids);
    }
  }

  private unindex(table: string, row: Row): void {
    for (const index of this.indexes.get(table)?.values() ?? []) {
      const text = index.key(row);
      if (text !== undefined) index.entries.get(text)?.delete(row.id);
    }
  }

  /** Rows whose index text (under the index `name`, built with `key` on first use) equals `text`. */
  lookup(table: string, name: string, key: IndexKey, text: string): Row[] {
    let byName = this.indexes.get(table);
    if (!byName) {
      byName = new Map();
      this.indexes.set(table, byName);
    }
    let index = byName.get(name);
    if (!index) {
      index = { key, entries: new Map() };
      byName.set(name, index);
      for (const row of this.all(table)) {
        const rowText = key(row);
        if (rowText === undefined) continue;
        const ids = index.entries.get(rowText) ?? new Set<string>();
        ids.add(row.id);
        index.entries.set(rowText, ids);
      }
    }
    return [...(index.entries.get(text) ?? [])]
      .map((id) => this.get(table, id))
      .filter((row): row is Row => row !== undefined);
  }

  /** The next version number of the org (also used for change-tracking tokens). */
  nextVersion(): number {
    this.version += 1;
    return this.version;
  }

  currentVersion(): number {
    return this.version;
  }

  get(table: string, id: string): Row | undefined {
    return this.tables.get(table)?.get(id.toLowerCase());
  }

  /** The rows of a table, in creation order. */
  all(table: string): Row[] {
    return [...(this.tables.get(table)?.values() ?? [])];
  }

  insert(table: string, id: string, values: Record<string, StoredValue>): Row {
    const rows = this.table(table);
    const row: Row = { id: id.toLowerCase(), version: this.nextVersion(), values: { ...values } };
    row.values.versionnumber = row.version;
    rows.set(row.id, row);
    this.index(table, row);
    this.journal?.push(() => {
      this.unindex(table, row);
      rows.delete(row.id);
    });
    this.log(table, { version: row.version, id: row.id, deleted: false });
    return row;
  }

  update(table: string, id: string, changes: Record<string, StoredValue>): Row {
    const rows = this.table(table);
    const previous = rows.get(id.toLowerCase());
    if (!previous) throw new Error(`no ${table} row ${id}`);
    const row: Row = { id: previous.id, version: this.nextVersion(), values: { ...previous.values, ...changes } };
    row.values.versionnumber = row.version;
    this.unindex(table, previous);
    rows.set(row.id, row);
    this.index(table, row);
    this.journal?.push(() => {
      this.unindex(table, row);
      rows.set(previous.id, previous);
      this.index(table, previous);
    });
    this.log(table, { version: row.version, id: row.id, deleted: false });
    return row;
  }

  remove(table: string, id: string): void {
    const rows = this.table(table);
    const previous = rows.get(id.toLowerCase());
    if (!previous) return;
    this.unindex(table, previous);
    rows.delete(previous.id);
    this.journal?.push(() => {
      rows.set(previous.id, previous);
      this.index(table, previous);
    });
    this.log(table, { version: this.nextVersion(), id: previous.id, deleted: true });
  }

  /** Changes of a table after `sinceVersion`. */
  changesSince(table: string, sinceVersion: number): Change[] {
    return (this.changes.get(table) ?? []).filter((change) => change.version > sinceVersion);
  }

  /** Starts journalling writes; `rollback` undoes every write since, `end` keeps them. Nests: an inner unit rolls
   * back to where it began and leaves the outer unit's journal running. */
  begin(): { rollback: () => void; end: () => void } {
    const outer = this.journal;
    const journal: Undo[] = outer ?? [];
    const mark = journal.length;
    this.journal = journal;
    return {
      rollback: () => {
        const undos = journal.splice(mark);
        for (const undo of undos.reverse()) undo();
        this.journal = outer;
      },
      end: () => {
        this.journal = outer;
      },
    };
  }
}
