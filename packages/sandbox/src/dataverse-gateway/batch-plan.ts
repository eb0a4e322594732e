import { boundaryOf, parseEmbeddedRequest, parseMultipart, type EmbeddedRequest } from './multipart';

/**
 * Reading a `$batch` body into a plan and checking it before anything runs, as Dataverse does: a batch that is too
 * big, has a GET inside a changeset, nests changesets, or references a Content-ID not declared earlier in its
 * changeset is refused whole with 400 (execute-batch-operations-using-web-api).
 */

/** A request of the batch, with the Content-ID it declares (changeset parts only). */
export interface PlannedRequest extends EmbeddedRequest {
  contentId?: string;
}

/** One part of the batch: a lone request, or a changeset's requests (atomic). */
export type PlanItem = { kind: 'single'; request: PlannedRequest } | { kind: 'changeset'; requests: PlannedRequest[] };

/** A plan, or the reason the whole batch is refused. */
export type BatchPlan = { ok: true; items: PlanItem[]; operations: number } | { ok: false; message: string };

/** Dataverse's documented maximum of operations in one batch (execute-batch-operations-using-web-api). */
export const MAX_BATCH_OPERATIONS = 1000;

/** The reference `$n` a URL starts with or a bind value is, e.g. `$1/primarycontactid/$ref` -> `1`. */
export function referenceIn(value: string): string | undefined {
  return /^\$([^/?()$]+)(?=$|[/?])/.exec(value)?.[1];
}

/** Values in a JSON body that may hold a `$n` reference: `...@odata.bind` and `@odata.id`, at any depth. */
export function mapReferenceValues(value: unknown, map: (text: string) => string): unknown {
  if (Array.isArray(value)) return value.map((entry) => mapReferenceValues(entry, map));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    const holdsReference = key.endsWith('@odata.bind') || key === '@odata.id';
    out[key] = holdsReference && typeof entry === 'string' ? map(entry) : mapReferenceValues(entry, map);
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Every `$x` reference a request makes, in its URL and its body. */
function referencesOf(request: PlannedRequest): string[] {
  const found: string[] = [];
  const urlReference = referenceIn(request.url);
  if (urlReference !== undefined) found.push(urlReference);
  const body = request.body === '' ? undefined : parseJson(request.body);
  mapReferenceValues(body, (text) => {
    const reference = referenceIn(text);
    if (reference !== undefined) found.push(reference);
    return text;
  });
  return found;
}

/**
 * A `$x` counts as a Content-ID reference when `x` is declared somewhere in the batch or is a number (the form
 * Dataverse and its clients use); anything else (`$metadata`) is left as a URL.
 */
function checkReferences(requests: PlannedRequest[], declaredInBatch: Set<string>): string | undefined {
  const declared = new Set<string>();
  for (const request of requests) {
    for (const reference of referencesOf(request)) {
      const looksLikeReference = declaredInBatch.has(reference) || /^\d+$/.test(reference);
      if (looksLikeReference && !declared.has(reference)) {
        return `Content-ID Reference: '$${reference}' does not exist in the batch context.`;
      }
    }
    if (request.contentId !== undefined) declared.add(request.contentId);
  }
  return undefined;
}

function readChangeset(contentType: string, body: string): PlannedRequest[] | string {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) return `The changeset Content-Type '${contentType}' has no boundary.`;
  const requests: PlannedRequest[] = [];
  for (const part of parseMultipart(body, boundary)) {
    const type = part.headers['content-type'] ?? '';
    if (boundaryOf(type) !== undefined) return 'A changeset cannot contain another changeset or batch.';
    if (!/^application\/http/i.test(type)) return `A changeset part must be application/http, not '${type}'.`;
    const request: PlannedRequest = parseEmbeddedRequest(part.body);
    const contentId = part.headers['content-id'];
    if (contentId !== undefined) request.contentId = contentId;
    if (request.method === 'GET') {
      // The OData library's wording, which Dataverse returns for a query inside a changeset.
      return `An invalid HTTP method 'GET' was detected for a request in a change set. Requests in change sets only support the HTTP methods 'POST', 'PUT', 'DELETE', and 'PATCH'.`;
    }
    requests.push(request);
  }
  return requests;
}

/** Reads and checks a `$batch` request body. */
export function planBatch(
  contentType: string | undefined,
  body: string,
  maxOperations = MAX_BATCH_OPERATIONS,
): BatchPlan {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) {
    return { ok: false, message: `The batch request must have a Content-Type of multipart/mixed with a boundary.` };
  }
  const items: PlanItem[] = [];
  try {
    for (const part of parseMultipart(body, boundary)) {
      const type = part.headers['content-type'] ?? '';
      if (boundaryOf(type) !== undefined) {
        const requests = readChangeset(type, part.body);
        if (typeof requests === 'string') return { ok: false, message: requests };
        items.push({ kind: 'changeset', requests });
      } else if (/^application\/http/i.test(type)) {
        const request: PlannedRequest = parseEmbeddedRequest(part.body);
        if (/\$batch(\?|$)/.test(request.url)) return { ok: false, message: 'A batch cannot contain another batch.' };
        items.push({ kind: 'single', request });
      } else {
        return { ok: false, message: `A batch part must be application/http or multipart/mixed, not '${type}'.` };
      }
    }
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  // Both wordings were reported from real orgs: a changeset over the limit (AleksandrRogov/DynamicsWebApi pull
  // request 71) and a batch over it, changeset operations included (MicrosoftDocs/powerapps-docs issue 1890).
  for (const item of items) {
    if (item.kind === 'changeset' && item.requests.length > maxOperations) {
      return {
        ok: false,
        message: `The current change set contains too many operations. A maximum number of '${maxOperations}' operations are allowed in a change set`,
      };
    }
  }
  const operations = items.reduce((sum, item) => sum + (item.kind === 'single' ? 1 : item.requests.length), 0);
  if (operations > maxOperations) {
    return {
      ok: false,
      message: `The current batch message contains too many parts. Only batch messages with a maximum number of '${maxOperations}' query operations, including changeset operations, are allowed.`,
    };
  }
  const declaredInBatch = new Set<string>();
  for (const item of items) {
    if (item.kind !== 'changeset') continue;
    for (const request of item.requests) if (request.contentId !== undefined) declaredInBatch.add(request.contentId);
  }
  for (const item of items) {
    const problem = checkReferences(item.kind === 'single' ? [item.request] : item.requests, declaredInBatch);
    if (problem !== undefined) return { ok: false, message: problem };
  }
  return { ok: true, items, operations };
}
