/** The Customer object (fields as in the 2025-01 Admin schema), computed from a CustomerRecord. */
import { paginate } from '../connection';
import { netPayment } from '../order-totals';
import type { CustomerRecord, OrderRecord } from '../records';
import { gid, type ShopStore } from '../store';
import { iso, mailingAddress, moneyV2, type ViewContext } from './common';
import { CompanyContactView } from './company-view';
import { OrderView } from './order-view';
import { type ListArgs, ordersConnection } from './resource-lists';

/** The orders of a customer, newest last. */
export function customerOrders(store: ShopStore, customerId: number): OrderRecord[] {
  const ids = store.ordersByCustomer.get(customerId) ?? new Set<number>();
  return [...ids].map((id) => store.orders.get(id)).filter((o): o is OrderRecord => o !== undefined);
}

/** Shopify's "about 2 years" style duration since `since`. */
export function lifetimeDuration(since: Date, now: Date): string {
  const days = Math.floor((now.getTime() - since.getTime()) / 86_400_000);
  if (days < 1) return 'less than a day';
  if (days < 31) return `${days} day${days === 1 ? '' : 's'}`;
  if (days < 365) return `about ${Math.round(days / 30)} month${Math.round(days / 30) === 1 ? '' : 's'}`;
  const years = Math.round(days / 365);
  return `about ${years} year${years === 1 ? '' : 's'}`;
}

export class CustomerView {
  readonly __typename = 'Customer';

  constructor(
    private readonly store: ShopStore,
    private readonly c: CustomerRecord,
  ) {}

  id(): string {
    return gid('Customer', this.c.id);
  }
  legacyResourceId(): string {
    return String(this.c.id);
  }
  firstName(): string | null {
    return this.c.firstName;
  }
  lastName(): string | null {
    return this.c.lastName;
  }
  displayName(): string {
    const name = [this.c.firstName, this.c.lastName].filter(Boolean).join(' ');
    return name || this.c.email || this.c.phone || '';
  }
  email(): string | null {
    return this.c.email;
  }
  phone(): string | null {
    return this.c.phone;
  }
  note(): string | null {
    return this.c.note;
  }
  locale(): string {
    return this.c.locale;
  }
  tags(): string[] {
    return [...this.c.tags];
  }
  state(): string {
    return this.c.state;
  }
  taxExempt(): boolean {
    return this.c.taxExempt;
  }
  taxExemptions(): string[] {
    return [...this.c.taxExemptions];
  }
  verifiedEmail(): boolean {
    return this.c.verifiedEmail;
  }
  validEmailAddress(): boolean {
    return this.c.email !== null;
  }
  dataSaleOptOut(): boolean {
    return false;
  }
  multipassIdentifier(): null {
    return null;
  }
  createdAt(): string {
    return iso(this.c.createdAt);
  }
  updatedAt(): string {
    return iso(this.c.updatedAt);
  }
  lifetimeDuration(): string {
    return lifetimeDuration(this.c.createdAt, this.store.now());
  }
  canDelete(): boolean {
    return customerOrders(this.store, this.c.id).length === 0;
  }
  defaultAddress(): unknown {
    return mailingAddress(this.c.addresses.find((a) => a.id === this.c.defaultAddressId) ?? null);
  }
  addresses(args: { first?: number | null }): unknown[] {
    return this.c.addresses.slice(0, args.first ?? undefined).map((a) => mailingAddress(a));
  }
  addressesV2(args: ListArgs, ctx: ViewContext): unknown {
    return paginate(
      this.c.addresses,
      args,
      (a) => a.id,
      (a) => mailingAddress(a),
      ctx.bulk,
    );
  }
  /** UnsignedInt64, so a string. Cancelled orders still count, as in Shopify's admin. */
  numberOfOrders(): string {
    return String(customerOrders(this.store, this.c.id).length);
  }
  /** Money received from the customer's orders net of refunds, in the shop currency. */
  amountSpent(): unknown {
    const total = customerOrders(this.store, this.c.id).reduce((acc, o) => acc + netPayment(o).shop, 0);
    return moneyV2(total, this.store.config.currencyCode);
  }
  lastOrder(): unknown {
    const orders = customerOrders(this.store, this.c.id).sort((a, b) => a.id - b.id);
    const last = orders[orders.length - 1];
    return last ? new OrderView(this.store, last) : null;
  }
  orders(args: ListArgs, ctx: ViewContext): unknown {
    return ordersConnection(customerOrders(this.store, this.c.id), args, ctx);
  }
  companyContactProfiles(): CompanyContactView[] {
    return [...this.store.companyContacts.values()]
      .filter((cc) => cc.customerId === this.c.id)
      .map((cc) => new CompanyContactView(this.store, cc));
  }
  emailMarketingConsent(): unknown {
    const consent = this.c.emailMarketing;
    if (!consent || this.c.email === null) return null;
    return { ...consent, consentUpdatedAt: iso(consent.consentUpdatedAt) };
  }
  smsMarketingConsent(): unknown {
    const consent = this.c.smsMarketing;
    if (!consent || this.c.phone === null) return null;
    return {
      ...consent,
      marketingOptInLevel: consent.marketingOptInLevel ?? 'SINGLE_OPT_IN',
      consentCollectedFrom: 'OTHER',
      consentUpdatedAt: iso(consent.consentUpdatedAt),
    };
  }
}
