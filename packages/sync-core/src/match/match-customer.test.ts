import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ContactCandidate, type CustomerKeys, matchCustomer, type MatchKey } from './match-customer';

const KEYS: MatchKey[] = ['linkedId', 'alternateKey', 'email', 'phone', 'namePostal'];

const customer = (overrides: Partial<CustomerKeys> = {}): CustomerKeys => ({
  shopifyId: 'us_1001',
  email: 'ada@example.com',
  phone: '+14165550123',
  firstName: 'Ada',
  lastName: 'Lovelace',
  postalCode: 'M5V 2T6',
  ...overrides,
});

const contact = (id: string, overrides: Partial<ContactCandidate> = {}): ContactCandidate => ({
  id,
  shopifyId: null,
  email: null,
  phones: [],
  firstName: null,
  lastName: null,
  postalCode: null,
  ...overrides,
});

describe('matchCustomer', () => {
  it.each([
    {
      case: 'a linked row wins over everything',
      input: {
        customer: customer(),
        linkedId: 'c-linked',
        candidates: [contact('c-mail', { email: 'ada@example.com' })],
      },
      expected: { kind: 'update', id: 'c-linked', matchedOn: 'linkedId' },
    },
    {
      case: 'our alternate key wins over an email match elsewhere',
      input: {
        customer: customer(),
        linkedId: null,
        candidates: [contact('c-mail', { email: 'ada@example.com' }), contact('c-key', { shopifyId: 'us_1001' })],
      },
      expected: { kind: 'update', id: 'c-key', matchedOn: 'alternateKey' },
    },
    {
      case: 'a mixed-case, padded CRM email still matches',
      input: { customer: customer(), linkedId: null, candidates: [contact('c1', { email: '  ADA@Example.com ' })] },
      expected: { kind: 'update', id: 'c1', matchedOn: 'email' },
    },
    {
      case: 'a shared inbox on two contacts is a question, not a guess',
      input: {
        customer: customer(),
        linkedId: null,
        candidates: [
          contact('c1', { email: 'ada@example.com' }),
          contact('c2', { email: 'ada@example.com', phones: ['+14165550123'] }),
        ],
      },
      expected: {
        kind: 'ambiguous',
        key: 'email',
        candidates: [
          { id: 'c1', matchedOn: ['email'] },
          { id: 'c2', matchedOn: ['email', 'phone'] },
        ],
      },
    },
    {
      case: 'a phone-only customer matches by phone',
      input: {
        customer: customer({ email: null }),
        linkedId: null,
        candidates: [contact('c1', { phones: ['+14165550123'] })],
      },
      expected: { kind: 'update', id: 'c1', matchedOn: 'phone' },
    },
    {
      case: 'a contact mirroring another Shopify customer is not this one',
      input: {
        customer: customer(),
        linkedId: null,
        candidates: [contact('c1', { email: 'ada@example.com', shopifyId: 'us_7' })],
      },
      expected: { kind: 'create' },
    },
    {
      case: 'name and postal code, spaces and case aside',
      input: {
        customer: customer({ email: null, phone: null }),
        linkedId: null,
        candidates: [contact('c1', { firstName: 'ADA', lastName: 'lovelace', postalCode: 'm5v2t6' })],
      },
      expected: { kind: 'update', id: 'c1', matchedOn: 'namePostal' },
    },
    {
      case: 'nothing to match or create from',
      input: {
        customer: customer({ email: null, phone: null, firstName: null, lastName: null }),
        linkedId: null,
        candidates: [],
      },
      expected: { kind: 'skip', reason: 'the customer has no email, phone or name to create a contact from' },
    },
  ])('$case', ({ input, expected }) => {
    expect(matchCustomer({ ...input, keys: KEYS })).toEqual(expected);
  });

  it('skips keys the store does not use', () => {
    const input = { customer: customer(), linkedId: null, candidates: [contact('c1', { email: 'ada@example.com' })] };
    expect(matchCustomer({ ...input, keys: ['phone'] })).toEqual({ kind: 'create' });
  });

  it('never creates when a linked row or our alternate key exists, whatever else is there', () => {
    const candidate = fc.record({
      id: fc.uuid(),
      shopifyId: fc.option(fc.constantFrom('us_1001', 'us_7', 'eu_1001'), { nil: null }),
      email: fc.option(fc.constantFrom('ada@example.com', 'ADA@EXAMPLE.COM', 'x@y.z'), { nil: null }),
      phones: fc.array(fc.constantFrom('+14165550123', '+442079460018')),
      firstName: fc.option(fc.constantFrom('Ada', 'Bo'), { nil: null }),
      lastName: fc.option(fc.constantFrom('Lovelace', 'Ng'), { nil: null }),
      postalCode: fc.option(fc.constantFrom('M5V 2T6', '10115'), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.array(candidate, { maxLength: 6 }),
        fc.option(fc.uuid(), { nil: null }),
        fc.shuffledSubarray(KEYS),
        (candidates, linkedId, keys) => {
          const outcome = matchCustomer({ customer: customer(), linkedId, candidates, keys });
          const hasOwnKey = linkedId !== null || candidates.some((c) => c.shopifyId === 'us_1001');
          return !hasOwnKey || outcome.kind === 'update';
        },
      ),
    );
  });
});
