/** Company, CompanyLocation, CompanyContact and CompanyAddress views (B2B). */
import { paginate } from '../connection';
import { netPayment } from '../order-totals';
import type {
  CompanyAddressRecord,
  CompanyContactRecord,
  CompanyLocationRecord,
  CompanyRecord,
  OrderRecord,
} from '../records';
import { gid, type ShopStore } from '../store';
import { count, iso, moneyV2, type ViewContext } from './common';
import { CustomerView, lifetimeDuration } from './customer-view';
import { type ListArgs, ordersConnection } from './resource-lists';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function companyAddress(a: CompanyAddressRecord | null, companyName: string): unknown {
  if (!a) return null;
  return {
    __typename: 'CompanyAddress',
    id: gid('CompanyAddress', a.id),
    address1: a.address1,
    address2: a.address2,
    city: a.city,
    zip: a.zip,
    recipient: a.recipient,
    firstName: a.firstName,
    lastName: a.lastName,
    phone: a.phone,
    zoneCode: a.zoneCode,
    province: a.zoneCode,
    countryCode: a.countryCode,
    country: regionNames.of(a.countryCode) ?? a.countryCode,
    companyName,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
    formattedArea: [a.city, a.zoneCode, regionNames.of(a.countryCode)].filter(Boolean).join(', '),
    formattedAddress: (args: { withName?: boolean | null; withCompanyName?: boolean | null }) =>
      [
        args.withName ? [a.firstName, a.lastName].filter(Boolean).join(' ') : null,
        args.withCompanyName ? companyName : null,
        a.address1,
        a.address2,
        [a.zip, a.city].filter(Boolean).join(' '),
        regionNames.of(a.countryCode) ?? a.countryCode,
      ].filter((x): x is string => Boolean(x)),
  };
}

function ordersOf(store: ShopStore, test: (o: OrderRecord) => boolean): OrderRecord[] {
  return [...store.orders.values()].filter(test);
}

function spent(store: ShopStore, orders: OrderRecord[]): unknown {
  return moneyV2(
    orders.reduce((acc, o) => acc + netPayment(o).shop, 0),
    store.config.currencyCode,
  );
}

export class CompanyView {
  readonly __typename = 'Company';

  constructor(
    private readonly store: ShopStore,
    private readonly c: CompanyRecord,
  ) {}

  private locationIds(): Set<number> {
    return new Set([...this.store.companyLocations.values()].filter((l) => l.companyId === this.c.id).map((l) => l.id));
  }
  id(): string {
    return gid('Company', this.c.id);
  }
  name(): string {
    return this.c.name;
  }
  note(): string | null {
    return this.c.note;
  }
  externalId(): string | null {
    return this.c.externalId;
  }
  createdAt(): string {
    return iso(this.c.createdAt);
  }
  updatedAt(): string {
    return iso(this.c.updatedAt);
  }
  customerSince(): string {
    return iso(this.c.customerSince);
  }
  lifetimeDuration(): string {
    return lifetimeDuration(this.c.customerSince, this.store.now());
  }
  defaultCursor(): string {
    return Buffer.from(JSON.stringify({ last_id: this.c.id, last_value: this.c.id })).toString('base64');
  }
  hasTimelineComment(): boolean {
    return false;
  }
  mainContact(): unknown {
    const contact = this.c.mainContactId === null ? undefined : this.store.companyContacts.get(this.c.mainContactId);
    return contact ? new CompanyContactView(this.store, contact) : null;
  }
  contacts(args: ListArgs, ctx: ViewContext): unknown {
    const list = [...this.store.companyContacts.values()].filter((cc) => cc.companyId === this.c.id);
    return paginate(
      list,
      args,
      (cc) => cc.id,
      (cc) => new CompanyContactView(this.store, cc),
      ctx.bulk,
    );
  }
  contactsCount(): unknown {
    return count([...this.store.companyContacts.values()].filter((cc) => cc.companyId === this.c.id).length);
  }
  locations(args: ListArgs, ctx: ViewContext): unknown {
    const list = [...this.store.companyLocations.values()].filter((l) => l.companyId === this.c.id);
    return paginate(
      list,
      args,
      (l) => l.id,
      (l) => new CompanyLocationView(this.store, l),
      ctx.bulk,
    );
  }
  locationsCount(): unknown {
    return count(this.locationIds().size);
  }
  orders(args: ListArgs, ctx: ViewContext): unknown {
    const ids = this.locationIds();
    return ordersConnection(
      ordersOf(this.store, (o) => o.companyLocationId !== null && ids.has(o.companyLocationId)),
      args,
      ctx,
    );
  }
  ordersCount(): unknown {
    const ids = this.locationIds();
    return count(ordersOf(this.store, (o) => o.companyLocationId !== null && ids.has(o.companyLocationId)).length);
  }
  totalSpent(): unknown {
    const ids = this.locationIds();
    return spent(
      this.store,
      ordersOf(this.store, (o) => o.companyLocationId !== null && ids.has(o.companyLocationId)),
    );
  }
}

