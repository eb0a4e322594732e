import { addressIn, uniquePhone, type DemoCompany, type DemoPerson, type Identity } from './customers';
import { ORDER_CREATE } from './documents';
import { moneyBag, type Currencies } from './money';
import { pickString, type DemoContext, type DemoOperation } from './operation';
import { discountCodeInput, lineItemInputs, planMoney, shippingLineInputs, type PlannedMoney } from './order-lines';
import type { Prng } from './prng';
import { COUNTRIES, GATEWAYS, NAMES, PER_USD_MICROS, type Country } from './tables';

/** Who buys an order, which decides how orderCreate names the customer. */
export type Buyer =
  | { kind: 'customer'; person: DemoPerson }
  | { kind: 'upsert-new'; email: string; firstName: string; lastName: string; country: Country }
  | { kind: 'upsert-shared-email'; person: DemoPerson }
  | { kind: 'guest'; email: string | null; phone: string | null; country: Country; sharedWith: DemoPerson | null }
  | { kind: 'b2b'; company: DemoCompany };

/** How the order was paid: a captured sale (refundable), an authorization only, or nothing yet. */
export type Payment = 'paid' | 'authorized' | 'pending';

/** What the generator decided about one order, for its follow-ups. */
export interface PlannedOrder {
  key: string;
  buyer: Buyer;
  money: PlannedMoney;
  payment: Payment;
  gateway: string;
}

/** The world orders are drawn from. */
export interface OrderWorld {
  people: DemoPerson[];
  companies: DemoCompany[];
  shop: { currencyCode: string; taxesIncluded: boolean };
  now: Date;
  /** Emails and phones of the shop's guests and new buyers are drawn like its customers' (see Identity). */
  identity: Identity;
  /** Share of the orders bought for a company location. */
  b2bShare: number;
}

/**
 * The first orders walk through every kind of buyer once (b2b, customer, shared email, new, and the three kinds of
 * guest), so that even a small data set has each; later ones are drawn at random.
 */
const FIRST_ROLLS: readonly [number, number][] = [
  [0.05, 0],
  [0.3, 0],
  [0.63, 0],
  [0.7, 0],
  [0.9, 0.1],
  [0.9, 0.4],
  [0.9, 0.8],
];

/**
 * Stretches a uniform roll so that `b2bShare` of it falls below 0.1 (a B2B order) and the rest keeps the default
 * proportions of the other kinds of buyer above it. The default share of 0.1 leaves the roll as drawn (not even
 * rounded differently), so that a seed gives the data it gave before the share existed.
 */
function rollFor(roll: number, b2bShare: number): number {
  if (b2bShare === 0.1) return roll;
  return roll < b2bShare ? (roll * 0.1) / b2bShare : 0.1 + ((roll - b2bShare) * 0.9) / (1 - b2bShare);
}

function pickBuyer(prng: Prng, index: number, world: OrderWorld): Buyer {
  const withEmail = world.people.filter((p) => p.email !== null);
  const [roll, guestRoll] = FIRST_ROLLS[index] ?? [rollFor(prng.next(), world.b2bShare), prng.next()];
  const { tag } = world.identity;
  if (roll < 0.1 && world.companies.length > 0) return { kind: 'b2b', company: prng.pick(world.companies) };
  if (roll < 0.6 && world.people.length > 0) return { kind: 'customer', person: prng.pick(world.people) };
  if (roll < 0.66 && withEmail.length > 0) return { kind: 'upsert-shared-email', person: prng.pick(withEmail) };
  if (roll < 0.78) {
    const country = prng.pick(COUNTRIES);
    const names = NAMES[country.names];
    return {
      kind: 'upsert-new',
      email: `new.buyer.${tag}${index}@example.org`,
      firstName: prng.pick(names.first),
      lastName: prng.pick(names.last),
      country,
    };
  }
  // Guest checkouts: by email, by phone only, or with the email of a registered customer (a shared inbox).
  const country = prng.pick(COUNTRIES);
  if (guestRoll < 0.3 && withEmail.length > 0) {
    const person = prng.pick(withEmail);
    return { kind: 'guest', email: person.email, phone: null, country: person.country, sharedWith: person };
  }
  if (guestRoll < 0.5) {
    return {
      kind: 'guest',
      email: null,
      phone: uniquePhone(country, world.identity.phoneOffset + 100_000 + index, world.identity.salt),
      country,
      sharedWith: null,
    };
  }
  return { kind: 'guest', email: `guest.${tag}${index}@example.net`, phone: null, country, sharedWith: null };
}

function countryOf(buyer: Buyer): Country {
  switch (buyer.kind) {
    case 'customer':
    case 'upsert-shared-email':
      return buyer.person.country;
    case 'b2b':
      return buyer.company.country;
    default:
      return buyer.country;
  }
}

