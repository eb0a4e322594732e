/**
 * The `query:` argument's search syntax (shopify.dev docs/api/usage/search-syntax): terms are AND-ed, `OR` between
 * terms, `NOT` or a leading `-` negates, `field:value` with the comparators `:`, `:>`, `:>=`, `:<`, `:<=`, quoted
 * values ('…' or "…"), and bare words for free text. Fields a resource does not know are ignored, as Shopify ignores
 * them (it only adds a warning).
 */

/** One `field:value` test, or free text when `field` is null. */
export interface SearchTerm {
  field: string | null;
  comparator: ':' | '>' | '>=' | '<' | '<=';
  value: string;
  negated: boolean;
}

/** Terms in disjunctive form: the query matches when every term of any one group matches. */
export type SearchQuery = SearchTerm[][];

/** What a resource exposes to the search: a value per field name, or undefined for fields it does not know. */
export type SearchFields<T> = (record: T, field: string) => string | number | Date | string[] | null | undefined;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const re = /\s*((?:[^\s"'()]+)?(?:"[^"]*"|'[^']*')?|\(|\))/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(text)) !== null) {
    if (match[0] === '') {
      re.lastIndex += 1;
      if (re.lastIndex > text.length) break;
      continue;
    }
    const token = match[1];
    if (token) tokens.push(token);
  }
  return tokens;
}

function unquote(value: string): string {
  if (value.length >= 2 && (value.startsWith('"') || value.startsWith("'")) && value.endsWith(value[0] ?? ''))
    return value.slice(1, -1);
  return value;
}

function parseTerm(token: string, negated: boolean): SearchTerm {
  let text = token;
  if (text.startsWith('-')) {
    negated = !negated;
    text = text.slice(1);
  }
  const match = /^([A-Za-z_.]+):(>=|<=|>|<)?(.*)$/.exec(text);
  if (!match?.[1]) return { field: null, comparator: ':', value: unquote(text), negated };
  const comparator = (match[2] ?? ':') as SearchTerm['comparator'];
  return { field: match[1].toLowerCase(), comparator, value: unquote(match[3] ?? ''), negated };
}

/** Parses a search string; parentheses are treated as grouping-free (terms inside join the surrounding group). */
export function parseSearchQuery(text: string | null | undefined): SearchQuery {
  const groups: SearchQuery = [[]];
  let negateNext = false;
  for (const token of tokenize(text ?? '')) {
    if (token === '(' || token === ')' || token === 'AND') continue;
    if (token === 'OR') {
      groups.push([]);
      continue;
    }
    if (token === 'NOT') {
      negateNext = true;
      continue;
    }
    groups[groups.length - 1]?.push(parseTerm(token, negateNext));
    negateNext = false;
  }
  return groups.filter((g, i) => g.length > 0 || i === 0);
}

function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

function compare(actual: string | number | Date, term: SearchTerm): boolean {
  let left: number | string;
  let right: number | string;
  if (actual instanceof Date) {
    // Shopify keeps and compares times to the second (DateTime is "2022-05-25T13:46:50Z"): a record changed at
    // 13:46:50.700 matches `updated_at:<='2022-05-25T13:46:50Z'`, and fractions in the query are dropped too.
    left = wholeSeconds(actual.getTime());
    const parsed = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(term.value) ? `${term.value}T00:00:00Z` : term.value);
    if (Number.isNaN(parsed)) return false;
    right = wholeSeconds(parsed);
  } else if (typeof actual === 'number') {
    left = actual;
    right = Number(term.value.replace(/^gid:\/\/shopify\/[A-Za-z]+\//, ''));
    if (Number.isNaN(right)) return false;
  } else {
    left = actual.toLowerCase();
    right = term.value.toLowerCase();
  }
  switch (term.comparator) {
    case ':':
      return left === right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
  }
}

function termMatches<T>(record: T, term: SearchTerm, fields: SearchFields<T>): boolean {
  if (term.field === null) {
    const text = fields(record, 'default');
    const haystack = Array.isArray(text) ? text.join(' ') : String(text ?? '');
    return haystack.toLowerCase().includes(term.value.toLowerCase());
  }
  const actual = fields(record, term.field);
  if (actual === undefined) return true;
  if (actual === null) return term.value === '' || term.value.toLowerCase() === 'null';
  if (Array.isArray(actual)) return actual.some((v) => compare(v, term));
  if (term.comparator === ':' && term.value.endsWith('*') && typeof actual === 'string')
    return actual.toLowerCase().startsWith(term.value.slice(0, -1).toLowerCase());
  return compare(actual, term);
}

/** True when `record` satisfies the parsed query. */
export function matchesSearch<T>(record: T, query: SearchQuery, fields: SearchFields<T>): boolean {
  return query.some((group) => group.every((term) => termMatches(record, term, fields) !== term.negated));
}
