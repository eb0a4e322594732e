import { describe, expect, it } from 'vitest';
import { JsonNumber, JsonSyntaxError, parseJson, RawNumber, stringifyJson } from './json';

describe('exact JSON', () => {
  it('keeps the text of numbers on the way in', () => {
    // Setup
    const text = '{"priceperunit": 19.990, "quantity": 1e2, "name": "a\\"b", "list": [1, true, null]}';

    // Action
    const value = parseJson(text) as Record<string, unknown>;

    // Assertions
    expect(value.priceperunit).toEqual(new JsonNumber('19.990'));
    expect(value.quantity).toEqual(new JsonNumber('1e2'));
    expect(value.name).toBe('a"b');
    expect(value.list).toEqual([new JsonNumber('1'), true, null]);
  });

  it('writes RawNumber digits verbatim and skips undefined', () => {
    // Setup
    const value = { revenue: new RawNumber('5000000.0000'), name: 'x', gone: undefined };

    // Action
    const text = stringifyJson(value);

    // Assertions
    expect(text).toBe('{"revenue":5000000.0000,"name":"x"}');
  });

  it('rejects malformed JSON', () => {
    // Setup
    const inputs = ['{"a":}', '{"a":1', '[1,]', '{"a":1} x'];

    // Action
    const errors = inputs.map((input) => {
      try {
        parseJson(input);
        return undefined;
      } catch (error) {
        return error;
      }
    });

    // Assertions
    for (const error of errors) expect(error).toBeInstanceOf(JsonSyntaxError);
  });
});
