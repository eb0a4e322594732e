import { DataverseApiError, type DataverseClient } from '@shopverse/dataverse';
import { storeSettings, type StoreSettings } from '@shopverse/sync-core';
import { GraphQLError } from 'graphql';
import { checkFieldMapAgainstOrg } from './mappings-columns';

/** One thing wrong with submitted settings: where (`orders.priceLists.EUR`) and why, so a person can fix it. */
export interface SettingsProblem {
  path: string;
  message: string;
}

/** Settings a person submitted, checked by the sync's own schema; every problem is named by its path. */
export function validateSettingsShape(
  raw: unknown,
): { ok: true; settings: StoreSettings } | { ok: false; problems: SettingsProblem[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [{ path: '(root)', message: 'settings must be a JSON object, e.g. {}' }] };
  }
  const parsed = storeSettings.safeParse(raw);
  if (parsed.success) return { ok: true, settings: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(root)',
      message: issue.message,
    })),
  };
}

/** A row read by its id; null when the CRM has none (or no such table). */
async function readRow<T>(crm: DataverseClient, path: string): Promise<T | null> {
  try {
    return (await crm.request({ method: 'GET', path, idempotent: true })).body as T;
  } catch (error) {
    if (error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND') return null;
    throw error;
  }
}

const exists = async (crm: DataverseClient, path: string): Promise<boolean> =>
  (await readRow<unknown>(crm, path)) !== null;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The team types that can own records: owner teams (0) and Microsoft Entra group teams (2 security, 3 Microsoft 365),
 * which Dataverse lets own records as owner teams do. Access teams (1) only share records and cannot own them.
 */
export const OWNING_TEAM_TYPES: ReadonlySet<number> = new Set([0, 2, 3]);

async function ownerProblems(settings: StoreSettings, crm: DataverseClient): Promise<SettingsProblem[]> {
  const { owner, businessUnitId } = settings.ownership;
  const problems: SettingsProblem[] = [];
  if (owner?.kind === 'team') {
    const team = await readRow<{ name?: string; teamtype?: number }>(
      crm,
      `teams(${owner.id})?$select=teamid,name,teamtype`,
    );
    if (!team) {
      problems.push({ path: 'ownership.owner', message: `the CRM has no team with id ${owner.id}` });
    } else if (typeof team.teamtype === 'number' && !OWNING_TEAM_TYPES.has(team.teamtype)) {
      problems.push({
        path: 'ownership.owner',
        message: `team ${team.name ?? owner.id} is an access team, and access teams cannot own records; choose an owner team`,
      });
    }
  } else if (owner?.kind === 'user') {
    const user = await readRow<{ fullname?: string; isdisabled?: boolean }>(
      crm,
      `systemusers(${owner.id})?$select=systemuserid,fullname,isdisabled`,
    );
    if (!user) {
      problems.push({ path: 'ownership.owner', message: `the CRM has no user (systemuser) with id ${owner.id}` });
    } else if (user.isdisabled === true) {
      problems.push({
        path: 'ownership.owner',
        message: `user ${user.fullname ?? owner.id} is disabled in the CRM and cannot own records; choose an enabled user or a team`,
      });
    }
  }
  if (businessUnitId) {
    const unit = await readRow<{ name?: string; isdisabled?: boolean }>(
      crm,
      `businessunits(${businessUnitId})?$select=businessunitid,name,isdisabled`,
    );
    if (!unit) {
      problems.push({
        path: 'ownership.businessUnitId',
        message: `the CRM has no business unit with id ${businessUnitId}`,
      });
    } else if (unit.isdisabled === true) {
      problems.push({
        path: 'ownership.businessUnitId',
        message: `business unit ${unit.name ?? businessUnitId} is disabled in the CRM; choose an enabled one`,
      });
    }
  }
  return problems;
}

async function parentAccountProblems(settings: StoreSettings, crm: DataverseClient): Promise<SettingsProblem[]> {
  const id = settings.customers.parentAccountId;
  if (!id) return [];
  const path = 'customers.parentAccountId';
  const account = await readRow<{ name?: string; statecode?: number }>(
    crm,
    `accounts(${id})?$select=accountid,name,statecode`,
  );
  if (!account) return [{ path, message: `the CRM has no account with id ${id}` }];
  if (account.statecode !== undefined && account.statecode !== 0) {
    return [
      {
        path,
        message: `account ${account.name ?? id} is inactive in the CRM; activate it there or choose an active account`,
      },
    ];
  }
  return [];
}

async function priceListProblems(settings: StoreSettings, crm: DataverseClient): Promise<SettingsProblem[]> {
  const problems: SettingsProblem[] = [];
  // Several lists usually share a few currencies: each currency's ISO code is read once.
  const isoCodes = new Map<string, string | null>();
  const isoCodeOf = async (currencyId: string) => {
    if (!isoCodes.has(currencyId)) {
      const currency = await readRow<{ isocurrencycode?: string }>(
        crm,
        `transactioncurrencies(${currencyId})?$select=isocurrencycode`,
      );
      isoCodes.set(currencyId, currency?.isocurrencycode ?? null);
    }
    return isoCodes.get(currencyId) ?? null;
  };
  for (const [currency, id] of Object.entries(settings.orders.priceLists)) {
    const path = `orders.priceLists.${currency}`;
    if (!GUID.test(id)) {
      problems.push({ path, message: `"${id}" is not a price list id (a GUID, the pricelevelid)` });
      continue;
    }
    const list = await readRow<{ name?: string; statecode?: number; _transactioncurrencyid_value?: string | null }>(
      crm,
      `pricelevels(${id})?$select=pricelevelid,name,statecode,_transactioncurrencyid_value`,
    );
    if (!list) {
      problems.push({ path, message: `the CRM has no price list (pricelevel) with id ${id}` });
      continue;
    }
    const name = list.name ?? id;
    // Dynamics refuses an order whose price list is in another currency than the order, or is inactive.
    const listCurrency = list._transactioncurrencyid_value ? await isoCodeOf(list._transactioncurrencyid_value) : null;
    if (listCurrency && listCurrency !== currency) {
      problems.push({ path, message: `price list ${name} is in ${listCurrency}, not ${currency}` });
    } else if (list.statecode !== undefined && list.statecode !== 0) {
      problems.push({
        path,
        message: `price list ${name} is inactive in the CRM; activate it there or choose another`,
      });
    }
  }
  return problems;
}

/**
 * The settings that name things in the CRM, checked against the org's data and metadata: an owner that cannot own
 * records, a disabled business unit, an inactive parent account, a price list that does not exist or is in another
 * currency, a custom table that was never created, or a field map column the org does not have (or of the wrong type
 * or too short) would otherwise fail every write much later. `prefix` is the org's publisher prefix (`sv`).
 */
export async function checkSettingsAgainstOrg(
  settings: StoreSettings,
  crm: DataverseClient,
  prefix = 'sv',
): Promise<SettingsProblem[]> {
  const problems: SettingsProblem[] = [];
  problems.push(...(await ownerProblems(settings, crm)));
  problems.push(...(await parentAccountProblems(settings, crm)));
  problems.push(...(await priceListProblems(settings, crm)));
  if (settings.orders.target === 'custom') {
    for (const [role, table] of Object.entries(settings.orders.customTables)) {
      if (!/^[a-z0-9_]+$/.test(table)) {
        problems.push({ path: `orders.customTables.${role}`, message: `"${table}" is not a table's logical name` });
      } else if (!(await exists(crm, `EntityDefinitions(LogicalName='${table}')?$select=LogicalName`))) {
        problems.push({
          path: `orders.customTables.${role}`,
          message: `the CRM has no table ${table}; provision the order tables first, or fix the name`,
        });
      }
    }
  }
  problems.push(...(await checkFieldMapAgainstOrg(settings, crm, prefix)));
  return problems;
}

/** The refusal of settings, listing each problem by path; nothing is saved. */
export function settingsRefusal(storeName: string, problems: SettingsProblem[]): GraphQLError {
  const list = problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
  return new GraphQLError(`The settings of store ${storeName} were not saved: ${list}.`, {
    extensions: { code: 'BAD_USER_INPUT', argument: 'settings', problems },
  });
}
