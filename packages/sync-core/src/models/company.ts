import type { ShopifyAddress } from './address';

/** A company location: where a B2B company buys and is billed. */
export interface ShopifyCompanyLocation {
  gid: string;
  name: string;
  externalId: string | null;
  billingAddress: ShopifyAddress | null;
  shippingAddress: ShopifyAddress | null;
}

/** A Shopify B2B company with its locations and the customers who are its contacts. */
export interface ShopifyCompany {
  gid: string;
  name: string;
  externalId: string | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
  locations: ShopifyCompanyLocation[];
  contacts: { gid: string; customerGid: string | null; isMain: boolean }[];
}
