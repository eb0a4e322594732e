/**
 * The backfill scenario's shop (issue 10, scenario 1): customers and orders drawn from a seeded random generator, so
 * the measured backfill and the naive strategy see the same data, run after run. Plain data only: seeding it into the
 * Shopify simulator is backfill-shop.ts's job.
 */
import { createPrng } from '@shopverse/sandbox';

/** A presentment currency the shop sells in, with what the CRM's transactioncurrency row needs. */
export interface BackfillCurrency {
  code: string;
  name: string;
  symbol: string;
  /** Units per US dollar, as Dynamics keeps transactioncurrency.exchangerate against the base currency. */
  exchangeRate: string;
  /** Where buyers who pay in it live. */
  country: { code: string; provinceCode: string | null; city: string; zip: string };
  /** Share of buyers from that country. */
  weight: number;
}

/**
 * The shop is in US dollars; buyers abroad pay in their own currency (Shopify Markets). Only currencies the Shopify
 * simulator has a rate for (money-input.ts's table), so both money sets of an order are consistent.
 */
export const BACKFILL_CURRENCIES: readonly BackfillCurrency[] = [
  {
    code: 'USD',
    name: 'US Dollar',
    symbol: '$',
    exchangeRate: '1',
    country: { code: 'US', provinceCode: 'NY', city: 'New York', zip: '10001' },
    weight: 0.5,
  },
  {
    code: 'EUR',
    name: 'Euro',
    symbol: '€',
    exchangeRate: '0.92',
    country: { code: 'DE', provinceCode: null, city: 'Berlin', zip: '10115' },
    weight: 0.15,
  },
  {
    code: 'GBP',
    name: 'Pound Sterling',
    symbol: '£',
    exchangeRate: '0.79',
    country: { code: 'GB', provinceCode: null, city: 'London', zip: 'SW1A 1AA' },
    weight: 0.12,
  },
  {
    code: 'CAD',
    name: 'Canadian Dollar',
    symbol: 'CA$',
    exchangeRate: '1.36',
    country: { code: 'CA', provinceCode: 'ON', city: 'Toronto', zip: 'M5V 2T6' },
    weight: 0.13,
  },
  {
    code: 'AUD',
    name: 'Australian Dollar',
    symbol: 'A$',
    exchangeRate: '1.52',
    country: { code: 'AU', provinceCode: 'NSW', city: 'Sydney', zip: '2000' },
    weight: 0.1,
  },
];

/** The shop's own currency. */
export const SHOP_CURRENCY = 'USD';

/** What happens to an order after it is placed. */
export type OrderFate = 'open' | 'fulfilled' | 'refunded' | 'partiallyRefunded' | 'cancelled';

/** A MailingAddressInput. */
export interface AddressInput {
  firstName: string;
  lastName: string;
  address1: string;
  city: string;
  countryCode: string;
  provinceCode: string | null;
  zip: string;
}

/** A customerCreate input. */
export interface BackfillCustomer {
  email: string;
  phone: string | null;
  firstName: string;
  lastName: string;
  addresses: AddressInput[];
  /** Index into BACKFILL_CURRENCIES: where the customer lives. */
  currency: number;
}

/** A money amount as MoneyBagInput gives it: in the order's presentment currency (the simulator converts). */
interface Money {
  shopMoney: { amount: string; currencyCode: string };
}

/** One order line, its amounts in minor units of the presentment currency. */
export interface BackfillLine {
  title: string;
  sku: string;
  quantity: number;
  priceSet: Money;
  taxLines: { title: string; rate: number; priceSet: Money }[];
}

/** One order: orderCreate's input less its customer (named by index, the shop's id is known only once seeded). */
export interface BackfillOrder {
  /** Index into the customers, or null for a guest checkout. */
  customer: number | null;
  email: string;
  presentmentCurrency: string;
  processedAt: string;
  lines: BackfillLine[];
  shipping: { title: string; code: string; source: string; priceSet: Money };
  /** What the buyer pays, in minor units of the presentment currency. */
  totalMinor: number;
  paid: boolean;
  fate: OrderFate;
  address: AddressInput;
}

export interface BackfillData {
  customers: BackfillCustomer[];
  orders: BackfillOrder[];
}

const FIRST_NAMES = ['Ada', 'Ben', 'Chloé', 'Dmitri', 'Eva', 'Farah', 'Greta', 'Hiro', 'Ines', 'Jonas', 'Kemi', 'Liam'];
const LAST_NAMES = ['Archer', 'Becker', "O'Brien", 'Dubois', 'Evans', 'Fischer', 'García', 'Huang', 'Ivanova', 'Jones'];
const PRODUCTS = ['Linen shirt', 'Wool scarf', 'Canvas tote', 'Leather belt', 'Rain jacket', 'Cotton socks (3)'];
const VARIANTS = ['S', 'M', 'L', 'XL', 'Navy', 'Olive'];
const STREETS = ['Main Street', 'High Street', 'Hauptstraße', 'King Street', 'George Street'];
const TAX_RATE = { title: 'Sales tax', rate: 0.0725 };

