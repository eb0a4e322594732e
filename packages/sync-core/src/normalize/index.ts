export { normalizeEmail, type NormalizedEmail } from './email';
export { normalizePhone, type NormalizedPhone } from './phone';
export { countryCode, countryName, region, type Region } from './country';
export { fitAddressLines, type FittedLines } from './address-lines';
export { ADDRESS_LENGTHS, CONTACT_LENGTHS } from './crm-lengths';
