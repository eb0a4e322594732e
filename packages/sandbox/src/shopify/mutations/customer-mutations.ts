/**
 * customerCreate, customerUpdate, customerUpdateDefaultAddress, customerDelete, with their userErrors as Shopify words
 * them (field paths under `input`, "has already been taken", "is invalid").
 */
import type { CustomerRecord } from '../records';
import { change, gid, idOf, type PendingChange, type ShopStore } from '../store';
import { customerOrders } from '../views/customer-view';
import {
  addressFromInput,
  hasUnknownProvince,
  type MailingAddressInput,
  updateAddressFromInput,
} from './address-input';

/** A UserError as the schema's `UserError` type has it. */
export interface UserError {
  field: string[] | null;
  message: string;
  code?: string | null;
}

/** CustomerInput (the fields the simulator keeps). */
export interface CustomerInput {
  id?: string | null;
  email?: string | null;
  phone?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  note?: string | null;
  locale?: string | null;
  tags?: string[] | null;
  taxExempt?: boolean | null;
  taxExemptions?: string[] | null;
  addresses?: MailingAddressInput[] | null;
  emailMarketingConsent?: {
    marketingState: string;
    marketingOptInLevel?: string | null;
    consentUpdatedAt?: string | null;
  } | null;
  smsMarketingConsent?: {
    marketingState: string;
    marketingOptInLevel?: string | null;
    consentUpdatedAt?: string | null;
  } | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{6,14}$/;

/** Shopify stores phones in E.164; it accepts spaces, dashes and brackets around the digits. */
export function normalisePhone(phone: string): string {
  return phone.replace(/[\s().-]/g, '');
}

/** Checks identity fields; `self` is the customer being updated, if any. */
export function validateCustomer(
  store: ShopStore,
  input: CustomerInput,
  self: number | null,
  path: string[],
): UserError[] {
  const errors: UserError[] = [];
  if (input.email !== undefined && input.email !== null && input.email !== '') {
    if (!EMAIL.test(input.email)) errors.push({ field: [...path, 'email'], message: 'Email is invalid' });
    else if (
      [...store.customers.values()].some((c) => c.id !== self && c.email?.toLowerCase() === input.email?.toLowerCase())
    )
      errors.push({ field: [...path, 'email'], message: 'Email has already been taken' });
  }
  if (input.phone !== undefined && input.phone !== null && input.phone !== '') {
    const phone = normalisePhone(input.phone);
    if (!PHONE.test(phone)) errors.push({ field: [...path, 'phone'], message: 'Phone is invalid' });
    else if ([...store.customers.values()].some((c) => c.id !== self && c.phone === phone))
      errors.push({ field: [...path, 'phone'], message: 'Phone has already been taken' });
  }
  (input.addresses ?? []).forEach((address, index) => {
    // Worded as Shopify answers an address whose region is not one of its country's ("Province is not valid").
    if (hasUnknownProvince(address))
      errors.push({ field: [...path, 'addresses', String(index), 'province'], message: 'Province is not valid' });
  });
  return errors;
}

function consent(value: CustomerInput['emailMarketingConsent'], now: Date): CustomerRecord['emailMarketing'] {
  if (!value) return null;
  return {
    marketingState: value.marketingState,
    marketingOptInLevel: value.marketingOptInLevel ?? null,
    consentUpdatedAt: value.consentUpdatedAt ? new Date(value.consentUpdatedAt) : now,
  };
}

/** Applies `input` to `customer` (new or existing); the caller has validated it. */
export function applyCustomerInput(store: ShopStore, customer: CustomerRecord, input: CustomerInput): void {
  if (input.email !== undefined) customer.email = input.email || null;
  if (input.phone !== undefined) customer.phone = input.phone ? normalisePhone(input.phone) : null;
  if (input.firstName !== undefined) customer.firstName = input.firstName;
  if (input.lastName !== undefined) customer.lastName = input.lastName;
  if (input.note !== undefined) customer.note = input.note;
  if (input.locale) customer.locale = input.locale;
  if (input.tags) customer.tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
  if (input.taxExempt !== undefined && input.taxExempt !== null) customer.taxExempt = input.taxExempt;
  if (input.taxExemptions) customer.taxExemptions = [...input.taxExemptions];
  if (input.addresses) applyAddresses(store, customer, input.addresses);
  if (input.emailMarketingConsent) customer.emailMarketing = consent(input.emailMarketingConsent, store.now());
  if (input.smsMarketingConsent) customer.smsMarketing = consent(input.smsMarketingConsent, store.now());
}

/**
 * Shopify treats `addresses` as the customer's whole list (customerSet's documentation says so of every list field;
 * customerUpdate behaves the same, as merchants found out when addresses they left out disappeared): an entry with
 * the id of one of the customer's addresses updates it in place, an entry without id adds one, and an address left
 * out is deleted. The default address stays the default while it exists (only customerUpdateDefaultAddress moves it);
 * when it is gone, the first address of the list takes its place.
 */
function applyAddresses(store: ShopStore, customer: CustomerRecord, inputs: MailingAddressInput[]): void {
  const existing = new Map(customer.addresses.map((address) => [address.id, address]));
  customer.addresses = inputs.map((input) => {
    const id = idOf(input.id, 'MailingAddress');
    const current = id === null ? undefined : existing.get(id);
    return current ? updateAddressFromInput(current, input) : addressFromInput(store.newId(), input);
  });
  if (!customer.addresses.some((address) => address.id === customer.defaultAddressId))
    customer.defaultAddressId = customer.addresses[0]?.id ?? null;
}

/**
 * Address ids in `input` that are not the customer's (worded by us: Shopify's text for it is not documented), and a
 * region an in-place update gives without its country that the address's country does not have.
 */
function addressErrors(customer: CustomerRecord, input: CustomerInput): UserError[] {
  return (input.addresses ?? []).flatMap((address, index) => {
    if (address.id === undefined || address.id === null) return [];
    const id = idOf(address.id, 'MailingAddress');
    const current = id === null ? undefined : customer.addresses.find((a) => a.id === id);
    if (!current) return [{ field: ['addresses', String(index), 'id'], message: 'Address does not exist' }];
    const countryGiven = address.countryCode !== undefined || address.country !== undefined;
    return !countryGiven && hasUnknownProvince({ ...address, countryCode: current.countryCode })
      ? [{ field: ['addresses', String(index), 'province'], message: 'Province is not valid' }]
      : [];
  });
}

/** Whether the customer would still have a name, phone or email once `input` is applied. */
function keepsIdentity(customer: CustomerRecord, input: CustomerInput): boolean {
  const after = <K extends 'email' | 'phone' | 'firstName' | 'lastName'>(key: K) =>
    input[key] !== undefined ? input[key] : customer[key];
  return Boolean(after('email') || after('phone') || after('firstName') || after('lastName'));
}

export function newCustomer(store: ShopStore): CustomerRecord {
  const now = store.now();
  return {
    id: store.newId(),
    createdAt: now,
    updatedAt: now,
    firstName: null,
    lastName: null,
    email: null,
    phone: null,
    note: null,
    locale: 'en',
    tags: [],
    state: 'DISABLED',
    taxExempt: false,
    taxExemptions: [],
    verifiedEmail: true,
    addresses: [],
    defaultAddressId: null,
    emailMarketing: null,
    smsMarketing: null,
  };
}

export function customerCreate(
  store: ShopStore,
  input: CustomerInput,
): { customerId: number | null; userErrors: UserError[] } {
  const errors = validateCustomer(store, input, null, []);
  // Worded as Shopify's "base" error for a customer with no identity (php-shopify issue #170 quotes it).
  if (!input.email && !input.phone && !input.firstName && !input.lastName)
    errors.push({ field: null, message: 'Customer must have a name, phone number or email address' });
  if (errors.length) return { customerId: null, userErrors: errors };
  const customer = newCustomer(store);
  applyCustomerInput(store, customer, input);
  store.customers.set(customer.id, customer);
  store.commit([change('customers/create', gid('Customer', customer.id))]);
  return { customerId: customer.id, userErrors: [] };
}

export function customerUpdate(
  store: ShopStore,
  input: CustomerInput,
): { customerId: number | null; userErrors: UserError[] } {
  const id = idOf(input.id, 'Customer');
  const customer = id === null ? undefined : store.customers.get(id);
  if (!customer) return { customerId: null, userErrors: [{ field: ['id'], message: 'Customer does not exist' }] };
  const errors = [...validateCustomer(store, input, customer.id, []), ...addressErrors(customer, input)];
  if (!keepsIdentity(customer, input))
    errors.push({ field: null, message: 'Customer must have a name, phone number or email address' });
  if (errors.length) return { customerId: null, userErrors: errors };
  applyCustomerInput(store, customer, input);
  customer.updatedAt = store.bump(customer.updatedAt);
  store.commit([change('customers/update', gid('Customer', customer.id))]);
  return { customerId: customer.id, userErrors: [] };
}

export function customerUpdateDefaultAddress(
  store: ShopStore,
  args: { customerId: string; addressId: string },
): { customerId: number | null; userErrors: UserError[] } {
  const id = idOf(args.customerId, 'Customer');
  const customer = id === null ? undefined : store.customers.get(id);
  if (!customer)
    return { customerId: null, userErrors: [{ field: ['customerId'], message: 'Customer does not exist' }] };
  const addressId = idOf(args.addressId, 'MailingAddress');
  if (addressId === null || !customer.addresses.some((address) => address.id === addressId))
    return { customerId: null, userErrors: [{ field: ['addressId'], message: 'Address does not exist' }] };
  if (customer.defaultAddressId !== addressId) {
    customer.defaultAddressId = addressId;
    customer.updatedAt = store.bump(customer.updatedAt);
    store.commit([change('customers/update', gid('Customer', customer.id))]);
  }
  return { customerId: customer.id, userErrors: [] };
}

/** The REST body of a deleted customer (webhooks/shopify-docs-samples-2026-04/customers_delete.json). */
function deletedBody(customer: CustomerRecord): Record<string, unknown> {
  return {
    id: customer.id,
    phone: customer.phone,
    addresses: [],
    tax_exemptions: [...customer.taxExemptions],
    email_marketing_consent: null,
    sms_marketing_consent: null,
    admin_graphql_api_id: gid('Customer', customer.id),
  };
}

export function customerDelete(
  store: ShopStore,
  input: { id: string },
): { deletedId: string | null; userErrors: UserError[] } {
  const id = idOf(input.id, 'Customer');
  const customer = id === null ? undefined : store.customers.get(id);
  if (!customer) return { deletedId: null, userErrors: [{ field: ['id'], message: "Customer can't be found" }] };
  if (customerOrders(store, customer.id).length > 0)
    return {
      deletedId: null,
      userErrors: [{ field: ['id'], message: 'Customer can’t be deleted because they have associated orders' }],
    };
  store.customers.delete(customer.id);
  for (const [ccId, cc] of store.companyContacts) if (cc.customerId === customer.id) store.companyContacts.delete(ccId);
  const changes: PendingChange[] = [
    change('customers/delete', gid('Customer', customer.id), { deleted: deletedBody(customer) }),
  ];
  store.commit(changes);
  return { deletedId: gid('Customer', customer.id), userErrors: [] };
}
