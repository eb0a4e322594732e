import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressFromCrmColumns, pushCustomerChanges } from './customer-push';
import { readCustomer } from './readers';
import { simulatedShop } from './testing/simulated-shop';

type Setup = Awaited<ReturnType<typeof simulatedShop>>;
/** A change the shop announces, one per webhook topic it sends. */
type ShopChange = Parameters<Parameters<Setup['shop']['onChange']>[0]>[0];

interface ShopAddress {
  id: string;
  address1: string | null;
  city: string | null;
  provinceCode: string | null;
  countryCodeV2: string | null;
  zip: string | null;
}

const CREATE = `mutation($input: CustomerInput!) { customerCreate(input: $input) { customer { id updatedAt
  addresses { id } } userErrors { field message } } }`;
const ADDRESSES = `query($id: ID!) { customer(id: $id) { defaultAddress { id }
  addresses { id address1 city provinceCode countryCodeV2 zip } } }`;

let counter = 0;

/** A new customer of the simulated shop with a home address (the default) and a work address. */
async function customer(setup: Setup): Promise<{ gid: string; updatedAt: string; home: string; work: string }> {
  counter += 1;
  const result = await setup.shop.execute(CREATE, {
    input: {
      email: `push-${counter}@example.com`,
      phone: `+1212555${String(7000 + counter)}`,
      firstName: 'Ann',
      lastName: 'Lee',
      addresses: [
        { address1: '1 Home St', city: 'Albany', provinceCode: 'NY', countryCode: 'US', zip: '12207' },
        { address1: '9 Work Ave', city: 'Boston', provinceCode: 'MA', countryCode: 'US', zip: '02110' },
      ],
    },
  });
  const created = (
    result.data as {
      customerCreate: { customer: { id: string; updatedAt: string; addresses: { id: string }[] } | null };
    }
  ).customerCreate.customer;
  const [home, work] = created?.addresses ?? [];
  if (!created || !home || !work) throw new Error(`customerCreate failed: ${JSON.stringify(result)}`);
  return { gid: created.id, updatedAt: created.updatedAt, home: home.id, work: work.id };
}

/** The customer's addresses and default as the shop holds them. */
async function addressesOf(setup: Setup, gid: string) {
  const result = await setup.shop.execute(ADDRESSES, { id: gid });
  const data = result.data as { customer: { defaultAddress: { id: string } | null; addresses: ShopAddress[] } };
  return data.customer;
}

