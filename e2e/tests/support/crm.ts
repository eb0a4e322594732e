import { readSandbox, type SandboxFile } from './sign-in';

/** A token for the sandbox org's Web API from its Entra ID, as the sync's app gets one (client credentials). */
export async function crmToken(sandbox: SandboxFile = readSandbox()): Promise<string> {
  const { dataverse } = sandbox;
  const response = await fetch(`${dataverse.authority}/oauth2/v2.0/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: dataverse.clientId,
      client_secret: dataverse.clientSecret,
      scope: dataverse.scope,
    }),
  });
  if (!response.ok) throw new Error(`The sandbox's Entra ID refused the token: ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/**
 * One call to the sandbox org's Web API (`path` relative to its API root), as a CRM user's change or read arrives
 * there: JSON both ways; a PATCH updates only (`If-Match: *`).
 */
export async function crmRequest(
  path: string,
  init: { method?: string; body?: unknown; sandbox?: SandboxFile } = {},
): Promise<Response> {
  const sandbox = init.sandbox ?? readSandbox();
  const method = init.method ?? 'GET';
  return fetch(`${sandbox.dataverse.apiUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${await crmToken(sandbox)}`,
      'content-type': 'application/json',
      Accept: 'application/json',
      ...(method === 'PATCH' ? { 'If-Match': '*' } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
}
