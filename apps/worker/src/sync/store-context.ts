import {
  type CrmOrgSummary,
  type Database,
  orgsOfStore,
  readCrmOrgSecret,
  readStoreCredentials,
  type SecretBox,
} from '@shopverse/db';
import { type Store, stores } from '@shopverse/db/schema';
import { clientForOrg, type CoalesceOptions, DataverseApiError, type DataverseClient } from '@shopverse/dataverse';
import { clientForStore, type ShopifyClient } from '@shopverse/shopify';
import { parseStoreSettings, type StoreSettings } from '@shopverse/sync-core';
import { eq } from 'drizzle-orm';
import type { ApiCallRecorder } from '../metrics/api-call-recorder';
import { SyncError } from './sync-error';

/** Everything a sync of one store needs: its settings, its org, and clients for both APIs. */

/**
 * How the worker's concurrent syncs share Dataverse requests: while four batches are out, reads and changesets wait
 * and leave together (up to 100 operations). Dataverse counts a batch once against its 6,000 requests per 5 minutes,
 * so at the worker's concurrency the request limit no longer binds before the execution-time one (issue 10).
 */
const DATAVERSE_COALESCE: CoalesceOptions = { inFlight: 4, maxOperations: 100 };

export interface StoreContext {
  storeId: string;
  storeKey: string;
  storeName: string;
  settings: StoreSettings;
  org: CrmOrgSummary;
  /** The shop's handle (`demo-us` of `demo-us.myshopify.com`), for admin links. */
  shopHandle: string;
  /** Our columns' prefix in this org (`sv` gives `sv_shopifyid`). */
  prefix: string;
  shopify: ShopifyClient;
  dataverse: DataverseClient;
  /** The org's currency ids by ISO code, looked up once (transactioncurrency has no alternate key on the code). */
  currencies: Map<string, string>;
  /** Entity set names of our custom tables, read from their metadata once. */
  entitySets: Map<string, string>;
  /** Tables whose bulk messages (UpsertMultiple) the org refused: their rows are written one operation each. */
  withoutBulk: Set<string>;
  /**
   * Whether the org has one of our columns added after it was first provisioned (`sv_shopifyids`, `sv_locale`):
   * asked once per org; an org provisioned before them is written without them until provisioned again.
   */
  hasColumn(table: string, column: string): Promise<boolean>;
}

/**
 * Builds and keeps one context per store: the clients hold the cost bucket, the throttling pause and the token
 * cache, which only work if every job of the store shares them. A store or org edited since is rebuilt.
 */
