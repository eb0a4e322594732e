/** A postal address as Shopify gives it, before normalisation to Dynamics' fields. */
export interface ShopifyAddress {
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  /** Region name ("Ontario") and its code ("ON"), where the country has regions. */
  province: string | null;
  provinceCode: string | null;
  zip: string | null;
  country: string | null;
  /** ISO 3166-1 alpha-2, e.g. "CA". */
  countryCode: string | null;
  phone: string | null;
}
