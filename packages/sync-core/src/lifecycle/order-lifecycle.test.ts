import { describe, expect, it } from 'vitest';
import type { MoneyBag } from '../models/money';
import type { ShopifyOrder } from '../models/order';
import type { ShopifyOrderEvents, ShopifyRefund } from '../models/order-events';
import {
  type CrmOrderState,
  crmOrderState,
  type CrmStateRead,
  isEditable,
  planStateTransition,
  type StateStep,
} from './order-lifecycle';

const bag = (shop: string, presentment = shop): MoneyBag => ({
  shop: { amount: shop, currency: 'USD' },
  presentment: { amount: presentment, currency: 'EUR' },
});

/** A paid, unfulfilled, open order; each test changes what it is about. */
function order(changes: Partial<ShopifyOrder> = {}): ShopifyOrder {
  const zero = bag('0.00');
  return {
    gid: 'gid://shopify/Order/1001',
    legacyId: '1001',
    name: '#1001',
    email: 'ada@example.com',
    phone: null,
    createdAt: '2026-11-01T10:00:00Z',
    updatedAt: '2026-11-01T10:00:00Z',
    processedAt: '2026-11-01T10:00:00Z',
    cancelledAt: null,
    cancelReason: null,
    closedAt: null,
    test: false,
    tags: [],
    poNumber: null,
    sourceName: 'web',
    financialStatus: 'PAID',
    fulfillmentStatus: 'UNFULFILLED',
    currency: 'USD',
    presentmentCurrency: 'EUR',
    taxesIncluded: false,
    customerGid: null,
    companyGid: null,
    companyLocationGid: null,
    billingAddress: null,
    shippingAddress: null,
    totals: {
      total: bag('100.00', '92.00'),
      subtotal: null,
      tax: null,
      discounts: null,
      shipping: zero,
      refunded: zero,
      currentTotal: bag('100.00', '92.00'),
      currentSubtotal: bag('100.00', '92.00'),
      currentTax: zero,
      currentDiscounts: zero,
    },
    lineItems: [],
    shippingLines: [],
    taxLines: [],
    discountApplications: [],
    ...changes,
  };
}

const refund = (gid: string, amount: string): ShopifyRefund => ({
  gid,
  createdAt: '2026-11-03T10:00:00Z',
  note: null,
  totalRefunded: bag(amount),
  lines: [],
});

const NO_EVENTS: ShopifyOrderEvents = { refunds: [], fulfillments: [] };
const OPTIONS = { prefix: 'sv', currency: 'shop' } as const;