export class StoreContexts {
  /** One build per store and version: jobs that start together share it (one token cache, one cost bucket). */
  readonly #cache = new Map<string, { version: string; context: Promise<StoreContext> }>();
  /**
   * One Dataverse client per org, shared by every store that writes to it: Dataverse's service-protection limits count
   * per user (the app user the org is reached as), so the throttling pause, the coalescer and the token cache must be
   * the org's, or three stores would each spend the whole allowance (issue 11).
   */
  readonly #orgClients = new Map<string, { version: string; client: DataverseClient }>();
  /** Per org and `table.column`: whether the org has the column (asked once). */
  readonly #orgColumns = new Map<string, Promise<boolean>>();

  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
    /** Counts the clients' calls per store (Shopify) and org (Dataverse) for `/metrics` and the stats. */
    private readonly apiCalls?: ApiCallRecorder,
  ) {}

  async get(storeId: string): Promise<StoreContext> {
    const [store] = await this.db.select().from(stores).where(eq(stores.id, storeId));
    if (!store) throw new SyncError('store.not_found', 'permanent', `No store with id ${storeId}; it was removed.`);
    if (store.status !== 'active') {
      throw new SyncError(
        'store.not_active',
        'permanent',
        `Store ${store.name} is ${store.status}; nothing is synced.`,
      );
    }
    const orgs = await orgsOfStore(this.db, storeId);
    const [org, ...more] = orgs;
    if (!org) {
      throw new SyncError(
        'store.no_org',
        'permanent',
        `Store ${store.name} is not connected to a CRM org; connect one in the console, then retry.`,
      );
    }
    if (more.length > 0) {
      throw new SyncError(
        'store.several_orgs',
        'permanent',
        `Store ${store.name} is connected to ${orgs.length} orgs (${orgs.map((item) => item.name).join(', ')}); ` +
          'a store writes to one org: disable the other connections.',
      );
    }
    const version = `${store.updatedAt.toISOString()}|${org.id}|${org.updatedAt.toISOString()}`;
    const cached = this.#cache.get(storeId);
    if (cached?.version === version) return cached.context;
    const context = this.#build(store, org);
    this.#cache.set(storeId, { version, context });
    // A build that failed is not kept: the next job tries again (the store may have been fixed meanwhile).
    context.catch(() => {
      if (this.#cache.get(storeId)?.context === context) this.#cache.delete(storeId);
    });
    return context;
  }

  async #build(store: Store, org: CrmOrgSummary): Promise<StoreContext> {
    const storeId = store.id;
    const settings = parseStoreSettings(store.settings, store.name);
    const credentials = await readStoreCredentials(this.db, this.secrets, storeId);
    if (!credentials.accessToken) {
      throw new SyncError(
        'store.no_token',
        'permanent',
        `Store ${store.name} has no Admin API token; connect it again in the console.`,
      );
    }
    const clientSecret = await readCrmOrgSecret(this.db, this.secrets, org.id);
    if (!clientSecret) {
      throw new SyncError(
        'org.no_secret',
        'permanent',
        `CRM org ${org.name} has no client secret; enter it in the console.`,
      );
    }
    const context: StoreContext = {
      storeId,
      storeKey: store.key,
      storeName: store.name,
      shopHandle: store.shopDomain.replace(/\.myshopify\.com$/, ''),
      settings,
      org,
      prefix: org.publisherPrefix,
      shopify: clientForStore(store, credentials.accessToken, {
        ...(this.apiCalls ? { onEvent: this.apiCalls.shopify(storeId) } : {}),
      }),
      dataverse: this.#orgClient(org, clientSecret),
      currencies: new Map(),
      entitySets: new Map(),
      withoutBulk: new Set(),
      hasColumn: (table, column) => this.#hasColumn(org.id, context.dataverse, table, column),
    };
    return context;
  }

  #hasColumn(orgId: string, dataverse: DataverseClient, table: string, column: string): Promise<boolean> {
    const key = `${orgId}|${table}.${column}`;
    let known = this.#orgColumns.get(key);
    if (!known) {
      known = dataverse
        .request({
          method: 'GET',
          path: `EntityDefinitions(LogicalName='${table}')/Attributes(LogicalName='${column}')?$select=LogicalName`,
          idempotent: true,
        })
        .then(
          () => true,
          (error: unknown) => {
            if (!(error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND')) throw error;
            // Asked again in five minutes: provisioning the org again adds the column without a worker restart.
            setTimeout(() => this.#orgColumns.delete(key), 300_000).unref();
            return false;
          },
        );
      this.#orgColumns.set(key, known);
      // A failed question (the org unreachable) is asked again by the next sync.
      known.catch(() => {
        if (this.#orgColumns.get(key) === known) this.#orgColumns.delete(key);
      });
    }
    return known;
  }

  #orgClient(org: CrmOrgSummary, clientSecret: string): DataverseClient {
    // An org edited since (a new secret, another URL) gets a new client.
    const version = org.updatedAt.toISOString();
    const cached = this.#orgClients.get(org.id);
    if (cached?.version === version) return cached.client;
    const client = clientForOrg(org, clientSecret, {
      coalesce: DATAVERSE_COALESCE,
      ...(this.apiCalls ? { onEvent: this.apiCalls.dataverse(org.id) } : {}),
    });
    this.#orgClients.set(org.id, { version, client });
    return client;
  }
}
