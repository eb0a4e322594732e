import type { SimHandler } from '../http/types';
import { cloneTable, loadReferenceMetadata, type ReferenceMetadata } from './metadata/catalog';
import type { TableDef } from './metadata/types';
import { createContext, type OrgContext } from './context';
import type { DataverseOrgCore } from './org-core';
import { route } from './org-router';
import { addCurrency, seedReference, type CurrencySeed, type OrgSeed, type SeededReference } from './seed';
import { RowStore } from './store';

export type { DataverseOrgCore } from './org-core';
export type { BusinessUnitSeed, CurrencySeed, OrgSeed, PriceListSeed, SeededReference } from './seed';
export type { ReferenceMetadata } from './metadata/catalog';
export type { TableDef, ColumnDef, KeyDef } from './metadata/types';

/** Options of one simulated org. */
export interface DataverseOrgOptions {
  /** Base URL as clients see it, e.g. http://127.0.0.1:4002. */
  name: string;
  /** The org clock (timestamps, key activation, delta token expiry). */
  now?: () => Date;
  /** How long a new alternate key stays Pending before it is Active; 0 = at the next request. */
  keyActivationMs?: number;
  /** Reference data to create (seed.ts): the root business unit, its default team and the application user; USD
   * unless currencies are given (the first is the base); child business units and price lists when given. `false`:
   * nothing (callers then act as a user without a row). */
  seed?: OrgSeed | false;
  /** The Dataverse reference folder (defaults to the repository's reference/dataverse). */
  referenceDir?: string;
}

/** A simulated org: the core interface plus helpers for tests and the demo. */
export interface DataverseOrg extends DataverseOrgCore {
  /** What was loaded from the reference files (shared, read-only). */
  readonly metadata: ReferenceMetadata;
  /** This org's tables, including those and the columns created through the metadata API. */
  readonly tables: ReadonlyMap<string, TableDef>;
  /** Ids of the seeded reference data; undefined with `seed: false`. */
  readonly seeded: SeededReference | undefined;
  /** Adds a currency with its price list (for demos with several presentment currencies). */
  addCurrency(seed: CurrencySeed): Promise<string>;
  /** Number of rows of a table. */
  count(table: string): number;
}

/** Creates one org, in memory. */
export function createDataverseOrg(options: DataverseOrgOptions): DataverseOrg {
  const metadata = loadReferenceMetadata(options.referenceDir);
  const context: OrgContext = createContext({
    name: options.name,
    now: options.now ?? (() => new Date()),
    store: new RowStore(),
    tables: metadata.tables.map(cloneTable),
    keyActivationMs: options.keyActivationMs ?? 2000,
  });
  const seeded = options.seed === false ? undefined : seedReference(context, options.seed);

  // One request at a time: each sees the effects of those before it (org-core.ts).
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
  const direct: SimHandler = (request) => Promise.resolve(route(context, request));

  return {
    name: options.name,
    metadata,
    tables: context.tables,
    seeded,
    handle: (request) => exclusive(() => direct(request)),
    atomically: <T>(fn: (handle: SimHandler) => Promise<{ commit: boolean; value: T }>): Promise<T> =>
      exclusive(async () => {
        const unit = context.store.begin();
        try {
          const { commit, value } = await fn(direct);
          if (commit) unit.end();
          else unit.rollback();
          return value;
        } catch (error) {
          unit.rollback();
          throw error;
        }
      }),
    addCurrency: (seed) =>
      exclusive(() =>
        Promise.resolve(addCurrency(context, seeded ?? { currencyIds: {}, priceLevelIds: {}, priceListIds: {} }, seed)),
      ),
    count: (table) => context.store.all(table).length,
  };
}
