import { setTimeout as realSleep } from 'node:timers/promises';
import type { DataverseOrgCore } from '../dataverse/org-core';
import type { SimHandler, SimRequest, SimResponse } from '../http/types';
import type { TokenVerifier } from '../entra/token-verifier';
import { executeBatch } from './batch';
import { CONTROL_PREFIX, handleControl } from './control';
import { classifyOperation, DEFAULT_EXECUTION_TIME, modelledTime, type ExecutionTimeModel } from './execution-time';
import { DroppedConnection, FaultInjector, serviceUnavailable, type FaultSettings } from './faults';
import { ServiceProtection, type ServiceProtectionLimits } from './service-protection';
import { GatewayStats } from './stats';

/** Options of the gateway in front of one or more simulated orgs. */
export interface DataverseGatewayOptions {
  /** The org(s). With several, the request's Host header picks the org whose `name` (base URL) has that host. */
  orgs: DataverseOrgCore | DataverseOrgCore[];
  verifyToken: TokenVerifier;
  /** The audience tokens must be issued for. Default: the org's base URL without a trailing slash. */
  audience?: string | ((org: DataverseOrgCore) => string);
  /** `authorization_uri` of the 401 challenge: the Entra tenant's authorize endpoint. */
  authorizationUri?: string;
  /** Service protection limits; the documented defaults apply to what is not given. */
  limits?: Partial<ServiceProtectionLimits>;
  /** Modelled execution time per operation kind; assumed defaults for what is not given. */
  executionTime?: Partial<ExecutionTimeModel>;
  /** Fault injection at start (none by default); changeable later. */
  faults?: Partial<FaultSettings>;
  /** The clock of the sliding windows, in ms since the epoch. Default Date.now. */
  now?: () => number;
  /** How added latency and modelled execution time pass; a benchmark on a virtual clock gives its own. */
  sleep?: (ms: number) => Promise<unknown>;
  /** Defaults to Dataverse's 1000 operations per `$batch`. */
  maxBatchOperations?: number;
}

/** The gateway: a SimHandler, plus its parts for tests and the server. */
export type DataverseGateway = SimHandler & {
  stats: GatewayStats;
  faults: FaultInjector;
  protection: ServiceProtection;
  executionTime: ExecutionTimeModel;
  /** Ends every request held by a timeout fault (their connections are dropped); call before closing the server. */
  releaseHeld(): void;
};

const API_ROOT = '/api/data/v9.2';

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * Builds the gateway: the control endpoint, then for the Web API authentication (401 with Dataverse's challenge),
 * the caller's service protection (429), faults, and finally `$batch` or the org core (where fault rules may refuse a
 * request, or a part of a batch, in the org's place).
 */
export function createDataverseGateway(options: DataverseGatewayOptions): DataverseGateway {
  const orgs = Array.isArray(options.orgs) ? options.orgs : [options.orgs];
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => realSleep(ms));
  const stats = new GatewayStats(now);
  const faults = new FaultInjector(options.faults);
  const protection = new ServiceProtection(options.limits, now);
  const executionTime: ExecutionTimeModel = { ...DEFAULT_EXECUTION_TIME, ...options.executionTime };
  const authorizationUri = options.authorizationUri ?? 'https://login.microsoftonline.com/common/oauth2/authorize';
  const held = new Set<() => void>();

  const audienceOf = (org: DataverseOrgCore): string => {
    const { audience } = options;
    if (typeof audience === 'function') return audience(org);
    return audience ?? withoutTrailingSlash(org.name);
  };

  const pickOrg = (request: SimRequest): DataverseOrgCore | undefined => {
    if (orgs.length === 1) return orgs[0];
    return orgs.find((org) => new URL(org.name).host === request.headers.host);
  };

  const unauthorized = (org: DataverseOrgCore, reason: string): SimResponse => {
    stats.unauthorized(reason);
    // Dataverse's challenge, unquoted as the real service writes it (the Dataverse SDK's authority discovery reads
    // `authorization_uri=` up to the comma); the body is empty, as Dataverse's is.
    return {
      status: 401,
      headers: {
        'WWW-Authenticate': `Bearer authorization_uri=${authorizationUri}, resource_id=${withoutTrailingSlash(org.name)}/`,
      },
      body: '',
    };
  };

  const hold = (): Promise<never> =>
    new Promise<never>((_resolve, reject) => {
      const release = (): void => {
        clearTimeout(timer);
        held.delete(release);
        reject(new DroppedConnection('held past the client timeout'));
      };
      const timer = setTimeout(release, faults.current().timeoutHoldMs);
      held.add(release);
    });

  const handle = async (request: SimRequest): Promise<SimResponse> => {
    if (request.path.startsWith(CONTROL_PREFIX))
      return handleControl(request, { stats, faults, protection, executionTime });
    if (request.path !== API_ROOT && !request.path.startsWith(`${API_ROOT}/`)) {
      return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Not Found' };
    }
    const org = pickOrg(request);
    if (!org) return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Not Found' };

    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer === undefined) return unauthorized(org, 'no bearer token');
    const check = await options.verifyToken(bearer, audienceOf(org));
    if (!check.ok) return unauthorized(org, check.reason);
    const subject = check.subject;

    const admission = protection.admit(subject);
    if (!admission.ok) {
      stats.throttled(subject, admission.kind);
      return admission.response;
    }
    stats.admitted(subject);
    let spentMs = 0;
    const run = async (): Promise<SimResponse> => {
      const decision = faults.decide();
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      if (decision.outcome !== 'pass') stats.fault(decision.outcome);
      if (decision.outcome === 'error') return serviceUnavailable();
      if (decision.outcome === 'drop') throw new DroppedConnection('drop rate');
      if (decision.outcome === 'timeout') return await hold();

      const isBatch = request.method === 'POST' && request.path === `${API_ROOT}/$batch`;
      const result = isBatch
        ? await executeBatch(request, org, {
            maxOperations: options.maxBatchOperations,
            refusal: (part) => faults.refusal(part),
          })
        : { response: faults.refusal(request) ?? (await org.handle(request)), operations: [request] };
      for (const operation of result.operations) {
        const ms = modelledTime(executionTime, operation);
        spentMs += ms;
        stats.operation(subject, classifyOperation(operation), ms);
      }
      const delayMs = spentMs * faults.current().executionDelayFactor;
      if (delayMs > 0) await sleep(delayMs);
      if (decision.outcome === 'lost-answer') throw new DroppedConnection('answer lost after the work was done');
      return result.response;
    };
    let response: SimResponse;
    try {
      response = await run();
    } finally {
      admission.finish(spentMs);
    }
    return { ...response, headers: { ...response.headers, ...protection.remainingHeaders(subject) } };
  };

  return Object.assign(handle, {
    stats,
    faults,
    protection,
    executionTime,
    releaseHeld: () => {
      for (const release of [...held]) release();
    },
  });
}
