import type { IncomingMessage, ServerResponse } from 'node:http';
import { userObjectId } from './entra-config';
import { renderSignInPage } from './sign-in-page';
import type { TenantProvider } from './tenant-provider';

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'no-store',
    // The page has no script. No `form-action 'self'`: browsers apply it to the redirects after the post too, and
    // the last one goes back to the app's redirect URI on another origin, so Chromium blocked every sign-in.
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  response.end(html);
}

/**
 * Serves oidc-provider's login interaction for one tenant (`/<tenant>/interaction/<uid>` and its `/login` post):
 * the sign-in form, then the check of email and password. On success oidc-provider redirects back to the
 * authorization endpoint, which issues the code; consent is pre-granted (see `loadExistingGrant`).
 * Pattern: oidc-provider 8's example/routes/express.js, without its dev-only views.
 */
export async function handleSignInInteraction(
  tenant: TenantProvider,
  innerPath: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(innerPath);
  const uid = match?.[1];
  const isLogin = match?.[2] !== undefined;
  if (!uid || (isLogin ? request.method !== 'POST' : request.method !== 'GET')) {
    sendHtml(response, 404, '<!doctype html><title>Not found</title><p>Not found</p>');
    return;
  }

  let details;
  try {
    details = await tenant.provider.interactionDetails(request, response);
  } catch {
    // The interaction cookie is missing or the interaction expired (ttl.Interaction): the user has to start again.
    sendHtml(
      response,
      400,
      '<!doctype html><title>Sign-in expired</title><p>Your sign-in session has expired. Please start again from the application.</p>',
    );
    return;
  }
  if (details.uid !== uid) {
    sendHtml(
      response,
      400,
      '<!doctype html><title>Sign-in mismatch</title><p>This sign-in page belongs to another request.</p>',
    );
    return;
  }

  const clientId = typeof details.params.client_id === 'string' ? details.params.client_id : '';
  const appName = tenant.app(clientId)?.displayName ?? clientId;
  const action = `/${tenant.tenant.tenantId}/interaction/${uid}/login`;

  if (!isLogin) {
    sendHtml(response, 200, renderSignInPage({ action, appName }));
    return;
  }

  const form = await readForm(request);
  const email = form.get('login') ?? '';
  const user = tenant.userByEmail(email);
  if (!user || user.password !== (form.get('passwd') ?? '')) {
    // Entra's page says this for AADSTS50126 (invalid username or password).
    const error = 'Your account or password is incorrect. If you don\u2019t remember your password, reset it now.';
    sendHtml(response, 200, renderSignInPage({ action, appName, email, error }));
    return;
  }
  await tenant.provider.interactionFinished(
    request,
    response,
    { login: { accountId: userObjectId(tenant.tenant.tenantId, user) } },
    { mergeWithLastSubmission: false },
  );
}
