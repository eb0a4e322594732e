import { JsonNumber } from './json';
import { tableByName, type OrgContext } from './context';
import { createRow } from './writes/write-ops';

/**
 * Reference data an org needs before orders can be written: the root business unit with its default team and the
 * application user the sync signs in as (plus child units, teams and users when asked), currencies (the first one is
 * the base currency), a unit group with its base unit "Primary Unit" (Dynamics' default unit group), and one price
 * list per currency (plus named ones). Written through the same validated path as requests.
 */

/** One currency to create. Amounts are decimal strings. */
export interface CurrencySeed {
  isoCode: string;
  name: string;
  symbol: string;
  /** transactioncurrency.currencyprecision; 2 unless given. */
  precision?: number;
  /** Units of this currency per base currency unit, e.g. "0.92". */
  exchangeRate?: string;
}

/** A child business unit of the root, with its default team (made with it), owner teams and users. */
export interface BusinessUnitSeed {
  name: string;
  /** Owner teams (teamtype 0) besides the unit's default team. */
  teams?: string[];
  users?: { firstName: string; lastName: string; email: string }[];
}

/** A price list besides the "<ISO> Price List" one each currency gets; `currency` is a seeded ISO code. */
export interface PriceListSeed {
  name: string;
  currency: string;
}

/** What an org starts with. */
export interface OrgSeed {
  /** Currencies (the first is the base). Default: USD only. */
  currencies?: CurrencySeed[];
  /** The root business unit's name (and its default team's); default: the org's host name. */
  organizationName?: string;
  /** The Entra ID application (client) id of the application user the sync signs in as. */
  applicationId?: string;
  businessUnits?: BusinessUnitSeed[];
  priceLists?: PriceListSeed[];
}

/** Ids of what the seed created. */
export interface SeededReference {
  baseCurrencyId: string;
  currencyIds: Record<string, string>;
  /** The "<ISO> Price List" of each currency, by ISO code. */
  priceLevelIds: Record<string, string>;
  /** Every price list by name, the per-currency ones included. */
  priceListIds: Record<string, string>;
  uomScheduleId: string;
  uomId: string;
  rootBusinessUnitId: string;
  /** The application user the org's callers act as (context.userId). */
  applicationUserId: string;
  /** Business units by name, the root included. */
  businessUnitIds: Record<string, string>;
  /** Teams by name, the default team of each business unit included (it has the unit's name). */
  teamIds: Record<string, string>;
  /** Users by email. */
  userIds: Record<string, string>;
}

const OPTIONS = { detectDuplicates: false };

/** Adds a currency and its price list ("<ISO> Price List"). */
export function addCurrency(
  context: OrgContext,
  seeded: Pick<SeededReference, 'currencyIds' | 'priceLevelIds'> & Partial<Pick<SeededReference, 'priceListIds'>>,
  seed: CurrencySeed,
): string {
  const currency = createRow(
    context,
    tableByName(context, 'transactioncurrency'),
    {
      isocurrencycode: seed.isoCode,
      currencyname: seed.name,
      currencysymbol: seed.symbol,
      currencyprecision: new JsonNumber(String(seed.precision ?? 2)),
      exchangerate: new JsonNumber(seed.exchangeRate ?? '1'),
    },
    OPTIONS,
  );
  const priceLevel = createRow(
    context,
    tableByName(context, 'pricelevel'),
    {
      name: `${seed.isoCode} Price List`,
      'transactioncurrencyid@odata.bind': `/transactioncurrencies(${currency.id})`,
    },
    OPTIONS,
  );
  seeded.currencyIds[seed.isoCode] = currency.id;
  seeded.priceLevelIds[seed.isoCode] = priceLevel.id;
  if (seeded.priceListIds) seeded.priceListIds[`${seed.isoCode} Price List`] = priceLevel.id;
  return currency.id;
}

function addPriceList(context: OrgContext, seeded: Pick<SeededReference, 'currencyIds'>, seed: PriceListSeed): string {
  const currencyId = seeded.currencyIds[seed.currency];
  if (currencyId === undefined) {
    throw new Error(
      `Seed price list '${seed.name}' names currency ${seed.currency}, which the org does not have (${Object.keys(seeded.currencyIds).join(', ')}): add it to seed.currencies.`,
    );
  }
  return createRow(
    context,
    tableByName(context, 'pricelevel'),
    { name: seed.name, 'transactioncurrencyid@odata.bind': `/transactioncurrencies(${currencyId})` },
    OPTIONS,
  ).id;
}

/** A business unit with its default team: an owner team of the unit's name, administered by `adminId`. The team is
 * the platform's, so isdefault is set beside the request body. */
function addBusinessUnit(
  context: OrgContext,
  name: string,
  parentId: string | undefined,
  adminId: string,
): { unitId: string; teamId: string } {
  const unit = createRow(
    context,
    tableByName(context, 'businessunit'),
    { name, ...(parentId ? { 'parentbusinessunitid@odata.bind': `/businessunits(${parentId})` } : {}) },
    OPTIONS,
    { isdisabled: false },
  );
  return { unitId: unit.id, teamId: addTeam(context, name, unit.id, adminId, true) };
}

