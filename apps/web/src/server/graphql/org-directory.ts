import { type CrmOrgSummary, findStore, orgsOfStore } from '@shopverse/db';
import { DataverseApiError, type DataverseClient } from '@shopverse/dataverse';
import { GraphQLError } from 'graphql';
import { badInput } from './attempts';
import { odataString } from './mappings-crm';
import { type AdminContext, orgClient, orgFailureReason } from './orgs';
import { OWNING_TEAM_TYPES } from './settings';

/** A team that can own records (settings.ts, OWNING_TEAM_TYPES). */
export interface OrgTeam {
  id: string;
  name: string;
  businessUnitId: string | null;
  teamType: number;
}

/** An enabled user of the org; `application` when it is an application user (a service principal, like the sync). */
export interface OrgUser {
  id: string;
  fullName: string;
  email: string | null;
  businessUnitId: string | null;
  application: boolean;
}

export interface OrgBusinessUnit {
  id: string;
  name: string;
  parentId: string | null;
}

export interface OrgPriceList {
  id: string;
  name: string;
  /** The ISO code of the list's currency; null when the CRM did not say. */
  currency: string | null;
}

export interface OrgAccount {
  id: string;
  name: string;
  active: boolean;
}

/** What the settings form offers to choose from, read from the store's org; `problem` says why it could not be. */
export interface OrgDirectory {
  orgName: string | null;
  problem: string | null;
  /** False when a list stopped at LIMIT rows: the form then also takes an id typed in. */
  complete: boolean;
  teams: OrgTeam[];
  users: OrgUser[];
  businessUnits: OrgBusinessUnit[];
  priceLists: OrgPriceList[];
}

/** The most rows a list of the directory holds: a select of thousands helps nobody, and the form takes an id too. */
export const LIMIT = 1000;

/** Accounts a search answers with. */
export const ACCOUNT_SEARCH_LIMIT = 20;

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

async function readAll<T>(crm: DataverseClient, path: string): Promise<{ rows: T[]; complete: boolean }> {
  const rows: T[] = [];
  for await (const page of crm.query<T>(path)) {
    rows.push(...page);
    if (rows.length >= LIMIT) return { rows: rows.slice(0, LIMIT), complete: false };
  }
  return { rows, complete: true };
}

interface TeamRow {
  teamid: string;
  name?: string | null;
  _businessunitid_value?: string | null;
  teamtype?: number | null;
}

interface UserRow {
  systemuserid: string;
  fullname?: string | null;
  internalemailaddress?: string | null;
  isdisabled?: boolean | null;
  _businessunitid_value?: string | null;
  applicationid?: string | null;
}

interface BusinessUnitRow {
  businessunitid: string;
  name?: string | null;
  _parentbusinessunitid_value?: string | null;
  isdisabled?: boolean | null;
}

interface PriceListRow {
  pricelevelid: string;
  name?: string | null;
  _transactioncurrencyid_value?: string | null;
}

interface CurrencyRow {
  transactioncurrencyid: string;
  isocurrencycode?: string | null;
}

/** The org's owner teams, enabled users, enabled business units and active price lists with their currencies. */
export async function readOrgDirectory(crm: DataverseClient): Promise<Omit<OrgDirectory, 'orgName' | 'problem'>> {
  const [teams, users, units, lists, currencies] = await Promise.all([
    readAll<TeamRow>(crm, 'teams?$select=teamid,name,_businessunitid_value,teamtype'),
    readAll<UserRow>(
      crm,
      'systemusers?$select=systemuserid,fullname,internalemailaddress,isdisabled,_businessunitid_value,applicationid&$filter=isdisabled eq false',
    ),
    readAll<BusinessUnitRow>(
      crm,
      'businessunits?$select=businessunitid,name,_parentbusinessunitid_value,isdisabled&$filter=isdisabled eq false',
    ),
    readAll<PriceListRow>(
      crm,
      'pricelevels?$select=pricelevelid,name,_transactioncurrencyid_value&$filter=statecode eq 0',
    ),
    readAll<CurrencyRow>(crm, 'transactioncurrencies?$select=transactioncurrencyid,isocurrencycode'),
  ]);
  const isoCodes = new Map(currencies.rows.map((row) => [row.transactioncurrencyid, row.isocurrencycode ?? null]));
  return {
    complete: [teams, users, units, lists].every((list) => list.complete),
    teams: teams.rows
      .filter((row) => typeof row.teamtype !== 'number' || OWNING_TEAM_TYPES.has(row.teamtype))
      .map((row) => ({
        id: row.teamid,
        name: row.name ?? row.teamid,
        businessUnitId: row._businessunitid_value ?? null,
        teamType: row.teamtype ?? 0,
      }))
      .sort(byName),
    users: users.rows
      .map((row) => ({
        id: row.systemuserid,
        fullName: row.fullname ?? row.internalemailaddress ?? row.systemuserid,
        email: row.internalemailaddress ?? null,
        businessUnitId: row._businessunitid_value ?? null,
        // Dataverse answers the empty GUID for people, an app's id for application users.
        application: Boolean(row.applicationid) && !/^0{8}-0{4}-0{4}-0{4}-0{12}$/.test(row.applicationid ?? ''),
      }))
      .sort((a, b) => a.fullName.localeCompare(b.fullName)),
    businessUnits: units.rows
      .map((row) => ({
        id: row.businessunitid,
        name: row.name ?? row.businessunitid,
        parentId: row._parentbusinessunitid_value ?? null,
      }))
      .sort(byName),
    priceLists: lists.rows
      .map((row) => ({
        id: row.pricelevelid,
        name: row.name ?? row.pricelevelid,
        currency: row._transactioncurrencyid_value ? (isoCodes.get(row._transactioncurrencyid_value) ?? null) : null,
      }))
      .sort(byName),
  };
}

