/**
 * The parts of orderCreate that turn inputs into records: currencies and exchange rate, tax lines, the discount code
 * and its allocations, and the customer to associate or upsert.
 */
import { type Bag, rateToPpm, roundDiv, shareOfBag, taxOn, ZERO } from '../money';
import { lineOriginalTotal } from '../order-totals';
import type { DiscountApplicationRecord, LineItemRecord, ShippingLineRecord, TaxLineRecord } from '../records';
import { change, gid, idOf, type PendingChange, type ShopStore } from '../store';
import { applyCustomerInput, newCustomer, validateCustomer } from './customer-mutations';
import { defaultRatePpm, type OrderCurrencies, readBag } from './money-input';
import type { OrderCreateInput, OrderCreateUserError, TaxLineInput } from './order-create-input';

export function currenciesOf(store: ShopStore, input: OrderCreateInput): OrderCurrencies {
  const shop = store.config.currencyCode;
  const presentment = input.presentmentCurrency ?? input.currency ?? shop;
  let ratePpm = defaultRatePpm(shop, presentment);
  // When an input gives both sides of a price, that is the order's exchange rate.
  const sample = input.lineItems?.find((l) => l.priceSet?.presentmentMoney)?.priceSet;
  if (sample?.presentmentMoney && presentment !== shop) {
    const c = { shop, presentment, ratePpm: 1_000_000 };
    const both = readBag(sample, c);
    if (both && both.pres > 0) ratePpm = roundDiv(both.shop * 1_000_000, both.pres);
  }
  return { shop, presentment, ratePpm };
}

export function taxLines(
  inputs: TaxLineInput[] | null | undefined,
  base: Bag,
  taxesIncluded: boolean,
  c: OrderCurrencies,
): TaxLineRecord[] | null {
  const result: TaxLineRecord[] = [];
  for (const t of inputs ?? []) {
    const ratePpm = rateToPpm(t.rate);
    const price = t.priceSet
      ? readBag(t.priceSet, c)
      : { shop: taxOn(base.shop, ratePpm, taxesIncluded), pres: taxOn(base.pres, ratePpm, taxesIncluded) };
    if (!price) return null;
    result.push({ title: t.title, ratePpm, price, channelLiable: t.channelLiable ?? false });
  }
  return result;
}

/** Spreads `amount` over `weights` in proportion, the remainder on the last share, so the parts sum exactly. */
export function spread(amount: Bag, weights: Bag[]): Bag[] {
  const total = weights.reduce((acc, w) => ({ shop: acc.shop + w.shop, pres: acc.pres + w.pres }), ZERO);
  const parts = weights.map((w) => ({
    shop: total.shop === 0 ? 0 : roundDiv(amount.shop * w.shop, total.shop),
    pres: total.pres === 0 ? 0 : roundDiv(amount.pres * w.pres, total.pres),
  }));
  const allocated = parts.reduce((acc, p) => ({ shop: acc.shop + p.shop, pres: acc.pres + p.pres }), ZERO);
  const last = parts[parts.length - 1];
  if (last) {
    last.shop += amount.shop - allocated.shop;
    last.pres += amount.pres - allocated.pres;
  }
  return parts;
}

export function applyDiscountCode(
  input: OrderCreateInput,
  lines: LineItemRecord[],
  shipping: ShippingLineRecord[],
  c: OrderCurrencies,
): DiscountApplicationRecord[] | null {
  const d = input.discountCode;
  if (!d) return [];
  const base = {
    index: 0,
    kind: 'DiscountCodeApplication' as const,
    description: null,
    targetSelection: 'ALL' as const,
  };
  if (d.itemPercentageDiscountCode) {
    const percentage = d.itemPercentageDiscountCode.percentage ?? 0;
    const ppm = Math.round(percentage * 10_000);
    for (const l of lines) {
      const amount = shareOfBag(lineOriginalTotal(l), ppm, 1_000_000);
      l.discountAllocations.push({ applicationIndex: 0, amount });
    }
    const code = d.itemPercentageDiscountCode.code;
    return [
      {
        ...base,
        code,
        title: code,
        allocationMethod: 'ACROSS',
        targetType: 'LINE_ITEM',
        value: { kind: 'percentage', percentage },
      },
    ];
  }
  if (d.itemFixedDiscountCode) {
    const amount = readBag(d.itemFixedDiscountCode.amountSet, c);
    if (!amount) return null;
    spread(amount, lines.map(lineOriginalTotal)).forEach((part, i) =>
      lines[i]?.discountAllocations.push({ applicationIndex: 0, amount: part }),
    );
    const code = d.itemFixedDiscountCode.code;
    return [
      {
        ...base,
        code,
        title: code,
        allocationMethod: 'ACROSS',
        targetType: 'LINE_ITEM',
        value: { kind: 'money', amount },
      },
    ];
  }
  if (d.freeShippingDiscountCode) {
    for (const s of shipping) s.discountAllocations.push({ applicationIndex: 0, amount: { ...s.price } });
    const code = d.freeShippingDiscountCode.code;
    return [
      {
        ...base,
        code,
        title: code,
        allocationMethod: 'EACH',
        targetType: 'SHIPPING_LINE',
        value: { kind: 'percentage', percentage: 100 },
      },
    ];
  }
  return [];
}

/** Finds or creates the order's customer; returns the change it raises, if any. */
export function resolveCustomer(
  store: ShopStore,
  input: OrderCreateInput,
): { id: number | null; change: PendingChange | null; error?: OrderCreateUserError } {
  const spec = input.customer;
  if (!spec) return { id: null, change: null };
  if (spec.toAssociate && spec.toUpsert)
    return {
      id: null,
      change: null,
      error: {
        field: ['order', 'customer'],
        message: 'Only one of toAssociate or toUpsert can be provided',
        code: 'REDUNDANT_CUSTOMER_FIELDS',
      },
    };
  if (spec.toAssociate) {
    const byId = idOf(spec.toAssociate.id, 'Customer');
    const email = spec.toAssociate.email?.toLowerCase();
    const found =
      byId !== null
        ? store.customers.get(byId)
        : [...store.customers.values()].find((c) => email && c.email?.toLowerCase() === email);
    if (!found)
      return {
        id: null,
        change: null,
        error: { field: ['order', 'customer', 'toAssociate'], message: 'Customer does not exist', code: 'INVALID' },
      };
    found.updatedAt = store.bump(found.updatedAt);
    return { id: found.id, change: change('customers/update', gid('Customer', found.id)) };
  }
  const upsert = spec.toUpsert;
  if (!upsert) return { id: null, change: null };
  const byId = idOf(upsert.id, 'Customer');
  const email = upsert.email?.toLowerCase();
  const existing =
    byId !== null
      ? store.customers.get(byId)
      : [...store.customers.values()].find((c) => email && c.email?.toLowerCase() === email);
  const errors = validateCustomer(store, upsert, existing?.id ?? null, ['customer', 'toUpsert']);
  if (errors[0])
    return {
      id: null,
      change: null,
      error: { ...errors[0], field: ['order', ...(errors[0].field ?? [])], code: 'INVALID' },
    };
  if (existing) {
    applyCustomerInput(store, existing, { ...upsert, id: undefined });
    existing.updatedAt = store.bump(existing.updatedAt);
    return { id: existing.id, change: change('customers/update', gid('Customer', existing.id)) };
  }
  const created = newCustomer(store);
  applyCustomerInput(store, created, { ...upsert, id: undefined });
  store.customers.set(created.id, created);
  return { id: created.id, change: change('customers/create', gid('Customer', created.id)) };
}
