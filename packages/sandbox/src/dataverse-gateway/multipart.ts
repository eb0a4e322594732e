import { randomUUID } from 'node:crypto';

/**
 * multipart/mixed as Dataverse's `$batch` writes it (execute-batch-operations-using-web-api; the request and response
 * files under reference/dataverse/mslearn-examples/). Parsing accepts CRLF or bare LF, quoted or bare boundaries and
 * `Name:value` headers with or without a space, because the documented requests use all of these.
 */

/** One MIME part: header names lower-cased, and the body between the blank line and the next delimiter. */
export interface MimePart {
  headers: Record<string, string>;
  body: string;
}

/** An HTTP request carried in an `application/http` part. */
export interface EmbeddedRequest {
  method: string;
  /** As written on the request line: absolute, absolute path, relative to the service root, or `$n/...`. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** An HTTP response to write into an `application/http` part. */
export interface EmbeddedResponse {
  contentId?: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One entry of a batch response: a response outside a changeset, or a changeset's responses. */
export type BatchResponseItem =
  { kind: 'single'; response: EmbeddedResponse } | { kind: 'changeset'; responses: EmbeddedResponse[] };

const CRLF = '\r\n';

/** The `boundary` parameter of a multipart Content-Type, or undefined if there is none. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (contentType === undefined || !/^\s*multipart\/mixed\s*(;|$)/i.test(contentType)) return undefined;
  const match = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function parseHeaderLines(lines: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** Splits lines into the header block (up to the first empty line) and the rest. */
function splitHead(lines: string[]): { head: string[]; rest: string[] } {
  const blank = lines.findIndex((line) => line.trim() === '');
  if (blank < 0) return { head: lines, rest: [] };
  return { head: lines.slice(0, blank), rest: lines.slice(blank + 1) };
}

/**
 * The parts of a multipart body. Throws if the closing delimiter is missing, since a truncated batch must not run.
 * The line break before a delimiter belongs to the delimiter (RFC 2046), so it is not part of the body.
 */
export function parseMultipart(body: string, boundary: string): MimePart[] {
  const lines = body.split(/\r?\n/);
  const delimiter = `--${boundary}`;
  const parts: string[][] = [];
  let current: string[] | undefined;
  let closed = false;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === `${delimiter}--`) {
      if (current) parts.push(current);
      closed = true;
      break;
    }
    if (trimmed === delimiter) {
      if (current) parts.push(current);
      current = [];
      continue;
    }
    current?.push(line);
  }
  if (!closed) throw new Error(`The multipart body does not end with the delimiter '${delimiter}--'.`);
  return parts.map((partLines) => {
    const { head, rest } = splitHead(partLines);
    return { headers: parseHeaderLines(head), body: rest.join(CRLF) };
  });
}

/** Reads the HTTP request inside an `application/http` part: request line, headers, blank line, body. */
export function parseEmbeddedRequest(text: string): EmbeddedRequest {
  const lines = text.split(/\r?\n/);
  // Tolerate blank lines before the request line, which hand-written batches sometimes have.
  while (lines.length > 0 && lines[0]?.trim() === '') lines.shift();
  const requestLine = lines.shift() ?? '';
  const match = /^([A-Z]+)\s+(\S+)(?:\s+HTTP\/\d(?:\.\d)?)?\s*$/.exec(requestLine.trim());
  if (!match?.[1] || !match[2]) throw new Error(`The request line '${requestLine}' is not valid.`);
  const { head, rest } = splitHead(lines);
  return { method: match[1], url: match[2], headers: parseHeaderLines(head), body: rest.join(CRLF).trim() };
}

/** Reads the HTTP response inside an `application/http` part of a batch response (for clients and tests). */
export function parseEmbeddedResponse(part: MimePart): EmbeddedResponse {
  const lines = part.body.split(/\r?\n/);
  const statusLine = lines.shift() ?? '';
  const match = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine.trim());
  if (!match?.[1]) throw new Error(`The status line '${statusLine}' is not valid.`);
  const { head, rest } = splitHead(lines);
  const response: EmbeddedResponse = {
    status: Number(match[1]),
    headers: parseHeaderLines(head),
    body: rest.join(CRLF).trim(),
  };
  const contentId = part.headers['content-id'];
  if (contentId !== undefined) response.contentId = contentId;
  return response;
}

const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

/** The reason phrase Dataverse writes after a status code inside a batch response. */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Unknown';
}

function writeResponsePart(response: EmbeddedResponse): string {
  const partHeaders = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (response.contentId !== undefined) partHeaders.push(`Content-ID: ${response.contentId}`);
  const httpHeaders = Object.entries(response.headers).map(([name, value]) => `${name}: ${value}`);
  return [
    ...partHeaders,
    '',
    `HTTP/1.1 ${response.status} ${reasonPhrase(response.status)}`,
    ...httpHeaders,
    '',
    response.body,
  ].join(CRLF);
}

/** A fresh `<prefix>_<guid>` boundary, as Dataverse names them (`batchresponse_…`, `changesetresponse_…`). */
export function newBoundary(prefix: 'batchresponse' | 'changesetresponse' | 'batch' | 'changeset'): string {
  return `${prefix}_${randomUUID()}`;
}

/**
 * Writes a batch response body the way the documented responses lay it out: each part ends with CRLF before the next
 * delimiter (an empty body therefore shows as an extra blank line), a changeset is a nested multipart part with an
 * unquoted `changesetresponse_<guid>` boundary, and the body ends with the closing delimiter and CRLF.
 */
export function writeBatchResponse(items: BatchResponseItem[], boundary: string): string {
  let out = '';
  for (const item of items) {
    out += `--${boundary}${CRLF}`;
    if (item.kind === 'single') {
      out += `${writeResponsePart(item.response)}${CRLF}`;
      continue;
    }
    const changeset = newBoundary('changesetresponse');
    out += `Content-Type: multipart/mixed; boundary=${changeset}${CRLF}${CRLF}`;
    for (const response of item.responses) out += `--${changeset}${CRLF}${writeResponsePart(response)}${CRLF}`;
    out += `--${changeset}--${CRLF}`;
  }
  return `${out}--${boundary}--${CRLF}`;
}

/** Writes a batch request body (for tests and tools that build batches): the inverse of the parser above. */
export function writeBatchRequest(
  items: (
    | { kind: 'single'; request: EmbeddedRequest }
    | { kind: 'changeset'; requests: (EmbeddedRequest & { contentId?: string })[] }
  )[],
  boundary: string,
): string {
  const writeRequest = (request: EmbeddedRequest, contentId?: string): string =>
    [
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      ...(contentId === undefined ? [] : [`Content-ID: ${contentId}`]),
      '',
      `${request.method} ${request.url} HTTP/1.1`,
      ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
      '',
      request.body,
    ].join(CRLF);
  let out = '';
  for (const item of items) {
    out += `--${boundary}${CRLF}`;
    if (item.kind === 'single') {
      out += `${writeRequest(item.request)}${CRLF}`;
      continue;
    }
    const changeset = newBoundary('changeset');
    out += `Content-Type: multipart/mixed; boundary="${changeset}"${CRLF}${CRLF}`;
    for (const request of item.requests)
      out += `--${changeset}${CRLF}${writeRequest(request, request.contentId)}${CRLF}`;
    out += `--${changeset}--${CRLF}${CRLF}`;
  }
  return `${out}--${boundary}--${CRLF}`;
}
