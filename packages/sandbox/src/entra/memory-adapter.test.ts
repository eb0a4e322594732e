import { describe, expect, test } from 'vitest';
import { SimulatorStore } from './memory-adapter';

describe('the per-tenant store', () => {
  test('forgets an entry once its lifetime has passed', async () => {
    // Setup
    let now = 1_000_000;
    const store = new SimulatorStore(() => now);
    const codes = store.adapterFor('AuthorizationCode');
    await codes.upsert('code-1', { accountId: 'a' }, 60);

    // Action
    const before = await codes.find('code-1');
    now += 60_000;
    const after = await codes.find('code-1');

    // Assertions
    expect(before).toEqual({ accountId: 'a' });
    expect(after).toBeUndefined();
  });

  test('keeps models apart, finds sessions by uid, marks consumption, revokes by grant', async () => {
    // Setup
    const store = new SimulatorStore(() => 5_000);
    const sessions = store.adapterFor('Session');
    const codes = store.adapterFor('AuthorizationCode');
    const tokens = store.adapterFor('AccessToken');
    await sessions.upsert('s1', { uid: 'uid-1' }, 600);
    await codes.upsert('s1', { grantId: 'g1' }, 600);
    await tokens.upsert('t1', { grantId: 'g1' }, 600);

    // Action
    const byUid = await sessions.findByUid('uid-1');
    await codes.consume('s1');
    const consumed = await codes.find('s1');
    await tokens.revokeByGrantId('g1');

    // Assertions
    expect(byUid).toEqual({ uid: 'uid-1' });
    expect(consumed).toEqual({ grantId: 'g1', consumed: 5 });
    expect(await codes.find('s1')).toBeUndefined();
    expect(await tokens.find('t1')).toBeUndefined();
    expect(await sessions.find('s1')).toEqual({ uid: 'uid-1' });
  });
});