export class CompanyLocationView {
  readonly __typename = 'CompanyLocation';

  constructor(
    private readonly store: ShopStore,
    private readonly l: CompanyLocationRecord,
  ) {}

  private companyName(): string {
    return this.store.companies.get(this.l.companyId)?.name ?? '';
  }
  id(): string {
    return gid('CompanyLocation', this.l.id);
  }
  name(): string {
    return this.l.name;
  }
  phone(): string | null {
    return this.l.phone;
  }
  locale(): string | null {
    return this.l.locale;
  }
  externalId(): string | null {
    return this.l.externalId;
  }
  note(): string | null {
    return this.l.note;
  }
  currency(): string {
    return this.l.currency;
  }
  createdAt(): string {
    return iso(this.l.createdAt);
  }
  updatedAt(): string {
    return iso(this.l.updatedAt);
  }
  defaultCursor(): string {
    return Buffer.from(JSON.stringify({ last_id: this.l.id, last_value: this.l.id })).toString('base64');
  }
  hasTimelineComment(): boolean {
    return false;
  }
  billingAddress(): unknown {
    return companyAddress(this.l.billingAddress, this.companyName());
  }
  shippingAddress(): unknown {
    return companyAddress(this.l.shippingAddress, this.companyName());
  }
  taxSettings(): unknown {
    return {
      taxRegistrationId: this.l.taxRegistrationId,
      taxExempt: this.l.taxExempt,
      taxExemptions: [...this.l.taxExemptions],
    };
  }
  /** Deprecated in favour of taxSettings, still in 2025-01. */
  taxRegistrationId(): string | null {
    return this.l.taxRegistrationId;
  }
  taxExemptions(): string[] {
    return [...this.l.taxExemptions];
  }
  company(): unknown {
    const company = this.store.companies.get(this.l.companyId);
    return company ? new CompanyView(this.store, company) : null;
  }
  orders(args: ListArgs, ctx: ViewContext): unknown {
    return ordersConnection(
      ordersOf(this.store, (o) => o.companyLocationId === this.l.id),
      args,
      ctx,
    );
  }
  ordersCount(): unknown {
    return count(ordersOf(this.store, (o) => o.companyLocationId === this.l.id).length);
  }
  totalSpent(): unknown {
    return spent(
      this.store,
      ordersOf(this.store, (o) => o.companyLocationId === this.l.id),
    );
  }
}

export class CompanyContactView {
  readonly __typename = 'CompanyContact';

  constructor(
    private readonly store: ShopStore,
    private readonly cc: CompanyContactRecord,
  ) {}

  id(): string {
    return gid('CompanyContact', this.cc.id);
  }
  title(): string | null {
    return this.cc.title;
  }
  locale(): string | null {
    return this.cc.locale;
  }
  createdAt(): string {
    return iso(this.cc.createdAt);
  }
  updatedAt(): string {
    return iso(this.cc.updatedAt);
  }
  lifetimeDuration(): string {
    return lifetimeDuration(this.cc.createdAt, this.store.now());
  }
  isMainContact(): boolean {
    return this.store.companies.get(this.cc.companyId)?.mainContactId === this.cc.id;
  }
  company(): unknown {
    const company = this.store.companies.get(this.cc.companyId);
    return company ? new CompanyView(this.store, company) : null;
  }
  customer(): unknown {
    const customer = this.store.customers.get(this.cc.customerId);
    return customer ? new CustomerView(this.store, customer) : null;
  }
  orders(args: ListArgs, ctx: ViewContext): unknown {
    return ordersConnection(
      ordersOf(this.store, (o) => o.companyContactId === this.cc.id),
      args,
      ctx,
    );
  }
}
