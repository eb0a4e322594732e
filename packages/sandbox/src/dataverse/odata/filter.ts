import { badRequest } from '../errors';

/**
 * `$filter` expressions: comparisons (eq, ne, gt, ge, lt, le) joined by and/or/not, parentheses, `null`, and the
 * string functions contains, startswith and endswith (Dataverse's supported subset, "Filter rows" in the query docs).
 */

/** A literal of a `$filter` expression. */
export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'guid'; value: string }
  | { kind: 'datetime'; value: string };

/** A parsed `$filter` expression. */
export type FilterNode =
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'compare'; op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le'; property: string; literal: Literal }
  | { kind: 'function'; name: 'contains' | 'startswith' | 'endswith'; property: string; literal: Literal }
  | { kind: 'in'; property: string; values: Literal[]; negate: boolean };

type Token = { kind: 'word' | 'string' | 'open' | 'close' | 'comma'; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const char = text.charAt(at);
    if (char === ' ') {
      at += 1;
    } else if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char === '(' ? 'open' : char === ')' ? 'close' : 'comma', text: char });
      at += 1;
    } else if (char === "'") {
      let end = at + 1;
      let value = '';
      for (;;) {
        if (end >= text.length) throw badRequest(`Syntax error: unterminated string literal in $filter.`);
        if (text.charAt(end) === "'") {
          if (text.charAt(end + 1) === "'") {
            value += "'";
            end += 2;
            continue;
          }
          break;
        }
        value += text.charAt(end);
        end += 1;
      }
      tokens.push({ kind: 'string', text: value });
      at = end + 1;
    } else {
      const match = /^[^\s(),']+/.exec(text.slice(at));
      const word = match?.[0] ?? char;
      tokens.push({ kind: 'word', text: word });
      at += word.length;
    }
  }
  return tokens;
}

const QUERY_FUNCTION = 'Microsoft.Dynamics.CRM.';

const COMPARISONS = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

function literalOf(token: Token | undefined): Literal {
  if (!token) throw badRequest('Syntax error: a value is missing in $filter.');
  if (token.kind === 'string') return { kind: 'string', value: token.text };
  const text = token.text;
  if (text === 'null') return { kind: 'null' };
  if (text === 'true' || text === 'false') return { kind: 'boolean', value: text === 'true' };
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text))
    return { kind: 'guid', value: text.toLowerCase() };
  if (/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(text)) return { kind: 'datetime', value: text };
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?[mMdD]?$/.test(text)) return { kind: 'number', value: text.replace(/[mMdD]$/, '') };
  throw badRequest(`Syntax error at '${text}' in $filter.`);
}

