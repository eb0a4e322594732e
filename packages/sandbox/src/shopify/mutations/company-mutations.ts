/** companyCreate (with its optional first contact and location), and the webhook subscription mutations. */
import type { CompanyAddressRecord, WebhookSubscriptionRecord } from '../records';
import { change, gid, idOf, type PendingChange, type ShopStore } from '../store';
import { applyCustomerInput, type UserError, newCustomer, validateCustomer } from './customer-mutations';

interface CompanyAddressInput {
  address1?: string | null;
  address2?: string | null;
  city?: string | null;
  zip?: string | null;
  recipient?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  zoneCode?: string | null;
  countryCode?: string | null;
}

/** CompanyCreateInput */
export interface CompanyCreateInput {
  company: { name?: string | null; note?: string | null; externalId?: string | null; customerSince?: string | null };
  companyContact?: {
    firstName?: string | null;
    lastName?: string | null;
    email?: string | null;
    title?: string | null;
    locale?: string | null;
    phone?: string | null;
  } | null;
  companyLocation?: {
    name?: string | null;
    phone?: string | null;
    locale?: string | null;
    externalId?: string | null;
    note?: string | null;
    billingAddress?: CompanyAddressInput | null;
    shippingAddress?: CompanyAddressInput | null;
    billingSameAsShipping?: boolean | null;
    taxRegistrationId?: string | null;
    taxExempt?: boolean | null;
    taxExemptions?: string[] | null;
  } | null;
}

function companyAddress(store: ShopStore, input: CompanyAddressInput | null | undefined): CompanyAddressRecord | null {
  if (!input) return null;
  const now = store.now();
  return {
    id: store.newId(),
    createdAt: now,
    updatedAt: now,
    address1: input.address1 ?? '',
    address2: input.address2 ?? null,
    city: input.city ?? null,
    zip: input.zip ?? null,
    recipient: input.recipient ?? null,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    phone: input.phone ?? null,
    zoneCode: input.zoneCode ?? null,
    countryCode: input.countryCode ?? 'US',
  };
}

export function companyCreate(
  store: ShopStore,
  input: CompanyCreateInput,
): { companyId: number | null; userErrors: (UserError & { code: string })[] } {
  const name = input.company.name?.trim();
  if (!name)
    return {
      companyId: null,
      userErrors: [{ field: ['input', 'company', 'name'], message: "Name can't be blank", code: 'BLANK' }],
    };
  if (input.company.externalId && [...store.companies.values()].some((c) => c.externalId === input.company.externalId))
    return {
      companyId: null,
      userErrors: [{ field: ['input', 'company', 'externalId'], message: 'External Id must be unique', code: 'TAKEN' }],
    };
  const contactInput = input.companyContact;
  const existingCustomer = contactInput?.email
    ? [...store.customers.values()].find((c) => c.email?.toLowerCase() === contactInput.email?.toLowerCase())
    : undefined;
  if (contactInput && !existingCustomer) {
    const errors = validateCustomer(store, contactInput, null, ['input', 'companyContact']);
    if (errors[0]) return { companyId: null, userErrors: [{ ...errors[0], code: 'INVALID' }] };
  }
  const now = store.now();
  const companyId = store.newId();
  const changes: PendingChange[] = [change('companies/create', gid('Company', companyId))];
  store.companies.set(companyId, {
    id: companyId,
    createdAt: now,
    updatedAt: now,
    name,
    note: input.company.note ?? null,
    externalId: input.company.externalId ?? null,
    customerSince: input.company.customerSince ? new Date(input.company.customerSince) : now,
    mainContactId: null,
  });
  const loc = input.companyLocation;
  const locationId = store.newId();
  const shipping = companyAddress(store, loc?.shippingAddress);
  store.companyLocations.set(locationId, {
    id: locationId,
    companyId,
    createdAt: now,
    updatedAt: now,
    // Shopify names the default location after the company when none is given.
    name: loc?.name ?? name,
    phone: loc?.phone ?? null,
    locale: loc?.locale ?? 'en',
    externalId: loc?.externalId ?? null,
    note: loc?.note ?? null,
    currency: store.config.currencyCode,
    taxRegistrationId: loc?.taxRegistrationId ?? null,
    taxExempt: loc?.taxExempt ?? false,
    taxExemptions: [...(loc?.taxExemptions ?? [])],
    shippingAddress: shipping,
    billingAddress: loc?.billingSameAsShipping
      ? shipping
        ? { ...shipping, id: store.newId() }
        : null
      : companyAddress(store, loc?.billingAddress),
  });
  if (contactInput) {
    let customer = existingCustomer;
    if (!customer) {
      customer = newCustomer(store);
      applyCustomerInput(store, customer, { ...contactInput });
      store.customers.set(customer.id, customer);
      changes.push(change('customers/create', gid('Customer', customer.id)));
    }
    const contactId = store.newId();
    store.companyContacts.set(contactId, {
      id: contactId,
      companyId,
      customerId: customer.id,
      createdAt: now,
      updatedAt: now,
      title: contactInput.title ?? null,
      locale: contactInput.locale ?? null,
    });
    const company = store.companies.get(companyId);
    if (company) company.mainContactId = contactId;
  }
  store.commit(changes);
  return { companyId, userErrors: [] };
}

/** WebhookSubscriptionInput */
export interface WebhookSubscriptionInput {
  callbackUrl?: string | null;
  format?: 'JSON' | 'XML' | null;
  includeFields?: string[] | null;
  metafieldNamespaces?: string[] | null;
  filter?: string | null;
}

export function webhookSubscriptionCreate(
  store: ShopStore,
  topic: string,
  input: WebhookSubscriptionInput,
): { id: number | null; userErrors: UserError[] } {
  const url = input.callbackUrl ?? '';
  let valid = false;
  try {
    const parsed = new URL(url);
    valid = parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    valid = false;
  }
  if (!valid)
    return { id: null, userErrors: [{ field: ['webhookSubscription', 'callbackUrl'], message: 'Address is invalid' }] };
  if ([...store.webhookSubscriptions.values()].some((w) => w.topic === topic && w.callbackUrl === url))
    return {
      id: null,
      userErrors: [
        { field: ['webhookSubscription', 'callbackUrl'], message: 'Address for this topic has already been taken' },
      ],
    };
  const now = store.now();
  const record: WebhookSubscriptionRecord = {
    id: store.newId(),
    topic,
    callbackUrl: url,
    format: input.format ?? 'JSON',
    includeFields: [...(input.includeFields ?? [])],
    metafieldNamespaces: [...(input.metafieldNamespaces ?? [])],
    filter: input.filter ?? null,
    createdAt: now,
    updatedAt: now,
  };
  store.webhookSubscriptions.set(record.id, record);
  return { id: record.id, userErrors: [] };
}

export function webhookSubscriptionDelete(
  store: ShopStore,
  id: string,
): { deletedId: string | null; userErrors: UserError[] } {
  const numeric = idOf(id, 'WebhookSubscription');
  if (numeric === null || !store.webhookSubscriptions.delete(numeric))
    return { deletedId: null, userErrors: [{ field: ['id'], message: 'Webhook subscription does not exist' }] };
  return { deletedId: id, userErrors: [] };
}