interface AccountRow {
  accountid: string;
  name?: string | null;
  statecode?: number | null;
}

const accountOf = (row: AccountRow): OrgAccount => ({
  id: row.accountid,
  name: row.name ?? row.accountid,
  active: row.statecode === 0,
});

/** Active accounts whose name contains `search` (any case), the first ACCOUNT_SEARCH_LIMIT by name. */
export async function searchAccounts(crm: DataverseClient, search: string): Promise<OrgAccount[]> {
  const filter = ['statecode eq 0', ...(search ? [`contains(name,${odataString(search)})`] : [])].join(' and ');
  const response = await crm.request({
    method: 'GET',
    path: `accounts?$select=accountid,name,statecode&$filter=${encodeURIComponent(filter)}&$orderby=name&$top=${ACCOUNT_SEARCH_LIMIT}`,
    idempotent: true,
  });
  return (response.body as { value: AccountRow[] }).value.map(accountOf);
}

/** One account by id, active or not (the form names the saved parent account); null when the CRM has none. */
export async function accountById(crm: DataverseClient, id: string): Promise<OrgAccount | null> {
  try {
    const response = await crm.request({
      method: 'GET',
      path: `accounts(${id})?$select=accountid,name,statecode`,
      idempotent: true,
    });
    return accountOf(response.body as AccountRow);
  } catch (error) {
    if (error instanceof DataverseApiError && error.code === 'DATAVERSE_NOT_FOUND') return null;
    throw error;
  }
}

async function storeOrg(context: AdminContext, storeId: string) {
  const store = await findStore(context.db, storeId);
  if (!store) throw badInput(`No store with id ${storeId}; the stores query lists them.`, 'storeId');
  const [org] = await orgsOfStore(context.db, store.id);
  return { store, org };
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const orgDirectoryResolvers = {
  // Reads only, like every query: any signed-in role may ask (the form is read only below admin, but shows names).
  orgDirectory: async (_parent: unknown, args: { storeId: string }, context: AdminContext): Promise<OrgDirectory> => {
    const { store, org } = await storeOrg(context, args.storeId);
    const empty = { complete: false, teams: [], users: [], businessUnits: [], priceLists: [] };
    if (!org) {
      const problem = `store ${store.name} writes to no CRM org yet; connect it to one on the Stores page`;
      return { orgName: null, problem, ...empty };
    }
    try {
      return { orgName: org.name, problem: null, ...(await readOrgDirectory(await orgClient(context, org))) };
    } catch (error) {
      // The form falls back to typed ids: a CRM that cannot be read must not keep a person from editing settings.
      return { orgName: org.name, problem: directoryFailure(org, error), ...empty };
    }
  },
  orgAccounts: async (
    _parent: unknown,
    args: { storeId: string; search?: string | null; id?: string | null },
    context: AdminContext,
  ): Promise<OrgAccount[]> => {
    const { store, org } = await storeOrg(context, args.storeId);
    if (!org) throw badInput(`Store ${store.name} writes to no CRM org yet; connect it to one first.`, 'storeId');
    const id = args.id?.trim();
    if (id && !GUID.test(id)) throw badInput(`"${id}" is not an account id (a GUID, the accountid).`, 'id');
    const crm = await orgClient(context, org);
    try {
      if (id) {
        const account = await accountById(crm, id);
        return account ? [account] : [];
      }
      return await searchAccounts(crm, args.search?.trim() ?? '');
    } catch (error) {
      throw new GraphQLError(`The accounts of ${org.name} could not be read: ${directoryFailure(org, error)}`, {
        extensions: { code: 'CRM_UNAVAILABLE' },
      });
    }
  },
};

function directoryFailure(org: CrmOrgSummary, error: unknown): string {
  if (error instanceof GraphQLError) return error.message;
  return orgFailureReason(org, error);
}
