import { eq } from 'drizzle-orm';
import type { Database } from '../client';
import { stores, type Store } from '../schema';
import type { SecretBox } from '../secrets';

/** The AAD contexts of the secret columns of `stores`; see secrets.ts. */
const ACCESS_TOKEN = 'stores.access_token';
const WEBHOOK_SECRET = 'stores.webhook_secret';

export interface StoreInput {
  key: string;
  shopDomain: string;
  name: string;
  apiVersion: string;
  /** Where the Admin API is reached when not at `https://<shop domain>` (the sandbox); null or absent for real shops. */
  apiBaseUrl?: string | null;
  accessToken?: string;
  webhookSecret?: string;
  settings?: Record<string, unknown>;
}

/** A store as the rest of the program sees it: no sealed columns. */
export type StoreSummary = Omit<Store, 'accessTokenEncrypted' | 'webhookSecretEncrypted'> & {
  hasAccessToken: boolean;
  hasWebhookSecret: boolean;
};

export interface StoreCredentials {
  accessToken: string | undefined;
  webhookSecret: string | undefined;
}

function summarise(row: Store): StoreSummary {
  const { accessTokenEncrypted, webhookSecretEncrypted, ...rest } = row;
  return { ...rest, hasAccessToken: accessTokenEncrypted !== null, hasWebhookSecret: webhookSecretEncrypted !== null };
}

/** Store keys become part of CRM alternate keys, where `/ < > * % & : \\ ? +` break the key URL. */
const STORE_KEY = /^[a-z0-9]+$/;

/** Adds a store or updates the one with the same shop domain; its secrets are sealed before they leave the process. */
export async function upsertStore(db: Database, box: SecretBox, input: StoreInput): Promise<StoreSummary> {
  if (!STORE_KEY.test(input.key)) {
    throw new Error(
      `Store ${input.shopDomain}: the key "${input.key}" may hold only lowercase letters and digits (e.g. "us", "eu2"); ` +
        'it becomes part of every CRM alternate key.',
    );
  }
  const sealed = {
    ...(input.accessToken !== undefined ? { accessTokenEncrypted: box.seal(input.accessToken, ACCESS_TOKEN) } : {}),
    ...(input.webhookSecret !== undefined
      ? { webhookSecretEncrypted: box.seal(input.webhookSecret, WEBHOOK_SECRET) }
      : {}),
  };
  const values = {
    key: input.key,
    shopDomain: input.shopDomain,
    name: input.name,
    apiVersion: input.apiVersion,
    ...(input.apiBaseUrl !== undefined ? { apiBaseUrl: input.apiBaseUrl } : {}),
    ...(input.settings !== undefined ? { settings: input.settings } : {}),
    ...sealed,
  };
  const [row] = await db
    .insert(stores)
    .values(values)
    .onConflictDoUpdate({ target: stores.shopDomain, set: { ...values, updatedAt: new Date() } })
    .returning();
  if (!row) throw new Error(`Saving store ${input.shopDomain} returned no row.`);
  return summarise(row);
}

/** Lists the stores, without their secrets. */
export async function listStores(db: Database): Promise<StoreSummary[]> {
  const rows = await db.select().from(stores).orderBy(stores.key);
  return rows.map(summarise);
}

/** Opens a store's secrets, for the clients that call Shopify; never log the result. */
export async function readStoreCredentials(db: Database, box: SecretBox, storeId: string): Promise<StoreCredentials> {
  const [row] = await db
    .select({ token: stores.accessTokenEncrypted, secret: stores.webhookSecretEncrypted })
    .from(stores)
    .where(eq(stores.id, storeId));
  if (!row) throw new Error(`No store with id ${storeId}.`);
  return {
    accessToken: row.token === null ? undefined : box.open(row.token, ACCESS_TOKEN),
    webhookSecret: row.secret === null ? undefined : box.open(row.secret, WEBHOOK_SECRET),
  };
}