function addTeam(context: OrgContext, name: string, unitId: string, adminId: string, isDefault: boolean): string {
  return createRow(
    context,
    tableByName(context, 'team'),
    {
      name,
      teamtype: new JsonNumber('0'),
      'businessunitid@odata.bind': `/businessunits(${unitId})`,
      'administratorid@odata.bind': `/systemusers(${adminId})`,
    },
    OPTIONS,
    { isdefault: isDefault },
  ).id;
}

/** The root business unit's name: the given one, else the org's first host label (`contoso` of
 * contoso.crm.dynamics.com), else "sandbox" for an IP address or localhost. */
function organizationName(context: OrgContext, given: string | undefined): string {
  if (given !== undefined) return given;
  let host = '';
  try {
    host = new URL(context.name).hostname;
  } catch {
    host = context.name;
  }
  const label = host.split('.')[0] ?? '';
  return /^[a-z][a-z0-9-]*$/i.test(label) && label !== 'localhost' ? label : 'sandbox';
}

/**
 * The security side of a new org: the root business unit with its default team, the application user the sync
 * signs in as (id = context.userId, the caller every request acts as; application users are Non-interactive,
 * accessmode 4, and named "# <app>"), then the seed's child units with their default teams, owner teams and users.
 */
function seedSecurity(
  context: OrgContext,
  seed: OrgSeed,
): Pick<SeededReference, 'rootBusinessUnitId' | 'applicationUserId' | 'businessUnitIds' | 'teamIds' | 'userIds'> {
  const rootName = organizationName(context, seed.organizationName);
  const root = createRow(context, tableByName(context, 'businessunit'), { name: rootName }, OPTIONS, {
    isdisabled: false,
  });
  const users = tableByName(context, 'systemuser');
  createRow(
    context,
    users,
    {
      systemuserid: context.userId,
      firstname: '#',
      lastname: 'Shopverse sync',
      domainname: `shopverse-sync@${rootName}.sandbox.test`,
      applicationid: seed.applicationId ?? context.newId(),
      accessmode: new JsonNumber('4'),
      isdisabled: false,
      'businessunitid@odata.bind': `/businessunits(${root.id})`,
    },
    OPTIONS,
  );
  const businessUnitIds: Record<string, string> = { [rootName]: root.id };
  const teamIds: Record<string, string> = { [rootName]: addTeam(context, rootName, root.id, context.userId, true) };
  const userIds: Record<string, string> = {};
  for (const unitSeed of seed.businessUnits ?? []) {
    const { unitId, teamId } = addBusinessUnit(context, unitSeed.name, root.id, context.userId);
    businessUnitIds[unitSeed.name] = unitId;
    teamIds[unitSeed.name] = teamId;
    for (const team of unitSeed.teams ?? []) teamIds[team] = addTeam(context, team, unitId, context.userId, false);
    for (const person of unitSeed.users ?? []) {
      userIds[person.email] = createRow(
        context,
        users,
        {
          firstname: person.firstName,
          lastname: person.lastName,
          domainname: person.email,
          internalemailaddress: person.email,
          accessmode: new JsonNumber('0'),
          isdisabled: false,
          'businessunitid@odata.bind': `/businessunits(${unitId})`,
        },
        OPTIONS,
      ).id;
    }
  }
  return { rootBusinessUnitId: root.id, applicationUserId: context.userId, businessUnitIds, teamIds, userIds };
}

/** Seeds the business units, teams and users, the base currency (USD unless given first), the default unit group
 * and unit, and the price lists. */
export function seedReference(context: OrgContext, seed: OrgSeed = {}): SeededReference {
  const security = seedSecurity(context, seed);
  const currencies = seed.currencies ?? [];
  const list = currencies.length > 0 ? currencies : [{ isoCode: 'USD', name: 'US Dollar', symbol: '$' }];
  const seeded: Pick<SeededReference, 'currencyIds' | 'priceLevelIds' | 'priceListIds'> = {
    currencyIds: {},
    priceLevelIds: {},
    priceListIds: {},
  };
  for (const currency of list) addCurrency(context, seeded, currency);
  for (const priceList of seed.priceLists ?? [])
    seeded.priceListIds[priceList.name] = addPriceList(context, seeded, priceList);
  const schedule = createRow(
    context,
    tableByName(context, 'uomschedule'),
    { name: 'Default Unit', baseuomname: 'Primary Unit' },
    OPTIONS,
  );
  const uomTable = tableByName(context, 'uom');
  const uom = createRow(
    context,
    uomTable,
    {
      name: 'Primary Unit',
      quantity: new JsonNumber('1'),
      isschedulebaseuom: true,
      'uomscheduleid@odata.bind': `/uomschedules(${schedule.id})`,
    },
    OPTIONS,
  );
  // The base unit is its own base (uom.baseuom, Unit.cdm.json).
  context.store.update('uom', uom.id, { baseuom: { kind: 'lookup', table: 'uom', id: uom.id } });
  const first = list[0]?.isoCode ?? 'USD';
  return {
    ...seeded,
    ...security,
    baseCurrencyId: seeded.currencyIds[first] ?? '',
    uomScheduleId: schedule.id,
    uomId: uom.id,
  };
}
