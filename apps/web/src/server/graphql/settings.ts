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

async function exists(crm: DataverseClient, path: string): Promise<boolean> {
  try {
    await crm.request({ method: 'GET', path, idempotent: true });
    return true;
  } catch (error) {
    if (error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND') return false;
    throw error;
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The settings that name things in the CRM, checked against the org's data and metadata: a price list id that does
 * not exist, a custom table that was never created, or a field map column the org does not have (or of the wrong type
 * or too short) would otherwise fail every write much later. `prefix` is the org's publisher prefix (`sv`).
 */
export async function checkSettingsAgainstOrg(
  settings: StoreSettings,
  crm: DataverseClient,
  prefix = 'sv',
): Promise<SettingsProblem[]> {
  const problems: SettingsProblem[] = [];
  for (const [currency, id] of Object.entries(settings.orders.priceLists)) {
    const path = `orders.priceLists.${currency}`;
    if (!GUID.test(id)) {
      problems.push({ path, message: `"${id}" is not a price list id (a GUID, the pricelevelid)` });
    } else if (!(await exists(crm, `pricelevels(${id})?$select=pricelevelid`))) {
      problems.push({ path, message: `the CRM has no price list (pricelevel) with id ${id}` });
    }
  }
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
