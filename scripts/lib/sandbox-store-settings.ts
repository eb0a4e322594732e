import { isDeepStrictEqual } from 'node:util';
import type { DataverseClient } from '@shopverse/dataverse';
import {
  inTransaction,
  listAuditEvents,
  recordAuditEvent,
  replaceStoreSettings,
  type Database,
  type StoreSummary,
} from '@shopverse/db';
import type { SandboxDetails } from '@shopverse/sandbox';
import { parseStoreSettings } from '@shopverse/sync-core';

type SandboxShop = SandboxDetails['shopify'][number];

/** The audit action of the settings the start command writes for a sandbox store. */
export const SANDBOX_SETTINGS_ACTION = 'store.sandbox_settings';
/** Who the start command's changes are recorded as. */
export const SANDBOX_ACTOR = 'shopverse start (sandbox)';

/** Ids of the org rows a sandbox store's settings name. */
export interface SandboxStoreIds {
  ownerTeamId: string;
  businessUnitId: string | null;
  priceListId: string;
  parentAccountId: string | null;
}

/** An OData string literal: a single quote is written twice. */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** The id of the one row of `entitySet` with this name; undefined when there is none, an error when several. */
async function idByName(crm: DataverseClient, entitySet: string, idColumn: string, name: string) {
  const ids: string[] = [];
  for await (const page of crm.query<Record<string, unknown>>(
    `${entitySet}?$select=${idColumn},name&$filter=name eq ${encodeURIComponent(literal(name))}`,
  )) {
    for (const row of page) if (typeof row[idColumn] === 'string') ids.push(row[idColumn]);
  }
  if (ids.length > 1) {
    throw new Error(`The sandbox org has ${ids.length} ${entitySet} named "${name}"; rename all but one of them.`);
  }
  return ids[0];
}

async function requireByName(crm: DataverseClient, entitySet: string, idColumn: string, name: string) {
  const id = await idByName(crm, entitySet, idColumn, name);
  if (id === undefined) {
    throw new Error(
      `The sandbox org has no ${entitySet} row named "${name}"; the sandbox seeds it (packages/sandbox/src/sandbox.ts).`,
    );
  }
  return id;
}

/** The account with this name, created as a person would in the app when the org has none (it starts empty). */
async function ensureAccount(crm: DataverseClient, name: string, description: string): Promise<string> {
  const found = await idByName(crm, 'accounts', 'accountid', name);
  if (found !== undefined) return found;
  const response = await crm.request({
    method: 'POST',
    path: 'accounts?$select=accountid',
    body: { name, description },
    headers: { Prefer: 'return=representation' },
    idempotent: false,
  });
  const id = (response.body as { accountid?: unknown } | undefined)?.accountid;
  if (typeof id !== 'string') throw new Error(`Creating the account "${name}" answered without its accountid.`);
  return id;
}

/** Looks the rows a sandbox store's settings name up in the org by name, through the Web API. */
export async function resolveSandboxIds(crm: DataverseClient, shop: SandboxShop): Promise<SandboxStoreIds> {
  const { crm: setup } = shop;
  return {
    ownerTeamId: await requireByName(crm, 'teams', 'teamid', setup.ownerTeam),
    businessUnitId:
      setup.businessUnit === null
        ? null
        : await requireByName(crm, 'businessunits', 'businessunitid', setup.businessUnit),
    priceListId: await requireByName(crm, 'pricelevels', 'pricelevelid', setup.priceList),
    parentAccountId:
      setup.parentAccount === null
        ? null
        : await ensureAccount(crm, setup.parentAccount, `B2C customers of the sandbox store ${shop.shop}`),
  };
}

/** The settings the sandbox gives a store: only what differs from the defaults, checked by `parseStoreSettings`. */
export function sandboxSettings(shop: SandboxShop, ids: SandboxStoreIds): Record<string, unknown> {
  const settings = {
    locale: shop.crm.locale,
    ownership: { owner: { kind: 'team', id: ids.ownerTeamId }, businessUnitId: ids.businessUnitId },
    customers: { target: shop.crm.target, parentAccountId: ids.parentAccountId },
    orders: { currency: 'shop', priceLists: { [shop.currency]: ids.priceListId } },
    // The retail US store shows two-way at work: an email, phone or address corrected in the CRM reaches its shop.
    ...(shop.key === 'us' ? { twoWay: { enabled: true } } : {}),
  };
  parseStoreSettings(settings, `sandbox ${shop.key}`);
  return settings;
}

/** The settings the start command last wrote for a store, from the audit trail; undefined when it never did. */
async function lastSandboxSettings(db: Database, storeId: string): Promise<unknown> {
  const { items } = await listAuditEvents(db, {
    filter: { storeId, action: SANDBOX_SETTINGS_ACTION, actor: SANDBOX_ACTOR },
    first: 1,
  });
  const details = items[0]?.details as { after?: unknown } | null | undefined;
  return details?.after;
}

/**
 * Gives a sandbox store the sandbox's settings unless a person has set their own. The rule: the store's settings are
 * the sandbox's own when they are empty (never set) or exactly what the last start wrote (the `after` of its newest
 * `store.sandbox_settings` audit event); only then are they replaced, which refreshes the org's ids (the sandbox org
 * starts empty on every start, so its ids change). Anything else was saved by a person and is kept as it is, even
 * when its ids now point at nothing: the console says so, and clearing the settings hands the store back.
 */
export async function applySandboxSettings(
  db: Database,
  store: StoreSummary,
  settings: Record<string, unknown>,
  now: Date,
): Promise<'written' | 'unchanged' | 'kept'> {
  const current = store.settings;
  const own = Object.keys(current).length === 0 || isDeepStrictEqual(current, await lastSandboxSettings(db, store.id));
  if (!own) return 'kept';
  if (isDeepStrictEqual(current, settings)) return 'unchanged';
  await inTransaction(db, async (tx) => {
    await replaceStoreSettings(tx.db, store.id, settings, now);
    await recordAuditEvent(tx.db, {
      actor: SANDBOX_ACTOR,
      actorRole: 'admin',
      action: SANDBOX_SETTINGS_ACTION,
      targetType: 'store',
      targetId: store.id,
      storeId: store.id,
      details: { before: current, after: settings },
      occurredAt: now,
    });
  });
  return 'written';
}