describe('crmOrderState', () => {
  const cases: {
    name: string;
    order: Partial<ShopifyOrder>;
    state: [number, number];
    closing: CrmOrderState['closing'];
  }[] = [
    { name: 'paid, unfulfilled', order: {}, state: [0, 1], closing: null },
    { name: 'no financial status', order: { financialStatus: null }, state: [0, 1], closing: null },
    { name: 'payment pending', order: { financialStatus: 'PENDING' }, state: [0, 2], closing: null },
    { name: 'authorized', order: { financialStatus: 'AUTHORIZED' }, state: [0, 2], closing: null },
    { name: 'partially paid', order: { financialStatus: 'PARTIALLY_PAID' }, state: [0, 2], closing: null },
    { name: 'webhook spelling', order: { financialStatus: 'authorized' }, state: [0, 2], closing: null },
    { name: 'partially refunded', order: { financialStatus: 'PARTIALLY_REFUNDED' }, state: [0, 1], closing: null },
    { name: 'fully refunded, not cancelled', order: { financialStatus: 'REFUNDED' }, state: [0, 1], closing: null },
    {
      name: 'partially fulfilled and open: stays Active',
      order: { fulfillmentStatus: 'PARTIALLY_FULFILLED' },
      state: [0, 1],
      closing: null,
    },
    {
      name: 'partially fulfilled, webhook spelling',
      order: { fulfillmentStatus: 'partial', closedAt: '2026-11-09T00:00:00Z' },
      state: [3, 100002],
      closing: { action: 'fulfill', status: 100002 },
    },
    {
      name: 'partially fulfilled and closed',
      order: { fulfillmentStatus: 'PARTIALLY_FULFILLED', closedAt: '2026-11-09T00:00:00Z' },
      state: [3, 100002],
      closing: { action: 'fulfill', status: 100002 },
    },
    {
      name: 'fulfilled',
      order: { fulfillmentStatus: 'FULFILLED' },
      state: [3, 100001],
      closing: { action: 'fulfill', status: 100001 },
    },
    {
      name: 'fulfilled and closed',
      order: { fulfillmentStatus: 'FULFILLED', closedAt: '2026-11-09T00:00:00Z' },
      state: [3, 100001],
      closing: { action: 'fulfill', status: 100001 },
    },
    {
      name: 'closed, unfulfilled: what the rest says',
      order: { financialStatus: 'PENDING', closedAt: '2026-11-09T00:00:00Z' },
      state: [0, 2],
      closing: null,
    },
    {
      name: 'cancelled',
      order: { cancelledAt: '2026-11-02T00:00:00Z', cancelReason: 'CUSTOMER', financialStatus: 'VOIDED' },
      state: [2, 4],
      closing: { action: 'cancel', status: 4, reason: 'the customer changed or cancelled the order (CUSTOMER)' },
    },
    {
      name: 'cancelled and fully refunded',
      order: { cancelledAt: '2026-11-02T00:00:00Z', cancelReason: 'fraud', financialStatus: 'REFUNDED' },
      state: [2, 4],
      closing: { action: 'cancel', status: 4, reason: 'the order was fraudulent (FRAUD)' },
    },
    {
      name: 'cancelled without a reason, closed',
      order: { cancelledAt: '2026-11-02T00:00:00Z', closedAt: '2026-11-02T00:00:00Z' },
      state: [2, 4],
      closing: { action: 'cancel', status: 4, reason: 'another reason (OTHER)' },
    },
  ];
  for (const testCase of cases) {
    it(`${testCase.name} -> ${testCase.state.join('/')}`, () => {
      // Action
      const state = crmOrderState(order(testCase.order), NO_EVENTS, OPTIONS);

      // Assertions
      expect([state.statecode, state.statuscode]).toEqual(testCase.state);
      expect(state.closing).toEqual(testCase.closing);
      expect(state.why.length).toBeGreaterThan(0);
    });
  }

  it('writes our status columns under the prefix, money in the chosen currency as an exact JSON number', () => {
    // Setup
    const refunded = order({
      financialStatus: 'partially_refunded',
      fulfillmentStatus: 'partial',
      totals: { ...order().totals, refunded: bag('30.10', '27.70') },
    });
    const events = {
      refunds: [refund('gid://shopify/Refund/1', '30.10'), refund('gid://shopify/Refund/2', '0.00')],
      fulfillments: [],
    };

    // Action
    const shop = crmOrderState(refunded, events, { prefix: 'abc', currency: 'shop' });
    const presentment = crmOrderState(refunded, events, { prefix: 'abc', currency: 'presentment' });

    // Assertions
    expect(shop.columns).toEqual({
      abc_financialstatus: 'PARTIALLY_REFUNDED',
      abc_fulfillmentstatus: 'PARTIALLY_FULFILLED',
      abc_cancelreason: null,
      abc_refundedamount: 30.1,
      abc_refundcount: 2,
    });
    expect(presentment.columns.abc_refundedamount).toBe(27.7);
  });

  it('records the cancel reason code in its column', () => {
    // Action
    const state = crmOrderState(
      order({ cancelledAt: '2026-11-02T00:00:00Z', cancelReason: 'inventory' }),
      NO_EVENTS,
      OPTIONS,
    );

    // Assertions
    expect(state.columns.sv_cancelreason).toBe('INVENTORY');
  });
});

