import { randomUUID } from 'node:crypto';

/** One operation of a `$batch`. `url` is relative to the API root (`contacts(…)`) or a `$n` Content-ID reference. */
export interface BatchOperation {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Sets `Content-ID`, so later operations of the same changeset can write `$<id>` in a URL or `@odata.bind`. */
  contentId?: string;
}

/** A changeset is atomic (DATAVERSE.md, "$batch"): all its operations commit, or none. GETs may not be in one. */
export type BatchItem = BatchOperation | { changeset: BatchOperation[] };

export interface BatchPartResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the part has a JSON body, else the raw text ('' for none). */
  body: unknown;
  contentId?: string;
  /** For a part of a changeset: which changeset of the batch (0, 1, …), in the order they were sent. */
  changeset?: number;
}

export interface EncodedBatch {
  contentType: string;
  body: string;
  operations: number;
}

const CRLF = '\r\n';

/**
 * A part's request line cannot hold a space: the URL is escaped as fetch escapes a request's own (a `$filter` written
 * with spaces, quotes), leaving escapes already there as they are.
 */
function requestTarget(path: string): string {
  const url = new URL(path, 'http://batch.invalid');
  return `${url.pathname}${url.search}`;
}

function encodeOperation(operation: BatchOperation, apiPath: string): string {
  const url = operation.url.startsWith('$') ? operation.url : requestTarget(`${apiPath}${operation.url}`);
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (operation.contentId) lines.push(`Content-ID: ${operation.contentId}`);
  lines.push('', `${operation.method} ${url} HTTP/1.1`);
  const headers = { ...operation.headers };
  if (operation.body !== undefined) headers['Content-Type'] = 'application/json; type=entry';
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  lines.push('', operation.body === undefined ? '' : JSON.stringify(operation.body));
  return lines.join(CRLF);
}

/**
 * Writes a `$batch` body in the form of Microsoft's example (execute-batch-operations-using-web-api): parts of type
 * `application/http`, changesets as nested multipart/mixed, CRLF line ends. `apiPath` is the path of the API root,
 * `/api/data/v9.2/`.
 */
export function encodeBatch(items: BatchItem[], apiPath: string, boundaryId: () => string = randomUUID): EncodedBatch {
  const batch = `batch_${boundaryId()}`;
  let operations = 0;
  const parts = items.map((item) => {
    if ('changeset' in item) {
      if (item.changeset.some((operation) => operation.method === 'GET')) {
        throw new Error('A changeset cannot contain a GET; put reads outside changesets.');
      }
      const changeset = `changeset_${boundaryId()}`;
      operations += item.changeset.length;
      const inner = item.changeset.map((operation) => `--${changeset}${CRLF}${encodeOperation(operation, apiPath)}`);
      return `Content-Type: multipart/mixed; boundary=${changeset}${CRLF}${CRLF}${inner.join(CRLF)}${CRLF}--${changeset}--${CRLF}`;
    }
    operations += 1;
    return encodeOperation(item, apiPath);
  });
  if (operations > 1000) throw new Error(`A $batch holds at most 1000 operations; this one has ${operations}.`);
  const body = `${parts.map((part) => `--${batch}${CRLF}${part}`).join(CRLF)}${CRLF}--${batch}--${CRLF}`;
  return { contentType: `multipart/mixed; boundary=${batch}`, body, operations };
}

function boundaryOf(contentType: string): string | undefined {
  return /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
}

function splitHead(text: string): { head: string[]; rest: string } {
  const normalised = text.replace(/\r\n/g, '\n');
  const end = normalised.indexOf('\n\n');
  if (end === -1) return { head: normalised.split('\n').filter(Boolean), rest: '' };
  return { head: normalised.slice(0, end).split('\n'), rest: normalised.slice(end + 2) };
}

function headerMap(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  return body
    .split(delimiter)
    .slice(1)
    .filter((part) => !part.startsWith('--'))
    .map((part) => part.replace(/^\r?\n/, ''));
}

function parseHttpPart(text: string, contentId: string | undefined): BatchPartResponse {
  const { head, rest } = splitHead(text);
  const statusLine = head[0] ?? '';
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) throw new Error(`Unreadable status line in a $batch response part: "${statusLine}"`);
  const headers = headerMap(head.slice(1));
  const raw = rest.trim();
  let body: unknown = raw;
  if (raw && headers['content-type']?.includes('application/json')) body = JSON.parse(raw) as unknown;
  return { status, headers, body, ...(contentId ? { contentId } : {}) };
}

/** Reads a `$batch` response into its parts, in order, changeset parts flattened in place. */
export function decodeBatchResponse(contentType: string, body: string): BatchPartResponse[] {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new Error(`A $batch response without a multipart boundary (Content-Type: ${contentType}).`);
  const parts: BatchPartResponse[] = [];
  let changesets = 0;
  for (const part of splitMultipart(body, boundary)) {
    const { head, rest } = splitHead(part);
    const headers = headerMap(head);
    const type = headers['content-type'] ?? '';
    if (type.startsWith('multipart/mixed')) {
      const inner = boundaryOf(type);
      if (!inner) throw new Error('A changeset response without a boundary.');
      for (const innerPart of splitMultipart(rest, inner)) {
        const { head: innerHead, rest: innerRest } = splitHead(innerPart);
        parts.push({ ...parseHttpPart(innerRest, headerMap(innerHead)['content-id']), changeset: changesets });
      }
      changesets += 1;
    } else {
      parts.push(parseHttpPart(rest, headers['content-id']));
    }
  }
  return parts;
}
