/** The Order object, computed from an OrderRecord (fields as in the 2025-01 Admin schema). */
import { paginate } from '../connection';
import { OrderMoneyView } from './order-money-view';
import * as totals from '../order-totals';
import type { OrderRecord } from '../records';
import { gid, type ShopStore } from '../store';
import { attributes, count, iso, mailingAddress, type ViewContext } from './common';
import { CompanyContactView, CompanyLocationView, CompanyView } from './company-view';
import { CustomerView } from './customer-view';
import { discountApplication, LineItemView, shippingLine, taxLine } from './line-item-view';
import { fulfillmentOrderView, fulfillmentView, refundView, returnView, transactionView } from './order-parts-view';
import type { ListArgs } from './resource-lists';
import { suggestedRefund, type SuggestedRefundArgs } from './suggested-refund';

/** The id of the API client app the simulator's orders are made by. */
const SIMULATOR_APP_ID = 1_000_001;

export class OrderView extends OrderMoneyView {
  readonly __typename = 'Order';

  constructor(
    private readonly store: ShopStore,
    o: OrderRecord,
  ) {
    super(o);
  }

  id(): string {
    return gid('Order', this.o.id);
  }
  legacyResourceId(): string {
    return String(this.o.id);
  }
  name(): string {
    return this.o.name;
  }
  email(): string | null {
    return this.o.email;
  }
  phone(): string | null {
    return this.o.phone;
  }
  note(): string | null {
    return this.o.note;
  }
  poNumber(): string | null {
    return this.o.poNumber;
  }
  tags(): string[] {
    return [...this.o.tags];
  }
  test(): boolean {
    return this.o.test;
  }
  sourceName(): string {
    return this.o.sourceName;
  }
  sourceIdentifier(): string | null {
    return this.o.sourceIdentifier;
  }
  customAttributes(): unknown {
    return attributes(this.o.customAttributes);
  }
  createdAt(): string {
    return iso(this.o.createdAt);
  }
  updatedAt(): string {
    return iso(this.o.updatedAt);
  }
  processedAt(): string {
    return iso(this.o.processedAt);
  }
  cancelledAt(): string | null {
    return iso(this.o.cancelledAt);
  }
  cancelReason(): string | null {
    return this.o.cancelReason;
  }
  closedAt(): string | null {
    return iso(this.o.closedAt);
  }
  closed(): boolean {
    return this.o.closedAt !== null;
  }
  confirmed(): boolean {
    return true;
  }
  confirmationNumber(): null {
    return null;
  }
  edited(): boolean {
    return false;
  }
  estimatedTaxes(): boolean {
    return false;
  }
  dutiesIncluded(): boolean {
    return false;
  }
  taxExempt(): boolean {
    return false;
  }
  taxesIncluded(): boolean {
    return this.o.taxesIncluded;
  }
  currencyCode(): string {
    return this.o.currencyCode;
  }
  presentmentCurrencyCode(): string {
    return this.o.presentmentCurrencyCode;
  }
  customerAcceptsMarketing(): boolean {
    return this.o.buyerAcceptsMarketing;
  }
  customerLocale(): null {
    return null;
  }
  clientIp(): null {
    return null;
  }
  registeredSourceUrl(): null {
    return null;
  }
  hasTimelineComment(): boolean {
    return false;
  }
  merchantEditable(): boolean {
    return this.o.cancelledAt === null;
  }
  merchantEditableErrors(): string[] {
    return this.o.cancelledAt === null ? [] : ['Order is cancelled.'];
  }
  /** The simulator keeps no fraud analysis; every order is low risk, as most real orders are. */
  riskLevel(): string {
    return 'LOW';
  }
  statusPageUrl(): string {
    return `https://${this.store.config.domain}/${this.store.shopId}/orders/${this.o.id}/authenticate`;
  }
  discountCode(): string | null {
    return this.discountCodes()[0] ?? null;
  }
  discountCodes(): string[] {
    return this.o.discountApplications.filter((d) => d.code !== null).map((d) => d.code ?? '');
  }
  paymentGatewayNames(): string[] {
    return [...new Set(this.o.transactions.map((t) => t.gateway))];
  }
  displayFinancialStatus(): string {
    return totals.displayFinancialStatus(this.o);
  }
  displayFulfillmentStatus(): string {
    return totals.displayFulfillmentStatus(this.o);
  }
  returnStatus(): string {
    if (this.o.returns.length === 0) return 'NO_RETURN';
    return this.o.returns.some((r) => r.status === 'OPEN') ? 'IN_PROGRESS' : 'RETURNED';
  }
  fullyPaid(): boolean {
    return totals.totalOutstanding(this.o).pres === 0 && totals.payments(this.o).captured.pres > 0;
  }
  unpaid(): boolean {
    const status = totals.displayFinancialStatus(this.o);
    return status === 'PENDING' || status === 'AUTHORIZED' || status === 'EXPIRED';
  }
  canMarkAsPaid(): boolean {
    return this.o.cancelledAt === null && totals.totalOutstanding(this.o).pres > 0;
  }
  capturable(): boolean {
    return totals.payments(this.o).authorized.pres > 0;
  }
  refundable(): boolean {
    return totals.netPayment(this.o).pres > 0 || this.o.lineItems.some((l) => totals.currentQuantity(this.o, l) > 0);
  }
  restockable(): boolean {
    return this.o.lineItems.some((l) => totals.currentQuantity(this.o, l) > 0);
  }
  fulfillable(): boolean {
    return this.o.cancelledAt === null && this.o.lineItems.some((l) => totals.unfulfilledQuantity(this.o, l) > 0);
  }
  requiresShipping(): boolean {
    return this.o.lineItems.some((l) => l.requiresShipping);
  }
  subtotalLineItemsQuantity(): number {
    return this.o.lineItems.reduce((acc, l) => acc + l.quantity, 0);
  }
  currentSubtotalLineItemsQuantity(): number {
    return this.o.lineItems.reduce((acc, l) => acc + totals.currentQuantity(this.o, l), 0);
  }
  /** No weights are simulated: products carry none. */
  totalWeight(): string {
    return '0';
  }
  currentTotalWeight(): string {
    return '0';
  }
  customer(): CustomerView | null {
    const customer = this.o.customerId === null ? undefined : this.store.customers.get(this.o.customerId);
    return customer ? new CustomerView(this.store, customer) : null;
  }
  purchasingEntity(): unknown {
    const location =
      this.o.companyLocationId === null ? undefined : this.store.companyLocations.get(this.o.companyLocationId);
    const company = location ? this.store.companies.get(location.companyId) : undefined;
    if (location && company) {
      const contact =
        this.o.companyContactId === null ? undefined : this.store.companyContacts.get(this.o.companyContactId);
      return {
        __typename: 'PurchasingCompany',
        company: new CompanyView(this.store, company),
        location: new CompanyLocationView(this.store, location),
        contact: contact ? new CompanyContactView(this.store, contact) : null,
      };
    }
    return this.customer();
  }
  billingAddress(): unknown {
    return mailingAddress(this.o.billingAddress);
  }
  shippingAddress(): unknown {
    return mailingAddress(this.o.shippingAddress);
  }
  displayAddress(): unknown {
    return mailingAddress(this.o.billingAddress ?? this.o.shippingAddress);
  }
  billingAddressMatchesShippingAddress(): boolean {
    const strip = (a: unknown): string => JSON.stringify({ ...(a as object), id: null });
    return strip(this.o.billingAddress) === strip(this.o.shippingAddress);
  }