const minor = (units: number) => (units / 100).toFixed(2);
const money = (units: number, currencyCode: string): Money => ({ shopMoney: { amount: minor(units), currencyCode } });

/** Each option with its weight; the roll is in [0, 1). */
function weighted<T>(random: () => number, options: readonly T[], weightOf: (option: T) => number): number {
  let roll = random() * options.reduce((sum, option) => sum + weightOf(option), 0);
  for (const [index, option] of options.entries()) {
    roll -= weightOf(option);
    if (roll < 0) return index;
  }
  return options.length - 1;
}

export function generateBackfillData(options: { seed: number; customers: number; orders: number }): BackfillData {
  const random = createPrng(options.seed).next;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const addressIn = (currency: number, firstName: string, lastName: string): AddressInput => {
    const { country } = BACKFILL_CURRENCIES[currency] as BackfillCurrency;
    return {
      firstName,
      lastName,
      address1: `${int(1, 250)} ${pick(STREETS)}`,
      city: country.city,
      countryCode: country.code,
      provinceCode: country.provinceCode,
      zip: country.zip,
    };
  };

  const customers: BackfillCustomer[] = [];
  for (let i = 0; i < options.customers; i += 1) {
    const currency = weighted(random, BACKFILL_CURRENCIES, (entry) => entry.weight);
    const firstName = pick(FIRST_NAMES);
    const lastName = pick(LAST_NAMES);
    customers.push({
      email: `buyer.${i}@backfill.example`,
      // Phones are unique (Shopify refuses two customers with one), and not every customer gives one.
      phone: random() < 0.4 ? `+1617${String(5_550_000 + i).padStart(7, '0')}` : null,
      firstName,
      lastName,
      addresses: [addressIn(currency, firstName, lastName)],
      currency,
    });
  }

  // Orders are spread over the year before a fixed instant, so that a seed means one data set.
  const end = Date.parse('2026-11-01T00:00:00Z');
  const orders: BackfillOrder[] = [];
  for (let i = 0; i < options.orders; i += 1) {
    const guest = customers.length === 0 || random() < 0.15;
    const customer = guest ? null : int(0, customers.length - 1);
    const buyer = customer === null ? undefined : customers[customer];
    // A buyer mostly pays in their own currency; now and then the storefront shows them the shop's.
    const home = buyer?.currency ?? weighted(random, BACKFILL_CURRENCIES, (entry) => entry.weight);
    const currency = random() < 0.85 ? home : 0;
    const code = (BACKFILL_CURRENCIES[currency] as BackfillCurrency).code;
    const lines: BackfillLine[] = [];
    let total = 0;
    for (let line = 0, count = int(1, 8); line < count; line += 1) {
      const product = int(0, PRODUCTS.length - 1);
      const quantity = int(1, 3);
      const unit = int(5, 250) * 100 + pick([0, 0, 50, 95, 99]);
      // Tax per line, rounded to the cent as Shopify does, so the order's total is known exactly.
      const tax = Math.round(unit * quantity * TAX_RATE.rate);
      total += unit * quantity + tax;
      lines.push({
        title: PRODUCTS[product] as string,
        sku: `BF-${product}-${pick(VARIANTS)}`,
        quantity,
        priceSet: money(unit, code),
        taxLines: [{ ...TAX_RATE, priceSet: money(tax, code) }],
      });
    }
    const shippingMinor = pick([0, 500, 750, 1500]);
    total += shippingMinor;
    const paid = random() < 0.92;
    const roll = random();
    let fate: OrderFate = 'open';
    if (roll < 0.55) fate = 'fulfilled';
    else if (roll < 0.61 && paid) fate = 'refunded';
    else if (roll < 0.65 && paid) fate = 'partiallyRefunded';
    else if (roll < 0.69) fate = 'cancelled';
    orders.push({
      customer,
      // Every guest leaves an email: the sync matches or creates their contact by it.
      email: buyer?.email ?? `guest.${i}@backfill.example`,
      presentmentCurrency: code,
      processedAt: new Date(end - int(0, 365 * 24 * 60) * 60_000).toISOString(),
      lines,
      shipping: { title: 'Standard', code: 'STANDARD', source: 'shopify', priceSet: money(shippingMinor, code) },
      totalMinor: total,
      paid,
      fate,
      address: buyer?.addresses[0] ?? addressIn(currency, pick(FIRST_NAMES), pick(LAST_NAMES)),
    });
  }
  return { customers, orders };
}
