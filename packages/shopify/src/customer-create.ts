/**
 * CRM -> Shopify (issue 12): a contact created in the CRM becomes a Shopify customer, when the store's settings say
 * so (`twoWay.crmCreates: 'createInShopify'`). The shop is asked first whether a customer already has the email, so
 * that the caller links that one instead of creating a second.
 */
import { countryCode, customerFromGraphql, normalizePhone } from '@shopverse/sync-core';
import type { ShopifyClient } from './client';
import { type CustomerAddressChange, type CustomerPushResult, mergeAddress, type PushUserError } from './customer-push';
import { CUSTOMER_FIELDS } from './documents/customers';
import type { CustomerFieldsFragment } from './generated/admin.generated';

/** The new customer's fields, as the contact holds them (empty strings already dropped). */
export interface NewCustomer {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  /** The default address; null for a contact without one. Its country is also the region the phone is read in. */
  address: CustomerAddressChange | null;
}

interface CustomerCreateMutation {
  customerCreate: {
    customer: CustomerFieldsFragment | null;
    userErrors: { field: string[] | null; message: string }[];
  } | null;
}

interface CustomersByEmailQuery {
  customers: { nodes: { id: string; email: string | null }[] };
}

const CUSTOMER_CREATE = `#graphql
  mutation CustomerCreateFromCrm($input: CustomerInput!) {
    customerCreate(input: $input) {
      customer {
        ...CustomerFields
      }
      userErrors {
        field
        message
      }
    }
  }
  ${CUSTOMER_FIELDS}
`;

const CUSTOMERS_BY_EMAIL = `#graphql
  query CustomersByEmail($query: String!) {
    customers(first: 2, query: $query) {
      nodes {
        id
        email
      }
    }
  }
`;

/**
 * The gid of the shop's customer with this email, or null. Shopify's search matches loosely (tokens, prefixes), so
 * the answer is checked for the exact address, compared without case as Shopify treats emails.
 */
export async function findCustomerByEmail(
  client: ShopifyClient,
  email: string,
  options: { correlationId: string },
): Promise<string | null> {
  const wanted = email.trim().toLowerCase();
  const data = await client.request<CustomersByEmailQuery>(CUSTOMERS_BY_EMAIL, {
    // Quoted, so that the address's own characters (`+`, `.`) are not read as search syntax.
    variables: { query: `email:"${wanted.replace(/["\\]/g, '')}"` },
    correlationId: options.correlationId,
  });
  return data.customers.nodes.find((node) => node.email?.toLowerCase() === wanted)?.id ?? null;
}

/**
 * Creates the customer with one `customerCreate`: names, email, the phone in E.164 (read in the address's country
 * when written without a country code, as a push reads it) and the default address. Shopify's refusals (an email or
 * phone another customer has, an invalid phone) come back in `userErrors`; transport failures throw as every request.
 */
export async function createCustomerFromCrm(
  client: ShopifyClient,
  customer: NewCustomer,
  options: { correlationId: string },
): Promise<CustomerPushResult> {
  const cost = { requested: 0, actual: 0 };
  const refused = (userErrors: PushUserError[]): CustomerPushResult => ({
    updatedAt: null,
    customer: null,
    userErrors,
    cost,
  });
  const input: Record<string, unknown> = {};
  if (customer.firstName) input.firstName = customer.firstName;
  if (customer.lastName) input.lastName = customer.lastName;
  if (customer.email) input.email = customer.email;
  let country: string | null = null;
  if (customer.address) {
    const merged = mergeAddress(null, customer.address);
    if ('error' in merged) return refused([merged.error]);
    input.addresses = [merged.input];
    country = merged.input.countryCode;
  }
  if (customer.phone) {
    const region = country ?? countryCode({ code: customer.address?.country, name: customer.address?.country });
    input.phone = normalizePhone(customer.phone, region).value ?? customer.phone;
  }
  const answer = await client.requestWithCost<CustomerCreateMutation>(CUSTOMER_CREATE, {
    variables: { input },
    correlationId: options.correlationId,
  });
  cost.requested += answer.requestedCost ?? 0;
  cost.actual += answer.actualCost ?? 0;
  const payload = answer.data.customerCreate;
  const userErrors = (payload?.userErrors ?? []).map(({ field, message }) => ({ field, message }));
  if (!payload?.customer || userErrors.length > 0) {
    return refused(userErrors.length > 0 ? userErrors : [{ field: null, message: 'Shopify created no customer' }]);
  }
  const created = customerFromGraphql(payload.customer);
  return { updatedAt: created.updatedAt, customer: created, userErrors: [], cost };
}