  taxLines(): unknown[] {
    return totals.orderTaxLines(this.o, false).map((t) => taxLine(t, this.o));
  }
  currentTaxLines(): unknown[] {
    return totals.orderTaxLines(this.o, true).map((t) => taxLine(t, this.o));
  }
  discountApplications(args: ListArgs, ctx: ViewContext): unknown {
    return paginate(
      this.o.discountApplications.map((d) => ({ ...d, id: d.index })),
      args,
      (d) => d.index,
      (d) => discountApplication(d, this.o),
      ctx.bulk,
    );
  }
  shippingLine(): unknown {
    const first = this.o.shippingLines[0];
    return first ? shippingLine(first, this.o) : null;
  }
  shippingLines(args: ListArgs, ctx: ViewContext): unknown {
    return paginate(
      this.o.shippingLines,
      args,
      (s) => s.id,
      (s) => shippingLine(s, this.o),
      ctx.bulk,
    );
  }
  lineItems(args: ListArgs, ctx: ViewContext): unknown {
    return paginate(
      this.o.lineItems,
      args,
      (l) => l.id,
      (l) => new LineItemView(this.o, l),
      ctx.bulk,
    );
  }
  nonFulfillableLineItems(args: ListArgs, ctx: ViewContext): unknown {
    const lines = this.o.lineItems.filter((l) => totals.currentQuantity(this.o, l) < l.quantity);
    return paginate(
      lines,
      args,
      (l) => l.id,
      (l) => new LineItemView(this.o, l),
      ctx.bulk,
    );
  }
  refunds(args: { first?: number | null }): unknown[] {
    return this.o.refunds.slice(0, args.first ?? undefined).map((r) => refundView(this.store, this.o, r));
  }
  fulfillments(args: { first?: number | null }): unknown[] {
    return this.o.fulfillments.slice(0, args.first ?? undefined).map((f) => fulfillmentView(this.store, this.o, f));
  }
  fulfillmentsCount(): unknown {
    return count(this.o.fulfillments.length);
  }
  transactions(args: { first?: number | null; capturable?: boolean | null }): unknown[] {
    const list = args.capturable
      ? this.o.transactions.filter((t) => t.kind === 'AUTHORIZATION' && t.status === 'SUCCESS')
      : this.o.transactions;
    return list.slice(0, args.first ?? undefined).map((t) => transactionView(this.store, this.o, t));
  }
  transactionsCount(): unknown {
    return count(this.o.transactions.length);
  }
  fulfillmentOrders(args: ListArgs, ctx: ViewContext): unknown {
    return paginate(
      this.o.fulfillmentOrders,
      args,
      (f) => f.id,
      (f) => fulfillmentOrderView(this.store, this.o, f),
      ctx.bulk,
    );
  }
  returns(args: ListArgs, ctx: ViewContext): unknown {
    return paginate(
      this.o.returns,
      args,
      (r) => r.id,
      (r) => returnView(this.store, this.o, r),
      ctx.bulk,
    );
  }
  /** Orders made through the Admin API carry the app that made them: here, the simulator's one API client app. */
  app(): unknown {
    return { __typename: 'OrderApp', id: gid('App', SIMULATOR_APP_ID), name: 'Shopverse Sandbox' };
  }
  merchantOfRecordApp(): null {
    return null;
  }
  merchantBusinessEntity(): unknown {
    const name = this.store.config.name;
    return {
      __typename: 'BusinessEntity',
      id: gid('BusinessEntity', this.store.shopId),
      displayName: name,
      companyName: name,
      primary: true,
      shopifyPaymentsAccount: null,
    };
  }
  retailLocation(): null {
    return null;
  }
  staffMember(): null {
    return null;
  }
  suggestedRefund(args: SuggestedRefundArgs): unknown {
    return suggestedRefund(this.store, this.o, args);
  }
  disputes(): unknown[] {
    return [];
  }
}
