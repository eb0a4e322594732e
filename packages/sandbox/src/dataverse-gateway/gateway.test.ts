import { describe, expect, it } from 'vitest';
import type { SimRequest } from '../http/types';
import { createDataverseGateway } from './gateway';
import { FakeOrgCore, fakeVerifyToken } from './testing/fake-org-core';

function request(host: string, subject: string, audience: string): SimRequest {
  return {
    method: 'GET',
    path: '/api/data/v9.2/accounts',
    query: new URLSearchParams(),
    headers: { host, authorization: `Bearer ${subject}@${audience}` },
    body: '',
    origin: 'http://127.0.0.1:4002',
  };
}

describe('createDataverseGateway', () => {
  it('routes by Host among several orgs, each accepting tokens for its own URL only', async () => {
    // Setup
    const contoso = new FakeOrgCore('http://contoso.localhost:4002');
    const fabrikam = new FakeOrgCore('http://fabrikam.localhost:4002');
    const gateway = createDataverseGateway({ orgs: [contoso, fabrikam], verifyToken: fakeVerifyToken });

    // Action
    const toContoso = await gateway(request('contoso.localhost:4002', 'app', 'http://contoso.localhost:4002'));
    const wrongAudience = await gateway(request('fabrikam.localhost:4002', 'app', 'http://contoso.localhost:4002'));
    const unknownHost = await gateway(request('other.localhost:4002', 'app', 'http://contoso.localhost:4002'));

    // Assertions: the fake answers 405 for a collection GET it does not model, which proves the request reached it
    expect(toContoso.status).toBe(405);
    expect(contoso.received).toBe(1);
    expect(fabrikam.received).toBe(0);
    expect(wrongAudience.status).toBe(401);
    expect(wrongAudience.headers['WWW-Authenticate']).toBe(
      'Bearer authorization_uri=https://login.microsoftonline.com/common/oauth2/authorize, resource_id=http://fabrikam.localhost:4002/',
    );
    expect(unknownHost.status).toBe(404);
  });

  it('authenticates before service protection: a refused token spends no budget', async () => {
    // Setup
    const org = new FakeOrgCore('http://127.0.0.1:4002');
    const gateway = createDataverseGateway({ orgs: org, verifyToken: fakeVerifyToken, limits: { requests: 1 } });

    // Action
    const refusedToken = await gateway(request('127.0.0.1:4002', 'app', 'http://elsewhere'));
    const first = await gateway(request('127.0.0.1:4002', 'app', 'http://127.0.0.1:4002'));
    const second = await gateway(request('127.0.0.1:4002', 'app', 'http://127.0.0.1:4002'));

    // Assertions
    expect([refusedToken.status, first.status, second.status]).toEqual([401, 405, 429]);
    expect(gateway.stats.snapshot().totals).toMatchObject({ requests: 1, unauthorized: 1, operations: 1 });
  });
});
