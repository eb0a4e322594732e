import { badRequest } from '../errors';

/**
 * The resource path of a Web API request, below `/api/data/v9.2/`: `contacts`, `contacts(<guid>)`,
 * `contacts(sv_shopifyid='us_1')`, `salesorders(<guid>)/order_details`, `contacts/Microsoft.Dynamics.CRM.UpsertMultiple`,
 * `FulfillSalesOrder`, `EntityDefinitions(LogicalName='contact')/Keys`, ...
 */

/** A key in parentheses: a bare GUID, or name=value pairs (alternate key or metadata key). */
export type KeyPredicate = { kind: 'id'; id: string } | { kind: 'values'; values: Record<string, string | number> };

export interface PathSegment {
  name: string;
  key?: KeyPredicate;
  /** The text in parentheses as sent, for OData-EntityId echoes. */
  keyText?: string;
}

export const API_PREFIX = '/api/data/v9.2/';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(text: string): boolean {
  return GUID.test(text);
}

/** Splits on `/` outside quoted key values. */
function splitSegments(path: string): string[] {
  const segments: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of path) {
    if (char === "'") quoted = !quoted;
    if (char === '/' && !quoted) {
      segments.push(current);
      current = '';
    } else current += char;
  }
  segments.push(current);
  return segments.filter((segment) => segment !== '');
}

/** Parses `a=1,b='x'` or a bare guid. */
export function parseKey(text: string): KeyPredicate {
  const trimmed = text.trim();
  if (isGuid(trimmed)) return { kind: 'id', id: trimmed.toLowerCase() };
  const values: Record<string, string | number> = {};
  const pattern = /\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*('(?:[^']|'')*'|[^,]+)\s*(?:,|$)/gy;
  let consumed = 0;
  for (const match of trimmed.matchAll(pattern)) {
    const [whole, name = '', raw = ''] = match;
    consumed += whole.length;
    const value = raw.trim();
    if (value.startsWith("'")) values[name] = value.slice(1, -1).replace(/''/g, "'");
    else if (isGuid(value)) values[name] = value.toLowerCase();
    else if (/^-?\d+(\.\d+)?$/.test(value)) values[name] = Number(value);
    else throw badRequest(`Bad Request - Error in query syntax.`, '0x80060888');
  }
  if (consumed !== trimmed.length || Object.keys(values).length === 0) {
    throw badRequest(`Bad Request - Error in query syntax.`, '0x80060888');
  }
  return { kind: 'values', values };
}

/** Parses the path below the API prefix into segments; undefined when the path is not under it. */
export function parsePath(path: string): PathSegment[] | undefined {
  if (!path.startsWith(API_PREFIX) && path !== API_PREFIX.slice(0, -1)) return undefined;
  let rest: string;
  try {
    rest = decodeURIComponent(path.slice(API_PREFIX.length));
  } catch {
    throw badRequest('Bad Request - Error in query syntax.', '0x80060888');
  }
  return splitSegments(rest).map((segment) => {
    const open = segment.indexOf('(');
    if (open < 0 || !segment.endsWith(')')) return { name: segment };
    const keyText = segment.slice(open + 1, -1);
    return { name: segment.slice(0, open), key: parseKey(keyText), keyText };
  });
}
