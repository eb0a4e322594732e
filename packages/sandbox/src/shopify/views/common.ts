/**
 * Small value views shared by the object views: DateTime, MoneyBag/MoneyV2, MailingAddress, Attribute, Count.
 * A view is an object whose properties (or methods, called with the field's arguments) are the schema's fields;
 * a field a view lacks is reported as not implemented by schema.ts, never resolved to null.
 */
import { type Bag, formatDecimal } from '../money';
import type { AddressRecord, OrderRecord } from '../records';
import type { ShopStore } from '../store';
import { gid } from '../store';

/** What every resolver receives as the GraphQL context. */
export interface ViewContext {
  store: ShopStore;
  /** True while a bulk operation runs its query: connections then return every node, ignoring `first`. */
  bulk: boolean;
}

/** Shopify's DateTime: ISO 8601 in UTC with second precision ("2022-05-25T13:46:50Z"). */
export function iso(date: Date): string;
export function iso(date: Date | null): string | null;
export function iso(date: Date | null): string | null {
  return date ? date.toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
}

/** A MoneyV2 value. */
export function moneyV2(
  minor: number,
  currencyCode: string,
): { amount: string; currencyCode: string; __typename: string } {
  return { __typename: 'MoneyV2', amount: formatDecimal(minor, currencyCode), currencyCode };
}

/** A MoneyBag for an amount on `order` (shop currency and the order's presentment currency). */
export function moneyBag(amount: Bag, order: OrderRecord): { shopMoney: unknown; presentmentMoney: unknown } {
  return {
    shopMoney: moneyV2(amount.shop, order.currencyCode),
    presentmentMoney: moneyV2(amount.pres, order.presentmentCurrencyCode),
  };
}

export function count(value: number): { count: number; precision: string } {
  return { count: value, precision: 'EXACT' };
}

export function attributes(list: { key: string; value: string | null }[]): { key: string; value: string | null }[] {
  return list.map((a) => ({ key: a.key, value: a.value }));
}

/** The MailingAddress view. `name` and `formatted` follow Shopify's "first last" and one-line-per-part layout. */
export function mailingAddress(address: AddressRecord | null): Record<string, unknown> | null {
  if (!address) return null;
  const name = [address.firstName, address.lastName].filter(Boolean).join(' ') || null;
  const formattedArea = [address.city, address.provinceCode, address.country].filter(Boolean).join(', ') || null;
  return {
    __typename: 'MailingAddress',
    id: `${gid('MailingAddress', address.id)}?model_name=CustomerAddress`,
    address1: address.address1,
    address2: address.address2,
    city: address.city,
    company: address.company,
    country: address.country,
    countryCode: address.countryCode,
    countryCodeV2: address.countryCode,
    firstName: address.firstName,
    lastName: address.lastName,
    name,
    phone: address.phone,
    province: address.province,
    provinceCode: address.provinceCode,
    zip: address.zip,
    coordinatesValidated: false,
    latitude: null,
    longitude: null,
    timeZone: null,
    validationResultSummary: null,
    formattedArea,
    formatted: (args: { withName?: boolean | null; withCompany?: boolean | null }) =>
      [
        args.withName ? name : null,
        args.withCompany === false ? null : address.company,
        address.address1,
        address.address2,
        [address.zip, address.city].filter(Boolean).join(' ') || null,
        address.province,
        address.country,
      ].filter((part): part is string => Boolean(part)),
  };
}
