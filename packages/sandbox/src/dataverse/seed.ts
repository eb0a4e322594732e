import { JsonNumber } from './json';
import { tableByName, type OrgContext } from './context';
import { createRow } from './writes/write-ops';

/**
 * Reference data an org needs before orders can be written: currencies (the first one is the base currency), a
 * unit group with its base unit "Primary Unit" (Dynamics' default unit group), and one price list per currency.
 * Written through the same validated path as requests.
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

/** Ids of what the seed created. */
export interface SeededReference {
  baseCurrencyId: string;
  currencyIds: Record<string, string>;
  priceLevelIds: Record<string, string>;
  uomScheduleId: string;
  uomId: string;
}

const OPTIONS = { detectDuplicates: false };

/** Adds a currency and its price list ("<ISO> Price List"). */
export function addCurrency(
  context: OrgContext,
  seeded: Pick<SeededReference, 'currencyIds' | 'priceLevelIds'>,
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
  return currency.id;
}

/** Seeds the base currency (USD unless given first), the default unit group and unit, and the price lists. */
export function seedReference(context: OrgContext, currencies: CurrencySeed[]): SeededReference {
  const list = currencies.length > 0 ? currencies : [{ isoCode: 'USD', name: 'US Dollar', symbol: '$' }];
  const seeded = { currencyIds: {}, priceLevelIds: {} } as Pick<SeededReference, 'currencyIds' | 'priceLevelIds'>;
  for (const currency of list) addCurrency(context, seeded, currency);
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
    baseCurrencyId: seeded.currencyIds[first] ?? '',
    uomScheduleId: schedule.id,
    uomId: uom.id,
  };
}
