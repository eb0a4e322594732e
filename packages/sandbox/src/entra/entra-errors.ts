import { randomUUID } from 'node:crypto';

/**
 * An error body as Entra's token endpoint returns it, e.g. for an unknown resource:
 * `{"error":"invalid_resource","error_description":"AADSTS500011: The resource principal named … was not found in the
 * tenant named ….\r\nTrace ID: …\r\nCorrelation ID: …\r\nTimestamp: 2021-06-01 09:55:53Z","error_codes":[500011],
 * "timestamp":"2021-06-01 09:55:53Z","trace_id":"…","correlation_id":"…","error_uri":"https://login.microsoftonline.com/error?code=500011"}`
 * (the shape quoted in public issue threads, e.g. rootinc/laravel-azure-middleware#51).
 */
export interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
}

/** One AADSTS error: its OAuth error code, HTTP status and message. */
export interface AadstsError {
  code: number;
  error: string;
  status: number;
  message: string;
}

/** The AADSTS errors the simulator gives, with Entra's wording (learn.microsoft.com entra/identity-platform/reference-error-codes). */
export const aadsts = {
  tenantNotFound: (tenant: string): AadstsError => ({
    code: 90002,
    error: 'invalid_request',
    status: 400,
    message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
  }),
  applicationNotFound: (clientId: string, tenant: string): AadstsError => ({
    code: 700016,
    error: 'unauthorized_client',
    status: 400,
    message: `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
  }),
  invalidClientSecret: (clientId: string): AadstsError => ({
    code: 7000215,
    error: 'invalid_client',
    status: 401,
    message: `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
  }),
  resourceNotFound: (resource: string, tenant: string): AadstsError => ({
    code: 500011,
    error: 'invalid_resource',
    status: 400,
    message: `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  }),
  clientCredentialsScope: (scope: string): AadstsError => ({
    code: 1002012,
    error: 'invalid_scope',
    status: 400,
    message: `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
  }),
  invalidGrant: (detail: string): AadstsError => ({
    code: 70000,
    error: 'invalid_grant',
    status: 400,
    message: detail,
  }),
  unsupportedGrantType: (): AadstsError => ({
    code: 70003,
    error: 'unsupported_grant_type',
    status: 400,
    message: 'The app requested an unsupported grant type.',
  }),
  invalidRequest: (detail: string): AadstsError => ({
    code: 900144,
    error: 'invalid_request',
    status: 400,
    message: detail,
  }),
  invalidCredentials: (): AadstsError => ({
    code: 50126,
    error: 'invalid_grant',
    status: 400,
    message: 'Error validating credentials due to invalid username or password.',
  }),
};

/** Entra prints timestamps as `2021-06-01 09:55:53Z`. */
export function entraTimestamp(at: Date): string {
  return `${at.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/**
 * Builds the JSON body of an AADSTS error. The correlation id is the caller's `client-request-id` when it sent one
 * (MSAL does), which Entra echoes so that both sides' logs meet.
 */
export function entraErrorBody(failure: AadstsError, at: Date, correlationId?: string): EntraErrorBody {
  const timestamp = entraTimestamp(at);
  const traceId = randomUUID();
  const correlation = correlationId ?? randomUUID();
  return {
    error: failure.error,
    error_description:
      `AADSTS${failure.code}: ${failure.message}\r\nTrace ID: ${traceId}\r\n` +
      `Correlation ID: ${correlation}\r\nTimestamp: ${timestamp}`,
    error_codes: [failure.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlation,
    error_uri: `https://login.microsoftonline.com/error?code=${failure.code}`,
  };
}

/** What the token endpoint knew when oidc-provider refused a request. */
export interface TokenFailure {
  /** oidc-provider's OAuth error code and description. */
  error: string;
  description: string;
  /** A failure the simulator raised itself, already in Entra's terms. */
  aadsts?: AadstsError;
  tenantId: string;
  clientId?: string;
  /** Whether `clientId` names an app of the tenant. */
  clientKnown: boolean;
}

/** Translates an oidc-provider token endpoint error into the AADSTS error Entra gives in that situation. */
export function toAadstsError(failure: TokenFailure): AadstsError {
  if (failure.aadsts) return failure.aadsts;
  const clientId = failure.clientId ?? '';
  switch (failure.error) {
    case 'invalid_client':
      return failure.clientKnown
        ? aadsts.invalidClientSecret(clientId)
        : aadsts.applicationNotFound(clientId, failure.tenantId);
    case 'invalid_grant':
      return aadsts.invalidGrant(failure.description);
    case 'unsupported_grant_type':
      return aadsts.unsupportedGrantType();
    case 'invalid_target':
      return aadsts.resourceNotFound('', failure.tenantId);
    default:
      return aadsts.invalidRequest(failure.description);
  }
}
