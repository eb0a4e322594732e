import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { companyRefFromRest } from './company-refs';
import { RestBodyError } from './from-rest';

const webhooks = new URL('../../../../reference/shopify/webhooks/', import.meta.url);

type Topic = 'company_locations' | 'company_contacts';

const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, webhooks), 'utf8'));

/** Shopify's documentation samples (the body is `response`) of one topic, every action. */
function samples(topic: Topic): [string, unknown][] {
  return readdirSync(new URL('shopify-docs-samples-2026-04/', webhooks))
    .filter((name) => name.startsWith(`${topic}_`))
    .map((name) => [name, (read(`shopify-docs-samples-2026-04/${name}`) as { response: unknown }).response]);
}

/** The anonymized production bodies of one topic: their gids were replaced by https://www.example.com/. */
function exemplars(topic: Topic): [string, unknown][] {
  return readdirSync(new URL('anonymized-production-exemplars/', webhooks))
    .filter((name) => name.includes(`_${topic}_`))
    .map((name) => [name, read(`anonymized-production-exemplars/${name}`)]);
}

describe('companyRefFromRest', () => {
  it('finds every sample and exemplar', () => {
    expect(samples('company_locations').map(([name]) => name)).toEqual([
      'company_locations_create.json',
      'company_locations_delete.json',
      'company_locations_update.json',
    ]);
    expect(samples('company_contacts')).toHaveLength(3);
    expect(exemplars('company_locations')).toHaveLength(1);
    expect(exemplars('company_contacts')).toHaveLength(1);
  });

  it.each(samples('company_locations'))('reads the company and the location of %s', (_name, body) => {
    expect(companyRefFromRest('company_locations', body)).toEqual({
      companyGid: 'gid://shopify/Company/408372092144951419',
      customerGid: null,
      locationGid: 'gid://shopify/CompanyLocation/408372092144951419',
    });
  });

  it.each(samples('company_contacts'))('reads the company and the customer of %s', (_name, body) => {
    expect(companyRefFromRest('company_contacts', body)).toEqual({
      companyGid: 'gid://shopify/Company/408372092144951419',
      customerGid: 'gid://shopify/Customer/12123842227812391',
      locationGid: null,
    });
  });

  it.each([...exemplars('company_locations'), ...exemplars('company_contacts')])(
    'refuses %s, whose gids were anonymized, naming the field and the topic',
    (name, body) => {
      const topic: Topic = name.includes('company_locations') ? 'company_locations' : 'company_contacts';
      expect(() => companyRefFromRest(topic, body)).toThrow(RestBodyError);
      expect(() => companyRefFromRest(topic, body)).toThrow(
        `the ${topic} body has no company gid in company.admin_graphql_api_id (found "https://www.example.com/"); ` +
          'cannot tell which company to re-sync',
      );
    },
  );

  it('gives null for a customer or location gid that is not one, never a parsed number', () => {
    const body = {
      id: 7e20,
      customer_admin_graphql_api_id: 'https://www.example.com/',
      admin_graphql_api_id: 'gid://shopify/Customer/1',
      company: { id: 1, admin_graphql_api_id: 'gid://shopify/Company/9007199254740993' },
    };
    expect(companyRefFromRest('company_contacts', body)).toEqual({
      companyGid: 'gid://shopify/Company/9007199254740993',
      customerGid: null,
      locationGid: null,
    });
    expect(companyRefFromRest('company_locations', body).locationGid).toBeNull();
  });

  it.each([
    ['not an object', [], 'the company_contacts body is not an object'],
    ['no company', { admin_graphql_api_id: 'gid://shopify/CompanyContact/1' }, '(found no company object)'],
    ['only a numeric company id', { company: { id: 5 } }, '(found nothing)'],
    [
      'a gid of another type',
      { company: { admin_graphql_api_id: 'gid://shopify/Customer/5' } },
      '"gid://shopify/Customer/5"',
    ],
  ])('refuses a body with %s', (_case, body, message) => {
    expect(() => companyRefFromRest('company_contacts', body)).toThrow(RestBodyError);
    expect(() => companyRefFromRest('company_contacts', body)).toThrow(message);
  });
});
