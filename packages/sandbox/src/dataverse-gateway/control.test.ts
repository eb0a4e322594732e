import { describe, expect, it } from 'vitest';
import { handleControl, type ControlTargets } from './control';
import { DEFAULT_EXECUTION_TIME } from './execution-time';
import { FaultInjector, NO_FAULTS } from './faults';
import { ServiceProtection } from './service-protection';
import { GatewayStats } from './stats';

const now = () => Date.parse('2026-11-27T10:00:00Z');

function targets(): ControlTargets {
  return {
    stats: new GatewayStats(now),
    faults: new FaultInjector(),
    protection: new ServiceProtection({}, now),
    executionTime: { ...DEFAULT_EXECUTION_TIME },
  };
}

function send(on: ControlTargets, method: string, path: string, body: unknown = undefined) {
  const response = handleControl(
    {
      method,
      path,
      query: new URLSearchParams(),
      headers: {},
      body: body === undefined ? '' : JSON.stringify(body),
      origin: 'http://127.0.0.1:4002',
    },
    on,
  );
  return { status: response.status, body: JSON.parse(response.body) as Record<string, unknown> };
}

const RULE = {
  id: 'refuse-1001',
  method: 'PATCH',
  pathContains: "salesorders(sv_shopifyid='us_1001')",
  status: 400,
  code: '0x80040265',
  message: 'ISV code aborted the operation.',
};

describe('POST /_sim/faults', () => {
  it('sets rules beside the rates, and `rules: []` removes them without touching the rates', () => {
    // Setup
    const on = targets();

    // Action
    const set = send(on, 'POST', '/_sim/faults', { errorRate: 0.1, rules: [RULE] });
    const read = send(on, 'GET', '/_sim/faults');
    const cleared = send(on, 'POST', '/_sim/faults', { rules: [] });

    // Assertions
    expect(set.status).toBe(200);
    expect(read.body).toEqual({ ...NO_FAULTS, errorRate: 0.1, rules: [RULE] });
    expect(cleared.body).toEqual({ ...NO_FAULTS, errorRate: 0.1, rules: [] });
  });

  it.each([
    ['an unknown field of a rule', { rules: [{ ...RULE, plugin: 'x' }] }, 'plugin'],
    ['a status that is not an error', { rules: [{ ...RULE, status: 200 }] }, 'status'],
    ['a code that is not hexadecimal', { rules: [{ ...RULE, code: 'refused' }] }, 'hexadecimal'],
    ['a rule without a message', { rules: [{ ...RULE, message: undefined }] }, 'message'],
    [
      'a rule that would match everything',
      { rules: [{ ...RULE, method: undefined, pathContains: undefined }] },
      'at least one',
    ],
    ['two rules with one id', { rules: [RULE, RULE] }, 'rule ids must differ'],
  ])('refuses %s with 400 and says why', (_case, body, reason) => {
    // Setup
    const on = targets();

    // Action
    const response = send(on, 'POST', '/_sim/faults', body);

    // Assertions
    expect(response.status).toBe(400);
    expect(String(response.body.error)).toContain(reason);
    expect(on.faults.current().rules).toEqual([]);
  });
});
