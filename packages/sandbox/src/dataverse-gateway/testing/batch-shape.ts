import { readFileSync } from 'node:fs';
import { referencePath } from '../../reference';
import { boundaryOf, parseEmbeddedResponse, parseMultipart, type EmbeddedResponse } from '../multipart';

/**
 * Reading batch responses (documented or received) into a comparable shape: the order of parts, changesets,
 * Content-IDs, statuses, and the structure of JSON bodies (keys, not values, since ids and etags differ per run).
 */

/** The directory of Microsoft's documented examples (reference/dataverse/mslearn-examples). */
export const MSLEARN_EXAMPLES = `${referencePath('dataverse', 'mslearn-examples')}/`;

/** Reads one documented example file. */
export function readExample(name: string): string {
  return readFileSync(`${MSLEARN_EXAMPLES}${name}`, 'utf8');
}

/** One response in a batch response, reduced to what must match. */
export interface PartShape {
  contentId: string | undefined;
  status: number;
  body: unknown;
}

/** The shape of a batch response body. */
export type BatchShape = ({ kind: 'single'; part: PartShape } | { kind: 'changeset'; parts: PartShape[] })[];

/** Keys and value types of a JSON value, recursively; arrays by their first element. */
export function jsonShape(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [jsonShape(value[0])];
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, jsonShape((value as Record<string, unknown>)[key])]),
  );
}

function partShape(response: EmbeddedResponse): PartShape {
  let body: unknown = response.body === '' ? '' : 'text';
  try {
    if (response.body !== '') body = jsonShape(JSON.parse(response.body));
  } catch {
    // not JSON: 'text'
  }
  return { contentId: response.contentId, status: response.status, body };
}

/** The parts of a batch response body, in order, with the raw responses for closer checks. */
export function readBatchBody(contentType: string, body: string): { shape: BatchShape; responses: EmbeddedResponse[] } {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) throw new Error(`not a multipart Content-Type: ${contentType}`);
  const shape: BatchShape = [];
  const responses: EmbeddedResponse[] = [];
  for (const part of parseMultipart(body, boundary)) {
    const nested = boundaryOf(part.headers['content-type']);
    if (nested === undefined) {
      const response = parseEmbeddedResponse(part);
      responses.push(response);
      shape.push({ kind: 'single', part: partShape(response) });
      continue;
    }
    const inner = parseMultipart(part.body, nested).map(parseEmbeddedResponse);
    responses.push(...inner);
    shape.push({ kind: 'changeset', parts: inner.map(partShape) });
  }
  return { shape, responses };
}

/** A documented response file: status line, headers, blank line, multipart body (boundary from its first line). */
export function readDocumentedBatchResponse(text: string): {
  status: number;
  shape: BatchShape;
  responses: EmbeddedResponse[];
} {
  const [head = '', body = ''] = text.split(/\r?\n\r?\n([\s\S]*)/);
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  const boundary = /^--(\S+)/.exec(body.trimStart())?.[1] ?? '';
  return { status, ...readBatchBody(`multipart/mixed; boundary=${boundary}`, body) };
}
