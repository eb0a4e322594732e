import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { createDataverseOrg } from '../index';
import { DEFAULT_REFERENCE_DIR } from '../metadata/catalog';

type Node = Record<string, unknown>;

function list(value: unknown): Node[] {
  return value === undefined ? [] : ((Array.isArray(value) ? value : [value]) as Node[]);
}

/** Property name -> Edm type of one entity type of a CSDL document. */
function properties(xml: string, entity: string): Map<string, string> {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  const document = parser.parse(xml) as Node;
  const services = (document['edmx:Edmx'] as Node)['edmx:DataServices'] as Node;
  const type = list((services.Schema as Node).EntityType).find((item) => item.Name === entity);
  return new Map(list(type?.Property).map((item) => [String(item.Name), String(item.Type)]));
}

/** Navigation property name -> [type, referenced property] of one entity type of a CSDL document. */
function navigations(xml: string, entity: string): Map<string, [string, string]> {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
  const document = parser.parse(xml) as Node;
  const services = (document['edmx:Edmx'] as Node)['edmx:DataServices'] as Node;
  const type = list((services.Schema as Node).EntityType).find((item) => item.Name === entity);
  return new Map(
    list(type?.NavigationProperty).map((item) => [
      String(item.Name),
      [String(item.Type), String(list(item.ReferentialConstraint)[0]?.ReferencedProperty)],
    ]),
  );
}

const REAL = readFileSync(join(DEFAULT_REFERENCE_DIR, 'frodata', 'metadata_dynamics.xml'), 'utf8');

describe('$metadata', () => {
  it("types orderclose's activity columns as the real activitypointer", async () => {
    // Setup
    const org = createDataverseOrg({ name: 'http://127.0.0.1:4002', seed: false });
    const real = properties(REAL, 'activitypointer');

    // Action
    const response = await org.handle({
      method: 'GET',
      path: '/api/data/v9.2/$metadata',
      query: new URLSearchParams(),
      headers: {},
      body: '',
      origin: 'http://127.0.0.1:4002',
    });
    const ours = properties(response.body, 'orderclose');

    // Assertions
    const shared = [...ours.keys()].filter((name) => real.has(name));
    expect(shared).toEqual(
      expect.arrayContaining([
        'activityid',
        'subject',
        'statecode',
        'statuscode',
        'actualend',
        '_regardingobjectid_value',
      ]),
    );
    expect(shared.filter((name) => real.get(name) !== ours.get(name))).toEqual([]);
  });

  it("types the contact's properties as the real org's CSDL does", async () => {
    // Setup
    const org = createDataverseOrg({ name: 'http://127.0.0.1:4002', seed: false });
    const real = properties(REAL, 'contact');

    // Action
    const response = await org.handle({
      method: 'GET',
      path: '/api/data/v9.2/$metadata',
      query: new URLSearchParams(),
      headers: {},
      body: '',
      origin: 'http://127.0.0.1:4002',
    });
    const ours = properties(response.body, 'contact');

    // Assertions
    expect(response.status).toBe(200);
    const shared = [...ours.keys()].filter((name) => real.has(name));
    // The CDM-defined contact columns and the system columns are almost all in the real CSDL.
    expect(shared.length).toBeGreaterThan(100);
    const mismatches = shared
      .filter((name) => real.get(name) !== ours.get(name))
      .map((name) => `${name}: ${real.get(name)} vs ${ours.get(name)}`);
    expect(mismatches).toEqual([]);
  });

  it("names the contact's owner navigations as the real org's CSDL does", async () => {
    // Setup
    const org = createDataverseOrg({ name: 'http://127.0.0.1:4002', seed: false });
    const real = navigations(REAL, 'contact');

    // Action
    const response = await org.handle({
      method: 'GET',
      path: '/api/data/v9.2/$metadata',
      query: new URLSearchParams(),
      headers: {},
      body: '',
      origin: 'http://127.0.0.1:4002',
    });
    const ours = navigations(response.body, 'contact');

    // Assertions
    for (const name of ['ownerid', 'owningbusinessunit', 'owninguser', 'owningteam'])
      expect(ours.get(name), name).toEqual(real.get(name));
    expect(real.get('ownerid')).toEqual(['mscrm.principal', 'ownerid']);
  });
});
