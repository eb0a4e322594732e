import { COMPANY_CREATE, CUSTOMER_CREATE } from './documents';
import type { DemoOperation } from './operation';
import { createPrng, type Prng } from './prng';
import { COUNTRIES, LONG_FIRST_NAMES, NAMES, type Country } from './tables';

/** A person of the demo data as later orders need to know them. */
export interface DemoPerson {
  key: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  country: Country;
  address: Record<string, unknown> | null;
}

/** A B2B company: orders for it go to its location, bought by its main contact. */
export interface DemoCompany {
  key: string;
  name: string;
  country: Country;
  address: Record<string, unknown>;
}

/** ASCII letters of a name for an email address (non-Latin names fall back to a word of the country's language). */
function slug(text: string, fallback: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
  return ascii.length > 0 ? ascii.slice(0, 20) : fallback;
}

/**
 * A phone number unique per index: 7919 is prime and so coprime with every power of ten, which makes
 * index -> index * 7919 mod 10^digits one-to-one (Shopify refuses two customers with one phone).
 */
export function uniquePhone(country: Country, index: number, salt: number): string {
  const span = 10 ** country.phone.digits;
  const national = (index * 7919 + salt) % span;
  return `${country.phone.prefix}${String(national).padStart(country.phone.digits, '0')}`;
}

/** A MailingAddressInput in the country, with no province where the country has no regions. */
export function addressIn(
  prng: Prng,
  country: Country,
  person: { firstName: string; lastName: string },
): Record<string, unknown> {
  const number = prng.int(1, 250);
  const zip = country.zip(prng.int(1, 9999));
  return {
    firstName: person.firstName,
    lastName: person.lastName,
    address1: `${number} ${prng.pick(country.streets)}`,
    address2: prng.chance(0.2) ? `Apt ${prng.int(1, 40)}` : null,
    city: prng.pick(country.cities),
    countryCode: country.code,
    provinceCode: country.province?.code ?? null,
    zip: zip === '' ? null : zip,
    company: null,
  };
}

/** Name of a person from the country's table, now and then a given name too long for Dynamics. */
function nameIn(prng: Prng, country: Country): { firstName: string; lastName: string } {
  const table = NAMES[country.names];
  const firstName = prng.chance(0.06) ? prng.pick(LONG_FIRST_NAMES) : prng.pick(table.first);
  return { firstName, lastName: prng.pick(table.last) };
}

/** Where a drawn customer's email and phone come from, so that different people never share either. */
export interface Identity {
  /** Set between the name and the index in emails (`anna.smith.eu3@example.com`); '' for none. */
  tag: string;
  /** Salt of the phone numbers (see uniquePhone). */
  salt: number;
  /** Added to the index of phone numbers: each shop of a sandbox draws from its own range of one salt. */
  phoneOffset: number;
}

/** A customer as drawn: its CustomerInput and who it is, before it has a key in a shop. */
export interface DrawnCustomer {
  input: Record<string, unknown>;
  person: Omit<DemoPerson, 'key'>;
}

/**
 * One customer. Contact details vary the way real shops' do: email only, email and phone, phone only, and neither
 * (a name and an address from a shop counter). Emails and phones are unique: Shopify refuses duplicates, so shared
 * emails come in through orders (see orders.ts).
 */
function drawCustomer(prng: Prng, index: number, identity: Identity): DrawnCustomer {
  const country = prng.pick(COUNTRIES);
  const name = nameIn(prng, country);
  const contact = prng.next();
  const hasEmail = contact >= 0.17;
  const hasPhone = contact < 0.12 || (contact >= 0.17 && contact < 0.45);
  const email = hasEmail
    ? `${slug(name.firstName, 'kunde')}.${slug(name.lastName, 'demo')}.${identity.tag}${index}@example.com`
    : null;
  const phone = hasPhone ? uniquePhone(country, identity.phoneOffset + index, identity.salt) : null;
  const addresses = prng.chance(0.85) ? [addressIn(prng, country, name)] : [];
  if (addresses.length > 0 && prng.chance(0.15)) addresses.push(addressIn(prng, prng.pick(COUNTRIES), name));
  const input: Record<string, unknown> = { ...name, email, phone, addresses };
  if (prng.chance(0.3)) input.tags = [prng.pick(['vip', 'wholesale', 'newsletter', 'returning'])];
  if (prng.chance(0.1)) input.note = prng.pick(['Prefers delivery after 6 pm', 'Allergic to wool', 'Ruft lieber an']);
  if (prng.chance(0.03)) input.taxExempt = true;
  return { input, person: { ...name, email, phone, country, address: addresses[0] ?? null } };
}

/** `count` customers of one shop. */
export function drawCustomers(prng: Prng, count: number, identity: Identity): DrawnCustomer[] {
  return Array.from({ length: count }, (_, i) => drawCustomer(prng, i, identity));
}