describe('planStateTransition', () => {
  const target = (changes: Partial<ShopifyOrder>) => crmOrderState(order(changes), NO_EVENTS, OPTIONS);
  const paid = target({});
  const pending = target({ financialStatus: 'PENDING' });
  const fulfilled = target({ fulfillmentStatus: 'FULFILLED' });
  const partial = target({ fulfillmentStatus: 'PARTIALLY_FULFILLED', closedAt: '2026-11-09T00:00:00Z' });
  const cancelled = target({ cancelledAt: '2026-11-02T00:00:00Z', cancelReason: 'DECLINED' });
  const submitted: CrmOrderState = { ...paid, statecode: 1, statuscode: 3 };

  const cases: { name: string; from: CrmStateRead | null; to: CrmOrderState; steps: StateStep['kind'][] }[] = [
    { name: 'new order, paid', from: null, to: paid, steps: [] },
    { name: 'new order, pending', from: null, to: pending, steps: ['setState'] },
    { name: 'already there', from: { statecode: 0, statuscode: 1 }, to: paid, steps: [] },
    { name: 'pending -> paid', from: { statecode: 0, statuscode: 2 }, to: paid, steps: ['setState'] },
    { name: 'active -> submitted', from: { statecode: 0, statuscode: 1 }, to: submitted, steps: ['setState'] },
    { name: 'active -> fulfilled', from: { statecode: 0, statuscode: 2 }, to: fulfilled, steps: ['fulfill'] },
    { name: 'active -> partial', from: { statecode: 0, statuscode: 1 }, to: partial, steps: ['fulfill'] },
    { name: 'active -> cancelled', from: { statecode: 0, statuscode: 1 }, to: cancelled, steps: ['cancel'] },
    { name: 'submitted -> fulfilled', from: { statecode: 1, statuscode: 3 }, to: fulfilled, steps: ['fulfill'] },
    { name: 'submitted -> cancelled', from: { statecode: 1, statuscode: 3 }, to: cancelled, steps: ['cancel'] },
    { name: 'submitted -> active', from: { statecode: 1, statuscode: 3 }, to: paid, steps: ['conflict'] },
    { name: 'fulfilled, still fulfilled', from: { statecode: 3, statuscode: 100001 }, to: fulfilled, steps: [] },
    {
      name: 'fulfilled, now cancelled',
      from: { statecode: 3, statuscode: 100001 },
      to: cancelled,
      steps: ['conflict'],
    },
    { name: 'partial, now complete', from: { statecode: 3, statuscode: 100002 }, to: fulfilled, steps: ['conflict'] },
    { name: 'cancelled, now fulfilled', from: { statecode: 2, statuscode: 4 }, to: fulfilled, steps: ['conflict'] },
    { name: 'cancelled, now open', from: { statecode: 2, statuscode: 4 }, to: paid, steps: ['conflict'] },
    { name: 'cancelled, still cancelled', from: { statecode: 2, statuscode: 4 }, to: cancelled, steps: [] },
    { name: 'invoiced, fulfilled', from: { statecode: 4, statuscode: 100003 }, to: fulfilled, steps: ['conflict'] },
    { name: 'invoiced, open', from: { statecode: 4, statuscode: 100003 }, to: paid, steps: ['conflict'] },
    { name: 'unknown state', from: { statecode: 9, statuscode: 9 }, to: paid, steps: ['conflict'] },
  ];
  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.steps.join(', ') || 'nothing to do'}`, () => {
      // Action
      const steps = planStateTransition(testCase.from, testCase.to);

      // Assertions
      expect(steps.map((step) => step.kind)).toEqual(testCase.steps);
    });
  }

  it('gives each step what its message needs', () => {
    // Assertions
    expect(planStateTransition({ statecode: 0, statuscode: 1 }, pending)).toEqual([
      { kind: 'setState', statecode: 0, statuscode: 2 },
    ]);
    expect(planStateTransition({ statecode: 0, statuscode: 1 }, partial)).toEqual([
      { kind: 'fulfill', status: 100002 },
    ]);
    expect(planStateTransition({ statecode: 1, statuscode: 3 }, cancelled)).toEqual([
      { kind: 'cancel', status: 4, reason: 'the payment was declined (DECLINED)' },
    ]);
  });

  it('says in a conflict where the order is, where Shopify wants it, and why', () => {
    // Action
    const [step] = planStateTransition({ statecode: 3, statuscode: 100001 }, cancelled);

    // Assertions
    expect(step?.kind).toBe('conflict');
    expect(step?.kind === 'conflict' ? step.reason : '').toMatch(
      /^The CRM order is Fulfilled \(Complete\) but Shopify calls for Canceled \(No Money\) \(Cancelled in Shopify: the payment was declined \(DECLINED\)\.\)/,
    );
  });
});

describe('isEditable', () => {
  it('is true only for Active orders and orders not created yet', () => {
    // Assertions
    expect(isEditable(null)).toBe(true);
    expect(isEditable({ statecode: 0, statuscode: 2 })).toBe(true);
    for (const statecode of [1, 2, 3, 4]) expect(isEditable({ statecode, statuscode: 1 })).toBe(false);
  });
});
