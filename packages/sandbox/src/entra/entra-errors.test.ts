import { describe, expect, test } from 'vitest';
import { aadsts, entraErrorBody, entraTimestamp, toAadstsError } from './entra-errors';

describe('AADSTS error bodies', () => {
  test('carry the code in the description, the codes list, and the trace lines Entra appends', () => {
    // Setup
    const at = new Date('2021-06-01T09:55:53.123Z');

    // Action
    const body = entraErrorBody(aadsts.resourceNotFound('http://x', 'tenant-1'), at, 'corr-9');

    // Assertions
    expect(body.error).toBe('invalid_resource');
    expect(body.error_codes).toEqual([500011]);
    expect(body.timestamp).toBe('2021-06-01 09:55:53Z');
    expect(body.correlation_id).toBe('corr-9');
    expect(body.error_uri).toBe('https://login.microsoftonline.com/error?code=500011');
    expect(body.error_description).toBe(
      'AADSTS500011: The resource principal named http://x was not found in the tenant named tenant-1. This can ' +
        'happen if the application has not been installed by the administrator of the tenant or consented to by ' +
        'any user in the tenant. You might have sent your authentication request to the wrong tenant.' +
        `\r\nTrace ID: ${body.trace_id}\r\nCorrelation ID: corr-9\r\nTimestamp: 2021-06-01 09:55:53Z`,
    );
  });

  test('get a fresh correlation id when the caller sent none', () => {
    // Action
    const first = entraErrorBody(aadsts.unsupportedGrantType(), new Date());
    const second = entraErrorBody(aadsts.unsupportedGrantType(), new Date());

    // Assertions
    expect(first.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.correlation_id).not.toBe(second.correlation_id);
  });

  test('timestamps drop milliseconds', () => {
    // Action and assertions
    expect(entraTimestamp(new Date('2026-01-02T03:04:05.999Z'))).toBe('2026-01-02 03:04:05Z');
  });
});

describe('mapping oidc-provider token errors to AADSTS', () => {
  const base = { description: 'client authentication failed', tenantId: 't1', clientId: 'app-1' };

  test('a known client with a bad secret is AADSTS7000215 (401), an unknown one AADSTS700016 (400)', () => {
    // Action
    const badSecret = toAadstsError({ ...base, error: 'invalid_client', clientKnown: true });
    const unknown = toAadstsError({ ...base, error: 'invalid_client', clientKnown: false });

    // Assertions
    expect(badSecret).toMatchObject({ code: 7000215, error: 'invalid_client', status: 401 });
    expect(badSecret.message).toContain("for a secret added to app 'app-1'");
    expect(unknown).toMatchObject({ code: 700016, error: 'unauthorized_client', status: 400 });
    expect(unknown.message).toContain("Application with identifier 'app-1' was not found in the directory 't1'");
  });

  test('an error the simulator raised in Entra terms passes through unchanged', () => {
    // Setup
    const raised = aadsts.clientCredentialsScope('openid');

    // Action
    const mapped = toAadstsError({ ...base, error: 'invalid_scope', clientKnown: true, aadsts: raised });

    // Assertions
    expect(mapped).toBe(raised);
  });

  test('grant and request errors keep oidc-provider description under Entra codes', () => {
    // Action and assertions
    expect(
      toAadstsError({ ...base, error: 'invalid_grant', description: 'grant request is invalid', clientKnown: true }),
    ).toEqual({ code: 70000, error: 'invalid_grant', status: 400, message: 'grant request is invalid' });
    expect(toAadstsError({ ...base, error: 'unsupported_grant_type', clientKnown: true }).code).toBe(70003);
    expect(
      toAadstsError({ ...base, error: 'invalid_request', description: 'missing code', clientKnown: true }),
    ).toMatchObject({ code: 900144, error: 'invalid_request', message: 'missing code' });
  });
});
