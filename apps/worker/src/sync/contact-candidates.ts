import type { DataverseClient } from '@shopverse/dataverse';
import {
  type ContactCandidate,
  countryCode,
  type CustomerKeys,
  type MatchKey,
  normalizeEmail,
  normalizePhone,
} from '@shopverse/sync-core';
import { type CrmRow, odataString, queryRows } from './crm-rows';

/** What a contact candidate is read with, besides the mapped columns. */
const MATCH_COLUMNS = [
  'firstname',
  'lastname',
  'emailaddress1',
  'telephone1',
  'mobilephone',
  'address1_postalcode',
  'address1_country',
];

/**
 * The CRM's phone columns hold numbers as people typed them ("(415) 555-0132"), so an exact filter on E.164 would
 * miss them: the query asks for rows containing the last four digits, and the matcher compares normalised numbers.
 */
function phoneFilter(e164: string): string {
  const tail = odataString(e164.slice(-4));
  return `contains(telephone1,${tail}) or contains(mobilephone,${tail})`;
}

/**
 * Reads every active contact that any of the store's matching keys could point at (one query), normalised for the
 * matcher: emails lower-cased, phones in E.164 by the contact's own country (else the customer's).
 */
export async function findContactCandidates(
  client: DataverseClient,
  input: {
    customer: CustomerKeys;
    keys: MatchKey[];
    prefix: string;
    columns: string[];
    defaultCountry: string | null;
    correlationId: string;
  },
): Promise<{ candidates: ContactCandidate[]; rows: Map<string, CrmRow> }> {
  const { customer, prefix } = input;
  const keyColumn = `${prefix}_shopifyid`;
  const byKey = `${keyColumn} eq ${odataString(customer.shopifyId)}`;
  const others: string[] = [];
  if (input.keys.includes('email') && customer.email) others.push(`emailaddress1 eq ${odataString(customer.email)}`);
  if (input.keys.includes('phone') && customer.phone) others.push(phoneFilter(customer.phone));
  if (input.keys.includes('namePostal') && customer.lastName && customer.postalCode) {
    others.push(
      `(lastname eq ${odataString(customer.lastName)} and address1_postalcode eq ${odataString(customer.postalCode)})`,
    );
  }
  const filter = others.length > 0 ? `${byKey} or (statecode eq 0 and (${others.join(' or ')}))` : byKey;
  const rows = await queryRows(
    client,
    'contact',
    filter,
    [...new Set([keyColumn, ...MATCH_COLUMNS, ...input.columns])],
    input.correlationId,
  );
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : null);
  const candidates = rows.map((row): ContactCandidate => {
    const country = countryCode({ name: text(row.address1_country), code: text(row.address1_country) });
    const phones = [row.telephone1, row.mobilephone]
      .map((value) => normalizePhone(text(value), country ?? input.defaultCountry))
      .filter((phone) => phone.e164 && phone.value)
      .map((phone) => phone.value ?? '');
    return {
      id: row.id,
      shopifyId: text(row[keyColumn]),
      email: normalizeEmail(text(row.emailaddress1)).value,
      phones,
      firstName: text(row.firstname),
      lastName: text(row.lastname),
      postalCode: text(row.address1_postalcode),
    };
  });
  return { candidates, rows: new Map(rows.map((row) => [row.id, row])) };
}
