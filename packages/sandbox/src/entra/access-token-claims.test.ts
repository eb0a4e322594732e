import { describe, expect, test } from 'vitest';
import { entraAccessTokenClaims } from './access-token-claims';

const payload = {
  jti: 'token-id',
  sub: 'client-1',
  iat: 1_700_000_000,
  exp: 1_700_003_599,
  scope: 'http://127.0.0.1:4002/.default',
  client_id: 'client-1',
  iss: 'http://127.0.0.1:4003/t1/v2.0',
  aud: 'http://127.0.0.1:4002',
};

describe('Entra v2 access token claims', () => {
  test('an app-only token names the service principal as oid and sub, with its roles and no scp', () => {
    // Action
    const claims = entraAccessTokenClaims({
      payload,
      tenantId: 't1',
      clientId: 'client-1',
      app: { objectId: 'sp-oid', roles: ['Dataverse.ReadWrite'] },
      ttlSeconds: 3599,
    });

    // Assertions
    expect(claims).toEqual({
      aud: 'http://127.0.0.1:4002',
      iss: 'http://127.0.0.1:4003/t1/v2.0',
      iat: 1_700_000_000,
      nbf: 1_700_000_000,
      exp: 1_700_003_599,
      azp: 'client-1',
      azpacr: '1',
      appid: 'client-1',
      appidacr: '1',
      idtyp: 'app',
      oid: 'sp-oid',
      sub: 'sp-oid',
      tid: 't1',
      uti: 'token-id',
      ver: '2.0',
      roles: ['Dataverse.ReadWrite'],
    });
  });

  test('an app without roles gets no roles claim; a given clock sets iat, nbf and exp', () => {
    // Action
    const claims = entraAccessTokenClaims({
      payload,
      tenantId: 't1',
      clientId: 'client-1',
      app: { objectId: 'sp-oid', roles: [] },
      issuedAt: new Date('2020-01-01T00:00:00.900Z'),
      ttlSeconds: 600,
    });

    // Assertions
    expect(claims).not.toHaveProperty('roles');
    expect(claims).toMatchObject({ iat: 1_577_836_800, nbf: 1_577_836_800, exp: 1_577_837_400 });
  });

  test('a user token carries the user as oid and sub, its permissions on this resource as scp and the user roles', () => {
    // Action
    const claims = entraAccessTokenClaims({
      payload: { ...payload, sub: 'user-oid', scope: 'openid http://127.0.0.1:4002/.default http://other/x' },
      tenantId: 't1',
      clientId: 'client-1',
      user: { objectId: 'user-oid', roles: ['viewer'] },
      ttlSeconds: 3599,
    });

    // Assertions
    expect(claims).toMatchObject({
      oid: 'user-oid',
      sub: 'user-oid',
      roles: ['viewer'],
      scp: 'user_impersonation',
    });
    expect(claims).not.toHaveProperty('idtyp');
    expect(claims).not.toHaveProperty('appid');
  });
});
