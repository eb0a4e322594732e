/**
 * orderCreate: builds an OrderRecord from OrderCreateOrderInput with line items, tax lines, a discount code,
 * shipping lines, transactions, a customer to associate or upsert and a B2B company location. Also the in-process
 * seeding API (`createOrder`), so that a test can load thousands of orders without thousands of HTTP calls.
 */
import { type Bag, rateToPpm, roundDiv, shareOfBag, subBags, taxOn, ZERO } from '../money';
import { displayFinancialStatus, lineOriginalTotal } from '../order-totals';
import type {
  DiscountApplicationRecord,
  LineItemRecord,
  OrderRecord,
  ShippingLineRecord,
  TaxLineRecord,
  TransactionRecord,
} from '../records';
import { change, gid, idOf, type PendingChange, type ShopStore } from '../store';
import { addressFromInput, type MailingAddressInput } from './address-input';
import {
  applyCustomerInput,
  type CustomerInput,
  newCustomer,
  type UserError,
  validateCustomer,
} from './customer-mutations';
import { fulfilOrder } from './fulfillment-mutations';
import { defaultRatePpm, type MoneyBagInput, type OrderCurrencies, readBag } from './money-input';

interface TaxLineInput {
  title: string;
  rate: string | number;
  priceSet?: MoneyBagInput | null;
  channelLiable?: boolean | null;
}

/** OrderCreateOrderInput (the fields the simulator honours). */
export interface OrderCreateInput {
  currency?: string | null;
  presentmentCurrency?: string | null;
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  note?: string | null;
  poNumber?: string | null;
  tags?: string[] | null;
  test?: boolean | null;
  sourceName?: string | null;
  sourceIdentifier?: string | null;
  processedAt?: string | null;
  closedAt?: string | null;
  taxesIncluded?: boolean | null;
  buyerAcceptsMarketing?: boolean | null;
  financialStatus?: string | null;
  fulfillmentStatus?: string | null;
  fulfillment?: { trackingNumber?: string | null; trackingCompany?: string | null; locationId?: string } | null;
  customAttributes?: { key: string; value: string }[] | null;
  billingAddress?: MailingAddressInput | null;
  shippingAddress?: MailingAddressInput | null;
  companyLocationId?: string | null;
  customer?: {
    toAssociate?: { id?: string | null; email?: string | null } | null;
    toUpsert?: CustomerInput | null;
  } | null;
  lineItems?:
    | {
        title?: string | null;
        variantTitle?: string | null;
        sku?: string | null;
        vendor?: string | null;
        quantity: number;
        priceSet?: MoneyBagInput | null;
        taxable?: boolean | null;
        requiresShipping?: boolean | null;
        giftCard?: boolean | null;
        productId?: string | null;
        variantId?: string | null;
        taxLines?: TaxLineInput[] | null;
        properties?: { name: string; value: string }[] | null;
      }[]
    | null;
  shippingLines?:
    | {
        title: string;
        code?: string | null;
        source?: string | null;
        priceSet: MoneyBagInput;
        taxLines?: TaxLineInput[] | null;
      }[]
    | null;
  discountCode?: {
    itemPercentageDiscountCode?: { code: string; percentage?: number | null } | null;
    itemFixedDiscountCode?: { code: string; amountSet?: MoneyBagInput | null } | null;
    freeShippingDiscountCode?: { code: string } | null;
  } | null;
  transactions?:
    | {
        amountSet: MoneyBagInput;
        kind?: TransactionRecord['kind'] | null;
        status?: TransactionRecord['status'] | null;
        gateway?: string | null;
        authorizationCode?: string | null;
        processedAt?: string | null;
        test?: boolean | null;
      }[]
    | null;
}

/** OrderCreateUserError */
export type OrderCreateUserError = UserError & { code: string | null };

function fail(
  field: string[],
  message: string,
  code = 'INVALID',
): { orderId: null; userErrors: OrderCreateUserError[] } {
  return { orderId: null, userErrors: [{ field: ['order', ...field], message, code }] };
}

