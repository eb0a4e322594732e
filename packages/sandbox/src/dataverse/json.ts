/**
 * JSON with exact numbers. Request bodies are parsed keeping each number's text (JsonNumber), so that 19.99 never
 * passes through a float; responses write RawNumber values as the digits they hold (Dataverse writes money as JSON
 * numbers, e.g. `"revenue": 5000000.0000` in mslearn-examples/update_return_representation.response.json).
 */

/** A number as written in the request. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

/** A number to write verbatim in a response. */
export class RawNumber {
  constructor(readonly text: string) {}
}

/** A parsed request body. */
export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | { [key: string]: JsonValue };

/** Thrown for malformed JSON; the caller answers 400. */
export class JsonSyntaxError extends Error {}

/** Parses JSON text, keeping numbers as JsonNumber. */
export function parseJson(text: string): JsonValue {
  let at = 0;
  const fail = (what: string): never => {
    throw new JsonSyntaxError(`${what} at position ${at}`);
  };
  const space = (): void => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at += 1;
  };
  const value = (): JsonValue => {
    space();
    const char = text.charAt(at);
    if (char === '{') {
      at += 1;
      const object: Record<string, JsonValue> = {};
      space();
      if (text.charAt(at) === '}') {
        at += 1;
        return object;
      }
      for (;;) {
        space();
        if (text.charAt(at) !== '"') fail('Expected a property name');
        const key = string();
        space();
        if (text.charAt(at) !== ':') fail("Expected ':'");
        at += 1;
        object[key] = value();
        space();
        if (text.charAt(at) === ',') {
          at += 1;
          continue;
        }
        if (text.charAt(at) === '}') {
          at += 1;
          return object;
        }
        return fail("Expected ',' or '}'");
      }
    }
    if (char === '[') {
      at += 1;
      const array: JsonValue[] = [];
      space();
      if (text.charAt(at) === ']') {
        at += 1;
        return array;
      }
      for (;;) {
        array.push(value());
        space();
        if (text.charAt(at) === ',') {
          at += 1;
          continue;
        }
        if (text.charAt(at) === ']') {
          at += 1;
          return array;
        }
        return fail("Expected ',' or ']'");
      }
    }
    if (char === '"') return string();
    for (const [word, result] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return result;
      }
    }
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match) return fail('Unexpected token');
    at += match[0].length;
    return new JsonNumber(match[0]);
  };
  const string = (): string => {
    const start = at;
    at += 1;
    while (at < text.length && text.charAt(at) !== '"') at += text.charAt(at) === '\\' ? 2 : 1;
    if (at >= text.length) fail('Unterminated string');
    at += 1;
    return JSON.parse(text.slice(start, at)) as string;
  };
  const result = value();
  space();
  if (at < text.length) fail('Unexpected data after the value');
  return result;
}

/** Serialises a response value; RawNumber instances are written as bare numbers. */
export function stringifyJson(value: unknown): string {
  if (value instanceof RawNumber) return value.text;
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(stringifyJson).join(',')}]`;
  if (typeof value === 'object') {
    const parts: string[] = [];
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      if (item !== undefined) parts.push(`${JSON.stringify(key)}:${stringifyJson(item)}`);
    }
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function isJsonObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber);
}
