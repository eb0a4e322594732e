/**
 * Maximum lengths of the Dynamics columns the customer sync writes. Names, email and phones come from Microsoft's CDM
 * schema (reference/dataverse/cdm/Contact.cdm.json, checked by a test); the address columns are not in that file
 * and come from reference/DATAVERSE.md ("Tables").
 */
export const CONTACT_LENGTHS = {
  firstname: 50,
  lastname: 50,
  emailaddress1: 100,
  telephone1: 50,
  mobilephone: 50,
} as const;

/** The account columns the company sync writes, from Microsoft's CDM schema (reference/dataverse/cdm/Account.cdm.json). */
export const ACCOUNT_LENGTHS = {
  name: 160,
  accountnumber: 20,
  description: 2000,
} as const;

/** address1_* and address2_* of contact and account (DATAVERSE.md). */
export const ADDRESS_LENGTHS = {
  line: 250,
  lines: 3,
  city: 80,
  stateorprovince: 50,
  postalcode: 20,
  country: 80,
} as const;
