import type { DataverseOrgCore } from '../dataverse/org-core';
import type { SimHandler, SimRequest, SimResponse } from '../http/types';
import { mapReferenceValues, planBatch, referenceIn, type PlannedRequest } from './batch-plan';
import { newBoundary, writeBatchResponse, type BatchResponseItem, type EmbeddedResponse } from './multipart';

/**
 * `POST /api/data/v9.2/$batch` (execute-batch-operations-using-web-api): parts run in order through the org core, a
 * changeset through `core.atomically()` so that it commits only if every part succeeds, `$n` references resolve to
 * the `OData-EntityId` of earlier parts of the same changeset, and the first failure stops the batch with 400 unless
 * the client sent `Prefer: odata.continue-on-error` (then 200 and a status per part).
 */

/** What a batch did: its response, and the requests it dispatched (the execution-time model costs each one). */
export interface BatchResult {
  response: SimResponse;
  operations: SimRequest[];
}

/** Options of the batch executor. */
export interface BatchOptions {
  /** Defaults to Dataverse's 1000. */
  maxOperations?: number;
  /** An answer given in the org's place to a part it matches (a fault rule: a plug-in refusing that record). */
  refusal?: (part: SimRequest) => SimResponse | undefined;
}

const API_ROOT = '/api/data/v9.2/';

/** Outer headers that apply to every part unless the part sets its own (Dataverse reads them batch-wide). */
function inheritedHeaders(outer: Record<string, string>): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const [name, value] of Object.entries(outer)) {
    if (['accept', 'odata-version', 'odata-maxversion', 'callerobjectid'].includes(name) || name.startsWith('mscrm.')) {
      inherited[name] = value;
    }
  }
  return inherited;
}

/** A whole-batch error in Dataverse's JSON error shape. */
export function batchError(status: number, message: string): SimResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; odata.metadata=minimal', 'OData-Version': '4.0' },
    body: JSON.stringify({ error: { code: '0x0', message } }),
  };
}

function headerOf(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

function toEmbedded(response: SimResponse, contentId: string | undefined): EmbeddedResponse {
  const embedded: EmbeddedResponse = { status: response.status, headers: response.headers, body: response.body };
  if (contentId !== undefined) embedded.contentId = contentId;
  return embedded;
}

/**
 * Turns a planned request into the request the core sees, replacing `$n` references with the entity URLs recorded
 * in `entityIds`. Returns the missing reference's name if one cannot be resolved.
 */
function toCoreRequest(
  outer: SimRequest,
  planned: PlannedRequest,
  entityIds: Map<string, string>,
): SimRequest | string {
  let missing: string | undefined;
  const resolve = (text: string): string => {
    const reference = referenceIn(text);
    if (reference === undefined || (!entityIds.has(reference) && !/^\d+$/.test(reference))) return text;
    const entityId = entityIds.get(reference);
    if (entityId === undefined) {
      missing = reference;
      return text;
    }
    return entityId + text.slice(reference.length + 1);
  };
  const url = new URL(resolve(planned.url), `${outer.origin}${API_ROOT}`);
  let body = planned.body;
  if (body !== '' && body.includes('$')) {
    try {
      body = JSON.stringify(mapReferenceValues(JSON.parse(body) as unknown, resolve));
    } catch {
      // Not JSON: sent as written, the core answers for it.
    }
  }
  if (missing !== undefined) return missing;
  return {
    method: planned.method,
    path: url.pathname,
    query: url.searchParams,
    headers: { ...inheritedHeaders(outer.headers), ...planned.headers },
    body,
    origin: outer.origin,
  };
}

type ChangesetOutcome = { ok: boolean; responses: EmbeddedResponse[] };

async function runChangeset(
  outer: SimRequest,
  requests: PlannedRequest[],
  handle: SimHandler,
  operations: SimRequest[],
): Promise<{ commit: boolean; value: ChangesetOutcome }> {
  const entityIds = new Map<string, string>();
  const responses: EmbeddedResponse[] = [];
  for (const planned of requests) {
    const request = toCoreRequest(outer, planned, entityIds);
    if (typeof request === 'string') {
      const error = batchError(400, `Content-ID Reference: '$${request}' does not exist in the batch context.`);
      return { commit: false, value: { ok: false, responses: [toEmbedded(error, planned.contentId)] } };
    }
    operations.push(request);
    const response = await handle(request);
    const embedded = toEmbedded(response, planned.contentId);
    if (response.status < 200 || response.status >= 300) {
      // A failed changeset answers with the failing part alone: the parts before it are rolled back.
      return { commit: false, value: { ok: false, responses: [embedded] } };
    }
    responses.push(embedded);
    const entityId = headerOf(response.headers, 'OData-EntityId') ?? headerOf(response.headers, 'Location');
    if (planned.contentId !== undefined && entityId !== undefined) entityIds.set(planned.contentId, entityId);
  }
  return { commit: true, value: { ok: true, responses } };
}

/** The handler, with `refusal` answering in its place for the parts it matches. */
function refusing(handle: SimHandler, refusal: BatchOptions['refusal']): SimHandler {
  if (!refusal) return handle;
  return async (part) => refusal(part) ?? (await handle(part));
}

/** Executes a `$batch` request against one org core. */
export async function executeBatch(
  request: SimRequest,
  core: DataverseOrgCore,
  options: BatchOptions = {},
): Promise<BatchResult> {
  const operations: SimRequest[] = [];
  if (request.method !== 'POST')
    return { response: batchError(405, 'The $batch resource accepts POST only.'), operations };
  const plan = planBatch(request.headers['content-type'], request.body, options.maxOperations);
  if (!plan.ok) return { response: batchError(400, plan.message), operations };
  const continueOnError = /(^|[,\s])odata\.continue-on-error(\s*=\s*true)?\s*($|[,;])/i.test(
    request.headers.prefer ?? '',
  );
  const items: BatchResponseItem[] = [];
  let failed = false;
  for (const item of plan.items) {
    let ok: boolean;
    if (item.kind === 'single') {
      const coreRequest = toCoreRequest(request, item.request, new Map());
      if (typeof coreRequest === 'string') throw new Error('unreachable: references were checked by planBatch');
      operations.push(coreRequest);
      const response = options.refusal?.(coreRequest) ?? (await core.handle(coreRequest));
      items.push({ kind: 'single', response: toEmbedded(response, undefined) });
      ok = response.status < 400;
    } else {
      const outcome = await core.atomically((handle) =>
        runChangeset(request, item.requests, refusing(handle, options.refusal), operations),
      );
      items.push({ kind: 'changeset', responses: outcome.responses });
      ok = outcome.ok;
    }
    if (!ok) {
      failed = true;
      if (!continueOnError) break;
    }
  }
  const boundary = newBoundary('batchresponse');
  return {
    response: {
      // Without continue-on-error the batch carries the failing part's error and answers 400 (documented example).
      status: failed && !continueOnError ? 400 : 200,
      headers: { 'OData-Version': '4.0', 'Content-Type': `multipart/mixed; boundary=${boundary}` },
      body: writeBatchResponse(items, boundary),
    },
    operations,
  };
}