function currenciesOf(store: ShopStore, input: OrderCreateInput): OrderCurrencies {
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

function taxLines(
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
function spread(amount: Bag, weights: Bag[]): Bag[] {
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

function applyDiscountCode(
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
function resolveCustomer(
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

/** Creates an order; raises orders/create (+ orders/paid, + customers/*) unless `silent`. */
export function createOrder(
  store: ShopStore,
  input: OrderCreateInput,
): { orderId: number | null; userErrors: OrderCreateUserError[] } {
  const c = currenciesOf(store, input);
  const taxesIncluded = input.taxesIncluded ?? store.config.taxesIncluded;
  const now = store.now();
  const processedAt = input.processedAt ? new Date(input.processedAt) : now;
  if (Number.isNaN(processedAt.getTime()) || processedAt.getTime() > now.getTime())
    return fail(['processedAt'], 'Processed at must not be in the future', 'PROCESSED_AT_INVALID');
  if (!input.lineItems?.length) return fail(['lineItems'], 'Line items must have at least one line item');
  const orderId = store.newId();
  const lines: LineItemRecord[] = [];
  for (const [i, li] of input.lineItems.entries()) {
    if (li.quantity < 1)
      return fail(['lineItems', String(i), 'quantity'], 'Quantity must be greater than or equal to 1');
    if (!li.title && !li.variantId)
      return fail(['lineItems', String(i), 'title'], 'Title is required for custom line items');
    const unitPrice = readBag(li.priceSet, c);
    if (!unitPrice)
      return fail(['lineItems', String(i), 'priceSet'], 'Price set currency does not match the order currency');
    lines.push({
      id: store.newId(),
      title: li.title ?? 'Item',
      variantTitle: li.variantTitle ?? null,
      sku: li.sku ?? null,
      vendor: li.vendor ?? null,
      quantity: li.quantity,
      unitPrice,
      taxable: li.taxable ?? true,
      requiresShipping: li.requiresShipping ?? true,
      giftCard: li.giftCard ?? false,
      productId: idOf(li.productId, 'Product'),
      variantId: idOf(li.variantId, 'ProductVariant'),
      taxLines: [],
      discountAllocations: [],
      customAttributes: (li.properties ?? []).map((p) => ({ key: p.name, value: p.value })),
    });
  }
  const shipping: ShippingLineRecord[] = [];
  for (const [i, s] of (input.shippingLines ?? []).entries()) {
    const price = readBag(s.priceSet, c);
    if (!price)
      return fail(['shippingLines', String(i), 'priceSet'], 'Price set currency does not match the order currency');
    shipping.push({
      id: store.newId(),
      title: s.title,
      code: s.code ?? null,
      source: s.source ?? null,
      price,
      taxLines: [],
      discountAllocations: [],
    });
  }
  const discounts = applyDiscountCode(input, lines, shipping, c);
  if (!discounts) return fail(['discountCode'], 'Discount amount currency does not match the order currency');
  // Taxes are computed on the price after discounts, as Shopify's tax engine does.
  for (const [i, li] of input.lineItems.entries()) {
    const line = lines[i];
    if (!line) continue;
    const net = subBags(
      lineOriginalTotal(line),
      line.discountAllocations.reduce(
        (acc, a) => ({ shop: acc.shop + a.amount.shop, pres: acc.pres + a.amount.pres }),
        ZERO,
      ),
    );
    const taxes = taxLines(li.taxLines, net, taxesIncluded, c);
    if (!taxes)
      return fail(
        ['lineItems', String(i), 'taxLines'],
        'Tax line price set currency does not match the order currency',
      );
    line.taxLines = taxes;
  }
  for (const [i, s] of (input.shippingLines ?? []).entries()) {
    const line = shipping[i];
    if (!line) continue;
    const taxes = taxLines(s.taxLines, line.price, taxesIncluded, c);
    if (!taxes)
      return fail(
        ['shippingLines', String(i), 'taxLines'],
        'Tax line price set currency does not match the order currency',
      );
    line.taxLines = taxes;
  }
  const transactions: TransactionRecord[] = [];
  for (const [i, t] of (input.transactions ?? []).entries()) {
    const amount = readBag(t.amountSet, c);
    if (!amount)
      return fail(['transactions', String(i), 'amountSet'], 'Amount set currency does not match the order currency');
    const at = t.processedAt ? new Date(t.processedAt) : processedAt;
    transactions.push({
      id: store.newId(),
      kind: t.kind ?? 'SALE',
      status: t.status ?? 'SUCCESS',
      gateway: t.gateway ?? 'manual',
      amount,
      createdAt: at,
      processedAt: at,
      parentId: null,
      authorizationCode: t.authorizationCode ?? null,
      test: t.test ?? input.test ?? false,
      paymentId: `sim-${store.newId()}`,
    });
  }
  let companyLocationId: number | null = null;
  if (input.companyLocationId) {
    companyLocationId = idOf(input.companyLocationId, 'CompanyLocation');
    if (companyLocationId === null || !store.companyLocations.has(companyLocationId))
      return fail(['companyLocationId'], 'Company location does not exist');
  }
  const customer = resolveCustomer(store, input);
  if (customer.error) return { orderId: null, userErrors: [customer.error] };
  const customerRecord = customer.id === null ? undefined : store.customers.get(customer.id);
  const location = companyLocationId === null ? undefined : store.companyLocations.get(companyLocationId);
  const contact = location
    ? [...store.companyContacts.values()].find(
        (cc) => cc.companyId === location.companyId && cc.customerId === customer.id,
      )
    : undefined;
  const number = store.allocateOrderNumber();
  const order: OrderRecord = {
    id: orderId,
    number,
    name: input.name ?? `${store.config.orderNamePrefix ?? '#'}${number}`,
    createdAt: now,
    updatedAt: now,
    processedAt,
    cancelledAt: null,
    cancelReason: null,
    closedAt: input.closedAt ? new Date(input.closedAt) : null,
    email: input.email ?? customerRecord?.email ?? null,
    phone: input.phone ?? null,
    note: input.note ?? null,
    poNumber: input.poNumber ?? null,
    tags: [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))],
    test: input.test ?? false,
    sourceName: input.sourceName ?? 'shopify_draft_order',
    sourceIdentifier: input.sourceIdentifier ?? null,
    customAttributes: (input.customAttributes ?? []).map((a) => ({ key: a.key, value: a.value })),
    buyerAcceptsMarketing: input.buyerAcceptsMarketing ?? false,
    currencyCode: c.shop,
    presentmentCurrencyCode: c.presentment,
    exchangeRatePpm: c.ratePpm,
    taxesIncluded,
    customerId: customer.id,
    companyLocationId,
    companyContactId: contact?.id ?? null,
    billingAddress: input.billingAddress ? addressFromInput(store.newId(), input.billingAddress) : null,
    shippingAddress: input.shippingAddress ? addressFromInput(store.newId(), input.shippingAddress) : null,
    lineItems: lines,
    shippingLines: shipping,
    discountApplications: discounts,
    transactions,
    refunds: [],
    fulfillments: [],
    fulfillmentOrders: [],
    returns: [],
    declaredFinancialStatus: transactions.length === 0 ? (input.financialStatus ?? null) : null,
  };
  for (const l of lines) store.own(l.id, 'LineItem', orderId);
  for (const s of shipping) store.own(s.id, 'ShippingLine', orderId);
  for (const t of transactions) store.own(t.id, 'OrderTransaction', orderId);
  const fo = {
    id: store.newId(),
    createdAt: now,
    updatedAt: now,
    lines: lines.map((l) => ({
      id: store.newId(),
      lineItemId: l.id,
      totalQuantity: l.quantity,
      remainingQuantity: l.quantity,
    })),
  };
  order.fulfillmentOrders.push(fo);
  store.own(fo.id, 'FulfillmentOrder', orderId);
  for (const l of fo.lines) store.own(l.id, 'FulfillmentOrderLineItem', orderId);
  if (input.fulfillmentStatus === 'FULFILLED' || input.fulfillment) {
    fulfilOrder(
      store,
      order,
      fo.lines.map((l) => ({ foLineId: l.id, quantity: l.remainingQuantity })),
      {
        company: input.fulfillment?.trackingCompany ?? null,
        number: input.fulfillment?.trackingNumber ?? null,
        url: null,
      },
    );
  }
  store.orders.set(order.id, order);
  if (customer.id !== null) store.linkCustomerOrder(customer.id, order.id);
  const changes: PendingChange[] = [change('orders/create', gid('Order', order.id))];
  if (displayFinancialStatus(order) === 'PAID') changes.push(change('orders/paid', gid('Order', order.id)));
  if (customer.change) changes.push(customer.change);
  store.commit(changes);
  return { orderId: order.id, userErrors: [] };
}
