/**
 * orderCreate: builds an OrderRecord from OrderCreateOrderInput with line items, tax lines, a discount code,
 * shipping lines, transactions, a customer to associate or upsert and a B2B company location. Also the in-process
 * seeding API (`createOrder`), so that a test can load thousands of orders without thousands of HTTP calls.
 */
import { subBags, ZERO } from '../money';
import { displayFinancialStatus, lineOriginalTotal } from '../order-totals';
import type { LineItemRecord, OrderRecord, ShippingLineRecord, TransactionRecord } from '../records';
import { change, gid, idOf, type PendingChange, type ShopStore } from '../store';
import { addressFromInput } from './address-input';
import { fulfilOrder } from './fulfillment-mutations';
import { readBag } from './money-input';
import type { OrderCreateInput, OrderCreateUserError } from './order-create-input';
import { applyDiscountCode, currenciesOf, resolveCustomer, taxLines } from './order-create-parts';

export type { OrderCreateInput, OrderCreateUserError } from './order-create-input';

function fail(
  field: string[],
  message: string,
  code = 'INVALID',
): { orderId: null; userErrors: OrderCreateUserError[] } {
  return { orderId: null, userErrors: [{ field: ['order', ...field], message, code }] };
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
      // Card gateways hand back an authorization code; the manual gateway has none.
      authorizationCode:
        t.authorizationCode ?? (t.gateway && t.gateway !== 'manual' ? String(10000 + (store.newId() % 90000)) : null),
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
