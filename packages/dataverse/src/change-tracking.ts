import { DATAVERSE_API_PATH, type DataverseClient } from './client';
import { DataverseApiError } from './errors';

/** Dataverse's code for a change token past its lifetime (7 days by default): "perform a full sync". */
export const EXPIRED_CHANGE_TOKEN = '0x80044352';

/** Dataverse's code for an argument it cannot read; with a `$deltatoken`, a token it does not recognise. */
const INVALID_ARGUMENT = '0x80040203';

/** One page of a change read: rows added or updated (with the selected columns) and the ids of rows deleted. */
export interface ChangePage {
  rows: Record<string, unknown>[];
  deletedIds: string[];
}

export interface ChangeRequest {
  /** The table's entity set, e.g. `contacts`. */
  entitySet: string;
  /** The columns to read; the table's primary id column is added by Dataverse itself. */
  select: readonly string[];
  /**
   * The `@odata.deltaLink` of the last read (absolute, or relative to the Web API root); null for the first read,
   * which answers every row of the table and a link for the changes after it.
   */
  deltaLink: string | null;
  /** Rows per page (Dataverse caps it at 5000). */
  maxPageSize?: number;
  correlationId?: string;
}

/**
 * How a change read ended: read to the end, with the link for the next one (relative to the Web API root); or the
 * link was refused, `expired` (older than the org keeps changes) or `invalid`, and the caller must compare the whole
 * table instead (a read with `deltaLink: null`) and keep the new link that read ends with.
 */
export type ChangeReadResult =
  | { kind: 'read'; deltaLink: string; full: boolean; rows: number; deleted: number }
  | { kind: 'token_rejected'; reason: 'expired' | 'invalid'; message: string; dataverseCode: string };

interface DeltaBody {
  value?: Record<string, unknown>[];
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

/** A link Dataverse gave, relative to the Web API root as the client's requests are. */
function relative(link: string): string {
  const at = link.indexOf(DATAVERSE_API_PATH);
  return at === -1 ? link : link.slice(at + DATAVERSE_API_PATH.length);
}

/** A `$deletedEntity` entry: `{"@odata.context": "…$deletedEntity", "id": "…", "reason": "deleted"}`. */
function deletedId(entry: Record<string, unknown>): string | null {
  const context = entry['@odata.context'];
  if (typeof context !== 'string' || !context.endsWith('$deletedEntity')) return null;
  return typeof entry.id === 'string' ? entry.id : null;
}

/**
 * Reads a table's changes with change tracking (use-change-tracking-synchronize-data-external-systems): with no link,
 * every row (`Prefer: odata.track-changes`); with one, the rows changed and deleted since it was issued. Each page is
 * handed to `onPage` before the next is read, so a large first read is never held whole. A refused link is an answer,
 * not an error: Dataverse expires tokens, and the caller has a way back (a full compare).
 */
export async function readChanges(
  client: DataverseClient,
  request: ChangeRequest,
  onPage: (page: ChangePage) => Promise<void>,
): Promise<ChangeReadResult> {
  const full = request.deltaLink === null;
  let next: string | undefined =
    request.deltaLink === null
      ? `${request.entitySet}?$select=${request.select.join(',')}`
      : relative(request.deltaLink);
  let rows = 0;
  let deleted = 0;
  while (next) {
    let body: DeltaBody;
    try {
      const response = await client.request({
        method: 'GET',
        path: next,
        idempotent: true,
        headers: { Prefer: `odata.track-changes, odata.maxpagesize=${request.maxPageSize ?? 500}` },
        ...(request.correlationId ? { correlationId: request.correlationId } : {}),
      });
      body = response.body as DeltaBody;
    } catch (error) {
      const rejected = tokenRejection(error, !full);
      if (rejected) return rejected;
      throw error;
    }
    const page: ChangePage = { rows: [], deletedIds: [] };
    for (const entry of body.value ?? []) {
      const id = deletedId(entry);
      if (id === null) page.rows.push(entry);
      else page.deletedIds.push(id);
    }
    rows += page.rows.length;
    deleted += page.deletedIds.length;
    await onPage(page);
    const link = body['@odata.deltaLink'];
    if (link) return { kind: 'read', deltaLink: relative(link), full, rows, deleted };
    next = body['@odata.nextLink'] ? relative(body['@odata.nextLink']) : undefined;
  }
  throw new Error(
    `Dataverse answered the change read of ${request.entitySet} without an @odata.deltaLink; is change tracking enabled for the table?`,
  );
}

/** A refusal of the delta token itself: expired, or not one Dataverse recognises. Other failures are errors. */
function tokenRejection(
  error: unknown,
  withToken: boolean,
): Extract<ChangeReadResult, { kind: 'token_rejected' }> | null {
  if (!withToken || !(error instanceof DataverseApiError) || error.details.status !== 400) return null;
  const code = error.details.dataverseCode ?? '';
  if (code === EXPIRED_CHANGE_TOKEN) {
    return { kind: 'token_rejected', reason: 'expired', message: error.message, dataverseCode: code };
  }
  if (code === INVALID_ARGUMENT && /token/i.test(error.message)) {
    return { kind: 'token_rejected', reason: 'invalid', message: error.message, dataverseCode: code };
  }
  return null;
}