/** The buyer pays in their own currency when the shop has a rate for it (Shopify Markets), else in the shop's. */
function currenciesFor(prng: Prng, buyer: Buyer, shop: string): Currencies {
  const local = countryOf(buyer).currency;
  const presentment = local in PER_USD_MICROS && prng.chance(0.8) ? local : shop;
  return { shop, presentment };
}

/** The `customer`, contact and company fields of OrderCreateOrderInput for the buyer. */
function buyerFields(buyer: Buyer, context: DemoContext, poNumber: string): Record<string, unknown> {
  switch (buyer.kind) {
    case 'customer': {
      const id = pickString(context, buyer.person.key, ['customerCreate', 'customer', 'id']);
      return { customer: { toAssociate: { id } }, email: buyer.person.email, phone: buyer.person.phone };
    }
    case 'upsert-shared-email':
      // Matched by email to the existing customer, as a returning buyer who did not sign in is.
      return { customer: { toUpsert: { email: buyer.person.email } }, email: buyer.person.email };
    case 'upsert-new':
      return {
        customer: { toUpsert: { email: buyer.email, firstName: buyer.firstName, lastName: buyer.lastName } },
        email: buyer.email,
      };
    case 'guest':
      return { email: buyer.email, phone: buyer.phone };
    case 'b2b': {
      const company = ['companyCreate', 'company'];
      return {
        companyLocationId: pickString(context, buyer.company.key, [...company, 'locations', 'nodes', 0, 'id']),
        customer: {
          toAssociate: { id: pickString(context, buyer.company.key, [...company, 'mainContact', 'customer', 'id']) },
        },
        poNumber,
      };
    }
  }
}

function addressesFor(prng: Prng, buyer: Buyer, money: PlannedMoney): Record<string, unknown> {
  const shippable = money.shipping.length > 0;
  let address: Record<string, unknown> | null;
  if (buyer.kind === 'b2b') address = buyer.company.address;
  else if (buyer.kind === 'customer' || buyer.kind === 'upsert-shared-email') address = buyer.person.address;
  else {
    const names = NAMES[buyer.country.names];
    address = addressIn(prng, buyer.country, { firstName: prng.pick(names.first), lastName: prng.pick(names.last) });
  }
  if (!address) return {};
  return shippable ? { billingAddress: address, shippingAddress: address } : { billingAddress: address };
}

/** One orderCreate operation and what the follow-ups need to know of it. */
export function generateOrder(
  prng: Prng,
  index: number,
  world: OrderWorld,
): { operation: DemoOperation; plan: PlannedOrder } {
  const key = `order:${index}`;
  const buyer = pickBuyer(prng, index, world);
  const currencies = currenciesFor(prng, buyer, world.shop.currencyCode);
  const money = planMoney(prng, currencies, world.shop.taxesIncluded, countryOf(buyer));
  const paymentRoll = prng.next();
  const payment: Payment = paymentRoll < 0.82 ? 'paid' : paymentRoll < 0.9 ? 'authorized' : 'pending';
  const gateway = prng.pick(GATEWAYS);
  const processedAt = new Date(world.now.getTime() - prng.int(0, 365 * 24 * 60) * 60_000).toISOString();
  const lineItems = lineItemInputs(prng, money);
  const addresses = addressesFor(prng, buyer, money);
  const tags = prng.chance(0.25) ? [prng.pick(['gift', 'priority', 'wholesale', 'Vorkasse'])] : [];
  const note = prng.chance(0.15)
    ? prng.pick(['Please leave with the neighbour', 'ドアの前に置いてください', 'Call before delivery'])
    : null;
  const sourceName = prng.pick(['web', 'web', 'web', 'pos', 'shopify_draft_order']);
  // Drawn here, not inside the variables function, which may run more than once.
  const poNumber = `PO-${prng.int(10000, 99999)}`;
  const transactions =
    payment === 'pending'
      ? []
      : [
          {
            kind: payment === 'paid' ? 'SALE' : 'AUTHORIZATION',
            status: 'SUCCESS',
            gateway,
            amountSet: moneyBag(money.total, currencies),
            processedAt,
            test: false,
          },
        ];
  const operation: DemoOperation = {
    key,
    document: ORDER_CREATE,
    variables: (context) => ({
      order: {
        currency: currencies.shop,
        presentmentCurrency: currencies.presentment,
        processedAt,
        taxesIncluded: money.taxesIncluded,
        lineItems,
        shippingLines: shippingLineInputs(money),
        discountCode: discountCodeInput(money),
        transactions,
        financialStatus: payment === 'pending' ? 'PENDING' : null,
        sourceName,
        tags,
        note,
        test: false,
        ...addresses,
        ...buyerFields(buyer, context, poNumber),
      },
      options: { inventoryBehaviour: 'BYPASS', sendReceipt: false, sendFulfillmentReceipt: false },
    }),
  };
  return { operation, plan: { key, buyer, money, payment, gateway } };
}
