import { describe, expect, test } from 'vitest';
import { basicCredentialsIntoBody } from './client-secret-basic';

function basic(clientId: string, secret: string): string {
  // RFC 6749 section 2.3.1: form-urlencode each part, then base64 the pair.
  const encode = (part: string) => encodeURIComponent(part).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64')}`;
}

describe('moving HTTP Basic client credentials into the token request body', () => {
  test('adds client_id and client_secret, decoding the form-urlencoded parts', () => {
    // Action
    const body = basicCredentialsIntoBody(basic('app-1', 'a b:c%d'), 'grant_type=authorization_code&code=xyz');

    // Assertions
    const params = new URLSearchParams(body);
    expect(params.get('grant_type')).toBe('authorization_code');
    expect(params.get('code')).toBe('xyz');
    expect(params.get('client_id')).toBe('app-1');
    expect(params.get('client_secret')).toBe('a b:c%d');
  });

  test('leaves the request alone without a Basic header, or when the body carries credentials or another client', () => {
    // Action
    const none = basicCredentialsIntoBody(undefined, 'grant_type=client_credentials');
    const bearer = basicCredentialsIntoBody('Bearer abc', 'grant_type=client_credentials');
    const both = basicCredentialsIntoBody(basic('app-1', 's'), 'client_id=app-1&client_secret=s');
    const mismatch = basicCredentialsIntoBody(basic('app-1', 's'), 'client_id=app-2');
    const sameClient = basicCredentialsIntoBody(basic('app-1', 's'), 'client_id=app-1');

    // Assertions
    expect([none, bearer, both, mismatch]).toEqual([undefined, undefined, undefined, undefined]);
    expect(new URLSearchParams(sameClient).get('client_secret')).toBe('s');
  });
});