/** customerCreate operations for customers in the order given, keyed `customer:<position>`. */
export function customerOperations(customers: readonly DrawnCustomer[]): {
  operations: DemoOperation[];
  people: DemoPerson[];
} {
  const operations: DemoOperation[] = [];
  const people: DemoPerson[] = [];
  customers.forEach(({ input, person }, i) => {
    const key = `customer:${i}`;
    operations.push({ key, document: CUSTOMER_CREATE, variables: { input } });
    people.push({ key, ...person });
  });
  return { operations, people };
}

/** customerCreate operations of `count` customers, as {@link drawCustomers} and {@link customerOperations}. */
export function generateCustomers(
  prng: Prng,
  count: number,
  salt: number,
): { operations: DemoOperation[]; people: DemoPerson[] } {
  return customerOperations(drawCustomers(prng, count, { tag: '', salt, phoneOffset: 0 }));
}

/** A person who is a customer of several shops: the same name, email, phone and addresses in each. */
export interface SharedCustomer extends DrawnCustomer {
  /** Keys of the shops they buy in, e.g. `['us', 'eu']`. */
  shops: string[];
}

/** People shared between shops, drawn once from one seed; each shop's generator takes those of its own. */
export interface SharedPool {
  /** The phone salt of every shop of the pool: one salt, one range per shop, so no phone is drawn twice. */
  salt: number;
  people: SharedCustomer[];
}

/**
 * Draws the shared people: `count` for each group of shops. Their phones use indexes below 1 000 000, the range no
 * shop draws its own people from (generate-demo-data.ts gives shop n the range from (n + 1) * 1 000 000).
 */
export function generateSharedPool(options: {
  seed: number;
  groups: readonly { shops: readonly string[]; count: number }[];
}): SharedPool {
  // A stream of its own: the shops' generators draw from seed, seed + 1, … and would draw these very people again.
  const prng = createPrng((options.seed ^ 0x9e3779b9) >>> 0);
  const salt = prng.int(0, 9_999_999);
  const identity = { tag: '', salt, phoneOffset: 0 };
  const people: SharedCustomer[] = [];
  for (const group of options.groups) {
    for (let k = 0; k < group.count; k += 1) {
      people.push({ ...drawCustomer(prng, people.length, identity), shops: [...group.shops] });
    }
  }
  return { salt, people };
}

const COMPANY_NAMES = [
  'Nordhaus Einrichtungen GmbH',
  '山田商事株式会社',
  'Acme Hospitality Supplies Ltd',
  'Αθηναϊκή Εμπορική Α.Ε.',
  'Café Lumière SARL',
  'مؤسسة الخليج للتجارة',
  'Harbour View Hotels Pte. Ltd.',
  'Ó Briain & Sons Teoranta',
];

/**
 * companyCreate operations: each with a main contact (who becomes a customer) and one location. `tag` sets the
 * contacts' emails apart from another shop's (see Identity).
 */
export function generateCompanies(
  prng: Prng,
  count: number,
  since: Date,
  tag = '',
): { operations: DemoOperation[]; companies: DemoCompany[] } {
  const operations: DemoOperation[] = [];
  const companies: DemoCompany[] = [];
  for (let j = 0; j < count; j += 1) {
    const key = `company:${j}`;
    const country = prng.pick(COUNTRIES);
    const contact = nameIn(prng, country);
    const name = `${prng.pick(COMPANY_NAMES)}${j >= COMPANY_NAMES.length ? ` ${j}` : ''}`;
    const mailing = addressIn(prng, country, contact);
    const address = {
      address1: mailing.address1,
      address2: mailing.address2,
      city: mailing.city,
      zip: mailing.zip,
      countryCode: country.code,
      zoneCode: country.province?.code ?? null,
      recipient: `${contact.firstName} ${contact.lastName}`,
    };
    const customerSince = new Date(since.getTime() - prng.int(30, 2000) * 86_400_000).toISOString();
    const input = {
      company: {
        name,
        externalId: `ERP-${1000 + j}`,
        note: prng.chance(0.5) ? 'Net 30 terms agreed' : null,
        customerSince,
      },
      companyContact: {
        ...contact,
        email: `buyer.${j}@company-${tag}${j}.example.com`,
        title: prng.pick(['Purchasing manager', 'Owner', 'Einkauf']),
      },
      companyLocation: {
        name: `${mailing.city as string} office`,
        billingAddress: address,
        shippingAddress: address,
        billingSameAsShipping: true,
        taxRegistrationId: prng.chance(0.5) ? `${country.code}${prng.int(100000000, 999999999)}` : null,
      },
    };
    operations.push({ key, document: COMPANY_CREATE, variables: { input } });
    companies.push({ key, name, country, address: { ...mailing, company: name } });
  }
  return { operations, companies };
}
