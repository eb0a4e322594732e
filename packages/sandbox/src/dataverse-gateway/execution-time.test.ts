import { describe, expect, it } from 'vitest';
import { classifyOperation, DEFAULT_EXECUTION_TIME, modelledTime } from './execution-time';

describe('execution-time model', () => {
  it('classifies Web API requests by kind', () => {
    // Setup
    const requests = [
      ['GET', '/api/data/v9.2/contacts(00000000-0000-0000-0000-000000000001)'],
      ['GET', "/api/data/v9.2/contacts(sv_shopifyid='us_42')"],
      ['GET', '/api/data/v9.2/contacts'],
      ['POST', '/api/data/v9.2/salesorders'],
      ['PATCH', "/api/data/v9.2/contacts(sv_shopifyid='us_42')"],
      ['DELETE', '/api/data/v9.2/contacts(00000000-0000-0000-0000-000000000001)'],
      ['POST', '/api/data/v9.2/FulfillSalesOrder'],
      ['POST', '/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.UpsertMultiple'],
    ] as const;

    // Action
    const kinds = requests.map(([method, path]) => classifyOperation({ method, path }));

    // Assertions
    expect(kinds).toEqual(['readById', 'readById', 'query', 'create', 'update', 'delete', 'action', 'bulk']);
  });

  it('costs bulk rows at the configured fraction of single writes', () => {
    // Setup
    const targets = Array.from({ length: 8 }, (_, index) => ({ sv_shopifyid: `us_${index}` }));
    const upsertMultiple = {
      method: 'POST',
      path: '/api/data/v9.2/contacts/Microsoft.Dynamics.CRM.UpsertMultiple',
      body: JSON.stringify({ Targets: targets }),
    };
    const single = { method: 'PATCH', path: "/api/data/v9.2/contacts(sv_shopifyid='us_1')", body: '{}' };

    // Action
    const bulk = modelledTime(DEFAULT_EXECUTION_TIME, upsertMultiple);
    const one = modelledTime(DEFAULT_EXECUTION_TIME, single);

    // Assertions
    expect(bulk).toBe(8 * one * DEFAULT_EXECUTION_TIME.bulkRowRatio);
    expect(bulk).toBeLessThan(8 * one);
  });
});
