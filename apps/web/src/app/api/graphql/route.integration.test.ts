import { createApiToken, generateSecretKey, revokeApiToken } from '@shopverse/db';
import { useTestDatabase } from '@shopverse/db/testing';
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../server/db';

const SESSION_SECRET = 'a test session secret of at least thirty-two characters';
const HEALTH = '{ health { status } me { actor role } }';
const RETRY = 'mutation { retryFailed(storeId: "00000000-0000-4000-8000-000000000000") { count } }';

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

describe('/api/graphql: who may call it', () => {
  const database = useTestDatabase();
  let POST: (request: NextRequest) => Promise<Response>;

  beforeAll(async () => {
    // The route reads its environment on first use, as it does under `next start`.
    process.env.DATABASE_URL = database().url;
    process.env.SHOPVERSE_SECRET_KEY = generateSecretKey();
    process.env.NEXTAUTH_URL = 'http://127.0.0.1:3000';
    process.env.NEXTAUTH_SECRET = SESSION_SECRET;
    process.env.ENTRA_CLIENT_ID = 'console-app';
    process.env.ENTRA_CLIENT_SECRET = 'console-secret';
    process.env.ENTRA_ISSUER = 'http://127.0.0.1:4003/tenant/v2.0';
    ({ POST } = await import('./route'));
  });
  afterAll(() => getDb().close());

  const call = async (query: string, headers: Record<string, string> = {}) => {
    const response = await POST(
      new NextRequest('http://127.0.0.1:3000/api/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      }),
    );
    return { status: response.status, body: (await response.json()) as Body };
  };

  const makeToken = async (name: string, role: 'viewer' | 'operator') =>
    createApiToken(database().db, { name, role, createdBy: 'ops@example.com', now: new Date() });

  it('answers 401 with a JSON error to a request with no token and no session, or a token it does not know', async () => {
    // Action
    const anonymous = await call(HEALTH);
    const wrong = await call(HEALTH, { authorization: 'Bearer svt_not-a-token' });
    const malformed = await call(HEALTH, { authorization: 'Basic b3BzOnBhc3M=' });
    // Assertions
    for (const answer of [anonymous, wrong, malformed]) {
      expect(answer.status).toBe(401);
      expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(answer.body.data).toBeUndefined();
    }
  });

  it('serves a live token with its role, as token:<name>, marks it used, and refuses it once revoked', async () => {
    // Setup
    const viewer = await makeToken('dashboard', 'viewer');
    const auth = { authorization: `Bearer ${viewer.token}` };
    // Action
    const read = await call(HEALTH, auth);
    const mutation = await call(RETRY, auth);
    await revokeApiToken(database().db, viewer.apiToken.id, new Date());
    const afterRevoke = await call(HEALTH, auth);
    // Assertions
    expect(read.status).toBe(200);
    expect(read.body.data?.me).toEqual({ actor: 'token:dashboard', role: 'VIEWER' });
    expect(mutation.body.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', role: 'viewer' });
    const [row] = await database()
      .sql`select last_used_at is not null as used from api_tokens where id = ${viewer.apiToken.id}`;
    expect(row?.used).toBe(true);
    expect(afterRevoke.status).toBe(401);
  });

  it('lets an operator token past the role check of a mutation', async () => {
    // Setup
    const operator = await makeToken('runbook', 'operator');
    // Action
    const answer = await call(RETRY, { authorization: `Bearer ${operator.token}` });
    // Assertions: the resolver ran and found no such store.
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('STORE_NOT_FOUND');
  });

  it("takes the console's session cookie as the signed-in user, and refuses a cookie signed with another secret", async () => {
    // Setup
    const claims = { email: 'operator@sandbox.test', name: 'Sandbox Operator', role: 'operator' as const };
    const good = await encode({ token: claims, secret: SESSION_SECRET });
    const forged = await encode({
      token: { ...claims, role: 'admin' },
      secret: 'another secret, not the one the app has',
    });
    // Action
    const signedIn = await call(HEALTH, { cookie: `next-auth.session-token=${good}` });
    const withForged = await call(HEALTH, { cookie: `next-auth.session-token=${forged}` });
    // Assertions
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.data?.me).toEqual({ actor: 'operator@sandbox.test', role: 'OPERATOR' });
    expect(withForged.status).toBe(401);
  });
});
