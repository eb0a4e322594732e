// oidc-provider ships no types; the reference brings our declarations along into any program that imports this file
// (apps and e2e compile the sandbox from source with their own tsconfig).
// eslint-disable-next-line @typescript-eslint/triple-slash-reference
/// <reference path="./oidc-provider.d.ts" />
import type Provider from 'oidc-provider';
import { errors, type OIDCProviderError } from 'oidc-provider';
import type { EntraApp } from './entra-config';
import { entraErrorBody, toAadstsError, type AadstsError } from './entra-errors';

/** The token endpoint under `/<tenant>`, as Microsoft lays it out. */
export const tokenPath = '/oauth2/v2.0/token';

/** An oidc-provider error that already says which AADSTS error Entra would give. */
export type EntraFailure = OIDCProviderError & { aadsts?: AadstsError };

/** An error to throw from oidc-provider's hooks so that the endpoint answers with this AADSTS error. */
export function entraFailure(failure: AadstsError): EntraFailure {
  const error: EntraFailure = new errors.CustomOIDCProviderError(failure.error, failure.message);
  error.aadsts = failure;
  return error;
}

/**
 * Makes the token endpoint answer like Entra's: AADSTS error bodies (with the status Entra uses) instead of
 * oidc-provider's `{error, error_description}`, `ext_expires_in` beside `expires_in`, and the caller's
 * `client-request-id` echoed.
 */
export function entraTokenResponses(
  provider: Provider,
  context: { tenantId: string; apps: Map<string, EntraApp>; now: (() => Date) | undefined },
): void {
  // oidc-provider's error handler emits the error before the response leaves the stack.
  provider.on('grant.error', (ctx, error) => {
    ctx.state.tokenError = error;
  });
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path !== tokenPath || typeof ctx.body !== 'object' || ctx.body === null) return;
    const correlationId = ctx.get('client-request-id') || undefined;
    if (correlationId) ctx.set('client-request-id', correlationId);
    const body = ctx.body as Record<string, unknown>;
    if (typeof body.error === 'string') {
      const thrown = ctx.state.tokenError as EntraFailure | undefined;
      const clientId =
        ctx.oidc.client?.clientId ?? ctx.oidc.authorization?.clientId ?? stringParam(ctx.oidc.params?.client_id);
      const failure = toAadstsError({
        error: body.error,
        description: typeof body.error_description === 'string' ? body.error_description : '',
        aadsts: thrown?.aadsts,
        tenantId: context.tenantId,
        clientId,
        clientKnown: clientId !== undefined && context.apps.has(clientId),
      });
      ctx.status = failure.status;
      ctx.body = entraErrorBody(failure, context.now?.() ?? new Date(), correlationId);
    } else if (typeof body.expires_in === 'number') {
      ctx.body = { ...body, ext_expires_in: body.expires_in };
    }
  });
}

function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
