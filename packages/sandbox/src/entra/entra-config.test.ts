import { describe, expect, test } from 'vitest';
import { appObjectId, normalizeResource, stableGuid, userObjectId } from './entra-config';

describe('object ids', () => {
  test('are GUIDs, stable for the same input and distinct across inputs', () => {
    // Action
    const first = stableGuid('service-principal', 't1', 'client-1');
    const again = stableGuid('service-principal', 't1', 'client-1');
    const other = stableGuid('service-principal', 't2', 'client-1');

    // Assertions
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  test('a configured object id wins; user ids ignore the case of the email', () => {
    // Setup
    const user = { email: 'Ops@Sandbox.test', password: 'p', name: 'Ops', roles: [] };

    // Assertions
    expect(appObjectId('t1', { clientId: 'c', clientSecret: 's', displayName: 'd', objectId: 'fixed' })).toBe('fixed');
    expect(userObjectId('t1', user)).toBe(userObjectId('t1', { ...user, email: 'ops@sandbox.test' }));
    expect(userObjectId('t1', user)).not.toBe(
      appObjectId('t1', { clientId: user.email, clientSecret: '', displayName: '' }),
    );
  });

  test('resources compare without trailing slashes', () => {
    // Action and assertions
    expect(normalizeResource('http://127.0.0.1:4002/')).toBe('http://127.0.0.1:4002');
    expect(normalizeResource('https://org.crm.dynamics.com')).toBe('https://org.crm.dynamics.com');
  });
});