describe('pushCustomerChanges against the Shopify simulator over HTTP', () => {
  let setup: Setup;
  const changes: ShopChange[] = [];
  beforeAll(async () => {
    setup = await simulatedShop({ plan: 'standard', customers: 3, orders: 0 });
    setup.shop.onChange((change) => changes.push(change));
  });
  afterAll(async () => {
    await setup.simulator.close();
  });

  it("changes email, phone and the default address in place, keeping the customer's other address", async () => {
    // Setup: Shopify keeps updatedAt to the second, so a second passes for the push to move it.
    const { gid, updatedAt, home, work } = await customer(setup);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const correlationId = 'a3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
    const before = setup.events.length;
    const address = addressFromCrmColumns({
      address1_line1: '200 King St W',
      address1_line2: 'Suite 4',
      address1_city: 'Toronto',
      address1_stateorprovince: 'Ontario',
      address1_postalcode: 'M5H 3T4',
      address1_country: 'Canada',
    });
    const webhooksBefore = changes.length;
    // Action
    const result = await pushCustomerChanges(
      setup.client,
      { customerGid: gid, email: 'ann.lee@example.com', phone: '+1 (646) 555-0123', address },
      { correlationId },
    );
    // Assertions
    expect(result.userErrors).toEqual([]);
    expect(result.customer).toMatchObject({
      gid,
      email: 'ann.lee@example.com',
      phone: '+16465550123',
      defaultAddress: {
        address1: '200 King St W',
        address2: 'Suite 4',
        city: 'Toronto',
        provinceCode: 'ON',
        countryCode: 'CA',
        zip: 'M5H 3T4',
        firstName: null,
      },
    });
    expect(result.updatedAt).toBe(result.customer?.updatedAt);
    expect(result.updatedAt! > updatedAt).toBe(true);
    expect(await readCustomer(setup.client, gid)).toEqual(result.customer);
    const held = await addressesOf(setup, gid);
    expect(held.defaultAddress?.id).toBe(home);
    expect(held.addresses.map((a) => [a.id, a.address1, a.countryCodeV2])).toEqual([
      [home, '200 King St W', 'CA'],
      [work, '9 Work Ave', 'US'],
    ]);
    expect(changes.slice(webhooksBefore).map((change) => [change.topic, change.gid])).toEqual([
      ['customers/update', gid],
    ]);
    // The cost is what Shopify reported for the address read and the mutation, each sent with the correlation id.
    const responses = setup.events
      .slice(before)
      .filter((event) => event.kind === 'response' && event.correlationId === correlationId);
    expect(responses).toHaveLength(2);
    const sum = (pick: (event: (typeof responses)[number]) => number | null) =>
      responses.reduce((total, event) => total + (pick(event) ?? 0), 0);
    expect(result.cost).toEqual({
      requested: sum((event) => (event.kind === 'response' ? event.requestedCost : null)),
      actual: sum((event) => (event.kind === 'response' ? event.actualCost : null)),
    });
    expect(result.cost.actual).toBeGreaterThan(0);
  });

  it('sends email and phone alone in one request, and clears the phone', async () => {
    // Setup
    const { gid, home } = await customer(setup);
    const before = setup.events.length;
    // Action
    const result = await pushCustomerChanges(setup.client, { customerGid: gid, phone: null }, { correlationId: 'c1' });
    // Assertions
    expect(result.userErrors).toEqual([]);
    expect(result.customer?.phone).toBeNull();
    expect(result.customer?.email).toMatch(/^push-\d+@example\.com$/);
    expect(setup.events.slice(before).filter((event) => event.kind === 'response')).toHaveLength(1);
    expect(result.cost.requested).toBeGreaterThan(0);
    expect((await addressesOf(setup, gid)).defaultAddress?.id).toBe(home);
  });

  it("reads a phone written without country code in the contact's country", async () => {
    // Setup
    const { gid } = await customer(setup);
    // Action
    const result = await pushCustomerChanges(
      setup.client,
      { customerGid: gid, phone: '(416) 555-0199', phoneCountry: 'Canada' },
      { correlationId: 'c7' },
    );
    // Assertions
    expect(result.userErrors).toEqual([]);
    expect(result.customer?.phone).toBe('+14165550199');
  });

  it("answers Shopify's userError for an email another customer has, and changes nothing", async () => {
    // Setup
    const first = await customer(setup);
    const second = await customer(setup);
    const taken = (await readCustomer(setup.client, first.gid))?.email;
    const before = await readCustomer(setup.client, second.gid);
    // Action
    const result = await pushCustomerChanges(
      setup.client,
      { customerGid: second.gid, email: taken ?? null, address: { city: 'Buffalo' } },
      { correlationId: 'c2' },
    );
    // Assertions
    expect(result).toMatchObject({
      updatedAt: null,
      customer: null,
      userErrors: [{ field: ['email'], message: 'Email has already been taken' }],
    });
    expect(result.cost.actual).toBeGreaterThan(0);
    expect(await readCustomer(setup.client, second.gid)).toEqual(before);
  });

  it('deletes the default address when the CRM clears it, and the other address becomes the default', async () => {
    // Setup
    const { gid, work } = await customer(setup);
    // Action
    const result = await pushCustomerChanges(
      setup.client,
      { customerGid: gid, address: null },
      { correlationId: 'c3' },
    );
    // Assertions
    expect(result.userErrors).toEqual([]);
    expect(result.customer?.defaultAddress?.address1).toBe('9 Work Ave');
    const held = await addressesOf(setup, gid);
    expect(held.defaultAddress?.id).toBe(work);
    expect(held.addresses.map((a) => a.id)).toEqual([work]);
  });

  it("answers Shopify's userError for a region the country does not have", async () => {
    // Setup
    const { gid } = await customer(setup);
    // Action
    const result = await pushCustomerChanges(
      setup.client,
      { customerGid: gid, address: { country: 'Canada', province: 'Ontaryo' } },
      { correlationId: 'c6' },
    );
    // Assertions
    expect(result.userErrors).toEqual([{ field: ['addresses', '0', 'province'], message: 'Province is not valid' }]);
    expect(result.customer).toBeNull();
  });

  it('refuses a country it cannot read before sending, and a customer the shop does not have', async () => {
    // Setup
    const { gid } = await customer(setup);
    // Action
    const atlantis = await pushCustomerChanges(
      setup.client,
      { customerGid: gid, address: { country: 'Atlantis' } },
      { correlationId: 'c4' },
    );
    const gone = await pushCustomerChanges(
      setup.client,
      { customerGid: 'gid://shopify/Customer/1', email: 'x@example.com', address: { city: 'Erie' } },
      { correlationId: 'c5' },
    );
    // Assertions
    expect(atlantis.userErrors).toEqual([
      expect.objectContaining({ field: ['addresses', '0', 'countryCode'], code: 'INVALID_COUNTRY' }),
    ]);
    expect(atlantis.userErrors[0]?.message).toContain('Atlantis');
    expect(gone.userErrors).toEqual([{ field: ['id'], message: 'Customer does not exist' }]);
  });
});
