/** Fragments shared by several documents; each is defined once, as GraphQL requires of fragment names. */

export const ADDRESS_FIELDS = `#graphql
  fragment AddressFields on MailingAddress {
    firstName
    lastName
    company
    address1
    address2
    city
    province
    provinceCode
    zip
    country
    countryCodeV2
    phone
  }
`;
