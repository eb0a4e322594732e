import { IncomingMessage } from 'node:http';

/**
 * Entra's token endpoint takes the client secret either in the body (`client_secret_post`, what MSAL sends) or as
 * HTTP Basic (`client_secret_basic`, openid-client's and so next-auth's default). oidc-provider registers one method per
 * client, so every app is registered for `client_secret_post` and a Basic header is moved into the body before the
 * provider sees the request. Returns the new body, or undefined when there is nothing to move (no Basic header, or
 * credentials in the body too: then oidc-provider refuses the mix, as Entra does).
 */
export function basicCredentialsIntoBody(authorization: string | undefined, body: string): string | undefined {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '')?.[1];
  if (encoded === undefined) return undefined;
  const params = new URLSearchParams(body);
  if (params.has('client_secret') || params.has('client_assertion')) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  // RFC 6749 section 2.3.1: both parts are form-urlencoded before being joined with the colon.
  const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
  const clientId = decode(decoded.slice(0, colon));
  if (params.has('client_id') && params.get('client_id') !== clientId) return undefined;
  params.set('client_id', clientId);
  params.set('client_secret', decode(decoded.slice(colon + 1)));
  return params.toString();
}

async function readAll(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The token request as oidc-provider should see it: unchanged, or a fresh IncomingMessage on the same socket that
 * carries the credentials in its body instead of the Authorization header.
 */
export async function withBasicCredentialsInBody(request: IncomingMessage): Promise<IncomingMessage> {
  if (!/^Basic\s/i.test(request.headers.authorization ?? '')) return request;
  const body = await readAll(request);
  const rewritten = basicCredentialsIntoBody(request.headers.authorization, body);
  const replacement = new IncomingMessage(request.socket);
  const headers = { ...request.headers };
  if (rewritten !== undefined) delete headers.authorization;
  const content = Buffer.from(rewritten ?? body, 'utf8');
  headers['content-length'] = String(content.length);
  Object.assign(replacement, {
    method: request.method,
    url: request.url,
    headers,
    httpVersion: request.httpVersion,
    httpVersionMajor: request.httpVersionMajor,
    httpVersionMinor: request.httpVersionMinor,
    // Node's parser sets this once a body has arrived; without it, ending the stream counts as an abort and
    // IncomingMessage#_destroy closes the socket under the response.
    complete: true,
  });
  replacement.push(content);
  replacement.push(null);
  return replacement;
}
