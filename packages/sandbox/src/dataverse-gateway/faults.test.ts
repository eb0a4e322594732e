import { describe, expect, it } from 'vitest';
import { FaultInjector, ruleMatches, type FaultRule } from './faults';

describe('FaultInjector', () => {
  it('draws the same faults from the same seed, at about the configured rates', () => {
    // Setup
    const settings = { errorRate: 0.2, dropRate: 0.1, latency: { kind: 'uniform', minMs: 5, maxMs: 15 } } as const;
    const first = new FaultInjector({ ...settings, seed: 42 });
    const second = new FaultInjector({ ...settings, seed: 42 });

    // Action
    const a = Array.from({ length: 2000 }, () => first.decide());
    const b = Array.from({ length: 2000 }, () => second.decide());

    // Assertions
    expect(a).toEqual(b);
    const share = (outcome: string) => a.filter((decision) => decision.outcome === outcome).length / a.length;
    expect(share('error')).toBeGreaterThan(0.17);
    expect(share('error')).toBeLessThan(0.23);
    expect(share('drop')).toBeGreaterThan(0.08);
    expect(share('drop')).toBeLessThan(0.12);
    expect(share('timeout')).toBe(0);
    expect(Math.min(...a.map((decision) => decision.latencyMs))).toBeGreaterThanOrEqual(5);
    expect(Math.max(...a.map((decision) => decision.latencyMs))).toBeLessThanOrEqual(15);
  });
});

describe('fault rules', () => {
  const rule: FaultRule = {
    id: 'refuse-1001',
    method: 'patch',
    pathContains: "salesorders(sv_shopifyid='us_1001')",
    status: 400,
    code: '0x80040265',
    message: 'ISV code aborted the operation.',
  };
  const request = (method: string, path: string, body = '') => ({ method, path, body });

  it('matches on every condition given: method in any case, the decoded path, the body', () => {
    // Setup
    const withBody: FaultRule = { ...rule, bodyContains: '"sv_ordername":"#1001"' };
    const path = "/api/data/v9.2/salesorders(sv_shopifyid='us_1001')";

    // Action and assertions
    expect(ruleMatches(rule, request('PATCH', path))).toBe(true);
    expect(ruleMatches(rule, request('PATCH', path.replace(/'/g, '%27')))).toBe(true);
    expect(ruleMatches(rule, request('GET', path))).toBe(false);
    expect(ruleMatches(rule, request('PATCH', path.replace('1001', '1002')))).toBe(false);
    expect(ruleMatches(withBody, request('PATCH', path, '{"sv_ordername":"#1001"}'))).toBe(true);
    expect(ruleMatches(withBody, request('PATCH', path, '{"sv_ordername":"#1002"}'))).toBe(false);
    expect(ruleMatches(rule, request('PATCH', '/api/data/v9.2/salesorders(%E0%A4%A)'))).toBe(false);
  });

  it('answers a matching request with the first matching rule’s Dataverse error, and nothing else', () => {
    // Setup
    const faults = new FaultInjector({
      rules: [rule, { ...rule, id: 'second', message: 'never reached' }],
    });

    // Action
    const refused = faults.refusal(request('PATCH', "/api/data/v9.2/salesorders(sv_shopifyid='us_1001')"));
    const passed = faults.refusal(request('PATCH', "/api/data/v9.2/salesorders(sv_shopifyid='us_1002')"));
    faults.set({ rules: [] });
    const cleared = faults.refusal(request('PATCH', "/api/data/v9.2/salesorders(sv_shopifyid='us_1001')"));

    // Assertions
    expect(refused?.status).toBe(400);
    expect(JSON.parse(refused?.body ?? '')).toEqual({
      error: { code: '0x80040265', message: 'ISV code aborted the operation.' },
    });
    expect(refused?.headers['OData-Version']).toBe('4.0');
    expect(passed).toBeUndefined();
    expect(cleared).toBeUndefined();
  });

  it('leaves the seeded rate faults as they were', () => {
    // Setup
    const settings = { errorRate: 0.3, timeoutRate: 0.1, seed: 7 };
    const plain = new FaultInjector(settings);
    const withRules = new FaultInjector({ ...settings, rules: [rule] });

    // Action
    const a = Array.from({ length: 200 }, () => plain.decide());
    const b = Array.from({ length: 200 }, () => withRules.decide());

    // Assertions
    expect(b).toEqual(a);
  });

  it('hands out copies of its rules', () => {
    // Setup
    const faults = new FaultInjector({ rules: [rule] });

    // Action
    const current = faults.current();
    current.rules.push({ ...rule, id: 'added' });
    if (current.rules[0]) current.rules[0].message = 'changed';

    // Assertions
    expect(faults.current().rules).toEqual([rule]);
  });
});
