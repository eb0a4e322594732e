import type { DataverseGatewayOptions } from '../gateway';
import { startDataverseSimulator, type RunningDataverseSimulator } from '../server';
import { FakeOrgCore, fakeVerifyToken } from './fake-org-core';

/** The org URL the fake org answers as (the audience its tokens must carry). */
export const FAKE_ORG_URL = 'https://sandbox.crm.dynamics.com';

/** The account the documented batch examples attach their tasks to. */
export const EXAMPLE_ACCOUNT_ID = '00000000-0000-0000-0000-000000000001';

/** A simulator over a fresh fake org, and a client that sends a caller's token. */
export interface FakeSimulator {
  sim: RunningDataverseSimulator;
  org: FakeOrgCore;
  /** fetch against the simulator with `Authorization: Bearer <subject>@<org>`. */
  call(path: string, init?: RequestInit & { subject?: string }): Promise<Response>;
}

/** Starts the simulator over a fake org holding the example account. */
export async function startWithFake(options: Partial<DataverseGatewayOptions> = {}): Promise<FakeSimulator> {
  const org = new FakeOrgCore(FAKE_ORG_URL);
  org.rows.get('accounts')?.set(EXAMPLE_ACCOUNT_ID, { accountid: EXAMPLE_ACCOUNT_ID, name: 'Example account' });
  const sim = await startDataverseSimulator({
    orgs: org,
    verifyToken: fakeVerifyToken,
    authorizationUri: 'http://127.0.0.1:4003/tenant-1/oauth2/authorize',
    ...options,
  });
  const call = (path: string, init: RequestInit & { subject?: string } = {}): Promise<Response> => {
    const { subject = 'app-1', headers, ...rest } = init;
    return fetch(`${sim.url}${path}`, {
      ...rest,
      headers: { Authorization: `Bearer ${subject}@${FAKE_ORG_URL}`, ...(headers as Record<string, string>) },
    });
  };
  return { sim, org, call };
}
