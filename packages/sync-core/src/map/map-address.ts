import type { ShopifyAddress } from '../models/address';
import { fitAddressLines } from '../normalize/address-lines';
import { countryCode, countryName, region } from '../normalize/country';
import { ADDRESS_LENGTHS } from '../normalize/crm-lengths';

/** The value cut to the column's length; a cut is a warning the sync log shows. */
export function fit(column: string, value: string | null, max: number, warnings: string[]): string | null {
  if (value === null || value.length <= max) return value;
  warnings.push(`${column} was cut to ${max} characters: "${value}"`);
  return value.slice(0, max).trimEnd();
}

/**
 * An address as Dynamics' composite address columns (`address1_*` or `address2_*` of contacts and accounts, `billto_*`
 * or `shipto_*` of sales orders: the same suffixes and lengths, DATAVERSE.md "Tables"): lines fitted to the column
 * lengths, country and region validated and written as name or code. Everything cut or unreadable is a warning.
 */
export function addressColumns(
  source: ShopifyAddress,
  slot: 'address1' | 'address2' | 'billto' | 'shipto',
  countryAs: 'name' | 'code',
  warnings: string[],
): Record<string, string | null> {
  const fitted = fitAddressLines([source.address1, source.address2], ADDRESS_LENGTHS.lines, ADDRESS_LENGTHS.line);
  if (fitted.cut) warnings.push(`address lines were cut; lost: "${fitted.cut}"`);
  const country = countryCode({ code: source.countryCode, name: source.country });
  if (!country && (source.countryCode || source.country)) {
    warnings.push(`country "${source.countryCode ?? source.country}" is not an ISO 3166 country; written as given`);
  }
  const area = country ? region(country, { code: source.provinceCode, name: source.province }) : null;
  if (country && !area && (source.provinceCode || source.province)) {
    warnings.push(`region "${source.provinceCode ?? source.province}" is not a region of ${country}; written as given`);
  }
  const countryText = country ? (countryAs === 'code' ? country : (countryName(country) ?? country)) : source.country;
  const regionText = area ? (countryAs === 'code' ? area.code : area.name) : source.province;
  return {
    [`${slot}_line1`]: fitted.lines[0] ?? null,
    [`${slot}_line2`]: fitted.lines[1] ?? null,
    [`${slot}_line3`]: fitted.lines[2] ?? null,
    [`${slot}_city`]: fit(`${slot}_city`, source.city, ADDRESS_LENGTHS.city, warnings),
    [`${slot}_stateorprovince`]: fit(`${slot}_stateorprovince`, regionText, ADDRESS_LENGTHS.stateorprovince, warnings),
    [`${slot}_postalcode`]: fit(`${slot}_postalcode`, source.zip?.trim() ?? null, ADDRESS_LENGTHS.postalcode, warnings),
    [`${slot}_country`]: fit(`${slot}_country`, countryText, ADDRESS_LENGTHS.country, warnings),
  };
}
