import { gidTail, float, time, type RestValue } from './rest-json';

/**
 * Customers and addresses in REST shape, after the docs samples customers_create.json, customers_delete.json and the
 * `customer`, `billing_address` and `shipping_address` of orders_create.json
 * (reference/shopify/webhooks/shopify-docs-samples-2026-04/).
 */

/** MailingAddress selection shared by orders, fulfilments and customers. */
export const MAILING_ADDRESS_FIELDS =
  'firstName lastName company address1 address2 city province provinceCode country countryCodeV2 zip phone name latitude longitude';

/** The fragment for a customer as REST nests it (in an order, or alone). */
export const CUSTOMER_FRAGMENT = `#graphql
  fragment RestCustomer on Customer {
    id createdAt updatedAt firstName lastName state note verifiedEmail multipassIdentifier taxExempt email phone
    taxExemptions
    amountSpent { currencyCode }
    defaultAddress { id ${MAILING_ADDRESS_FIELDS} }
  }
`;

/** customers/create and customers/update: the customer by id, with all its addresses. */
export const CUSTOMER_QUERY = `#graphql
  query RestCustomerBody($id: ID!) {
    node(id: $id) {
      ... on Customer { ...RestCustomer addresses { id ${MAILING_ADDRESS_FIELDS} } }
    }
  }
  ${CUSTOMER_FRAGMENT}
`;

/** GraphQL `MailingAddress` as selected. */
export interface GqlMailingAddress {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  provinceCode: string | null;
  country: string | null;
  countryCodeV2: string | null;
  zip: string | null;
  phone: string | null;
  name: string | null;
  latitude: number | null;
  longitude: number | null;
}

/** A customer's address carries its own id. */
export type GqlCustomerAddress = GqlMailingAddress & { id: string };

/** GraphQL `Customer` as {@link CUSTOMER_FRAGMENT} selects it (and `addresses` when the query asks). */
export interface GqlCustomer {
  id: string;
  createdAt: string;
  updatedAt: string;
  firstName: string | null;
  lastName: string | null;
  state: string;
  note: string | null;
  verifiedEmail: boolean;
  multipassIdentifier: string | null;
  taxExempt: boolean;
  email: string | null;
  phone: string | null;
  taxExemptions: string[];
  amountSpent: { currencyCode: string };
  defaultAddress: GqlCustomerAddress | null;
  addresses?: GqlCustomerAddress[];
}

/** Result of {@link CUSTOMER_QUERY}. */
export interface CustomerQueryResult {
  node: GqlCustomer | null;
}

/** An order's billing or shipping address, or a fulfilment's destination. */
export function addressBody(address: GqlMailingAddress | null): RestValue {
  if (!address) return null;
  return {
    first_name: address.firstName,
    address1: address.address1,
    phone: address.phone,
    city: address.city,
    zip: address.zip,
    province: address.province,
    country: address.country,
    last_name: address.lastName,
    address2: address.address2,
    company: address.company,
    latitude: float(address.latitude),
    longitude: float(address.longitude),
    name: address.name,
    country_code: address.countryCodeV2,
    province_code: address.provinceCode,
  };
}

/** A customer's address (`default_address`, `addresses[]`), tied to its customer. */
function customerAddressBody(address: GqlCustomerAddress, customerGid: string, isDefault: boolean): RestValue {
  return {
    id: gidTail(address.id),
    customer_id: gidTail(customerGid),
    first_name: address.firstName,
    last_name: address.lastName,
    company: address.company,
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    province: address.province,
    country: address.country,
    zip: address.zip,
    phone: address.phone,
    name: address.name,
    province_code: address.provinceCode,
    country_code: address.countryCodeV2,
    // REST repeats the country's name here; GraphQL's `country` is that name.
    country_name: address.country,
    default: isDefault,
  };
}

/**
 * The customer body. `withAddresses` adds `addresses` (customers/create and /update have it; the customer nested in an
 * order does not). REST's `currency` is the shop currency the customer's spending is counted in (`amountSpent`).
 */
export function customerBody(customer: GqlCustomer, withAddresses: boolean): RestValue {
  const defaultId = customer.defaultAddress?.id;
  const body: { [key: string]: RestValue } = {
    id: gidTail(customer.id),
    created_at: time(customer.createdAt),
    updated_at: time(customer.updatedAt),
    first_name: customer.firstName,
    last_name: customer.lastName,
    state: customer.state.toLowerCase(),
    note: customer.note,
    verified_email: customer.verifiedEmail,
    multipass_identifier: customer.multipassIdentifier,
    tax_exempt: customer.taxExempt,
    email: customer.email,
    phone: customer.phone,
    currency: customer.amountSpent.currencyCode,
  };
  if (withAddresses) {
    body.addresses = (customer.addresses ?? []).map((a) => customerAddressBody(a, customer.id, a.id === defaultId));
  }
  body.tax_exemptions = customer.taxExemptions;
  body.admin_graphql_api_id = customer.id;
  body.default_address = customer.defaultAddress
    ? customerAddressBody(customer.defaultAddress, customer.id, true)
    : null;
  return body;
}

/** customers/delete: the object is gone, so the body is what Shopify keeps of it (docs sample customers_delete.json). */
export function deletedCustomerBody(gid: string): RestValue {
  return { id: gidTail(gid), tax_exemptions: [], admin_graphql_api_id: gid };
}