/** Parses a `$filter` value. */
export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  let at = 0;
  const peek = (): Token | undefined => tokens[at];
  const next = (): Token | undefined => tokens[at++];
  const expect = (kind: Token['kind']): Token => {
    const token = next();
    if (token?.kind !== kind) throw badRequest(`Syntax error in $filter near position ${at}.`);
    return token;
  };
  const or = (): FilterNode => {
    let left = and();
    while (peek()?.text === 'or') {
      next();
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const and = (): FilterNode => {
    let left = unary();
    while (peek()?.text === 'and') {
      next();
      left = { kind: 'and', left, right: unary() };
    }
    return left;
  };
  const unary = (): FilterNode => {
    if (peek()?.text === 'not') {
      next();
      return { kind: 'not', operand: unary() };
    }
    return primary();
  };
  const primary = (): FilterNode => {
    const token = next();
    if (!token) throw badRequest('Syntax error: $filter ends too early.');
    if (token.kind === 'open') {
      const inner = or();
      expect('close');
      return inner;
    }
    if (token.kind !== 'word') throw badRequest(`Syntax error at '${token.text}' in $filter.`);
    if (token.text.startsWith(QUERY_FUNCTION) && peek()?.kind === 'open') {
      next();
      return queryFunction(token.text.slice(QUERY_FUNCTION.length));
    }
    if (
      (token.text === 'contains' || token.text === 'startswith' || token.text === 'endswith') &&
      peek()?.kind === 'open'
    ) {
      next();
      const property = expect('word').text;
      expect('comma');
      const literal = literalOf(next());
      expect('close');
      return { kind: 'function', name: token.text, property, literal };
    }
    const op = next();
    if (!op || !COMPARISONS.has(op.text))
      throw badRequest(`Syntax error: expected a comparison after '${token.text}' in $filter.`);
    return { kind: 'compare', op: op.text as 'eq', property: token.text, literal: literalOf(next()) };
  };
  /** `Microsoft.Dynamics.CRM.In(PropertyName='x',PropertyValues=['a','b'])` and NotIn (Web API query functions). */
  const queryFunction = (name: string): FilterNode => {
    if (name !== 'In' && name !== 'NotIn')
      throw badRequest(`The query function Microsoft.Dynamics.CRM.${name} is not supported here.`);
    let property: string | undefined;
    let mode: 'name' | 'values' | undefined;
    const values: Literal[] = [];
    for (;;) {
      const part = next();
      if (!part) throw badRequest('Syntax error: unterminated query function in $filter.');
      if (part.kind === 'close') break;
      if (part.kind === 'comma') continue;
      if (part.kind === 'string') {
        if (mode === 'name') property = part.text;
        else values.push(literalOf(part));
        continue;
      }
      let text = part.text;
      if (text.startsWith('PropertyName=')) {
        mode = 'name';
        continue;
      }
      if (text.startsWith('PropertyValues=')) {
        mode = 'values';
        text = text.slice('PropertyValues='.length);
      }
      text = text.replace(/^\[/, '').replace(/\]$/, '');
      if (text !== '' && mode === 'values') values.push(literalOf({ kind: 'word', text }));
    }
    if (!property) throw badRequest(`Microsoft.Dynamics.CRM.${name} needs PropertyName.`);
    return { kind: 'in', property, values, negate: name === 'NotIn' };
  };
  const node = or();
  if (at < tokens.length) throw badRequest(`Syntax error at '${tokens[at]?.text ?? ''}' in $filter.`);
  return node;
}

/** The properties a filter names, to check them against the table. */
export function filterProperties(node: FilterNode): string[] {
  switch (node.kind) {
    case 'and':
    case 'or':
      return [...filterProperties(node.left), ...filterProperties(node.right)];
    case 'not':
      return filterProperties(node.operand);
    default:
      return [node.property];
  }
}

/** Compares a row's value with a literal: -1/0/1, or undefined when either side is null. */
export type Comparer = (property: string, literal: Literal) => number | undefined;

/** Evaluates a filter for one row. `read` gives the row's value of a property as text (null when unset). */
export function evaluate(node: FilterNode, compare: Comparer, read: (property: string) => string | null): boolean {
  switch (node.kind) {
    case 'and':
      return evaluate(node.left, compare, read) && evaluate(node.right, compare, read);
    case 'or':
      return evaluate(node.left, compare, read) || evaluate(node.right, compare, read);
    case 'not':
      return !evaluate(node.operand, compare, read);
    case 'in': {
      const found = node.values.some((literal) => compare(node.property, literal) === 0);
      return node.negate ? !found : found;
    }
    case 'function': {
      const value = read(node.property);
      if (value === null || node.literal.kind !== 'string') return false;
      // Dataverse's default collation is case-insensitive.
      const haystack = value.toLowerCase();
      const needle = node.literal.value.toLowerCase();
      if (node.name === 'contains') return haystack.includes(needle);
      if (node.name === 'startswith') return haystack.startsWith(needle);
      return haystack.endsWith(needle);
    }
    case 'compare': {
      if (node.literal.kind === 'null') {
        const isNull = read(node.property) === null;
        if (node.op === 'eq') return isNull;
        if (node.op === 'ne') return !isNull;
        return false;
      }
      const order = compare(node.property, node.literal);
      if (order === undefined) return node.op === 'ne';
      switch (node.op) {
        case 'eq':
          return order === 0;
        case 'ne':
          return order !== 0;
        case 'gt':
          return order > 0;
        case 'ge':
          return order >= 0;
        case 'lt':
          return order < 0;
        default:
          return order <= 0;
      }
    }
  }
}
