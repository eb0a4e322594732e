import { describe, expect, it } from 'vitest';
import { parseRunOptions } from './run-options';

const IDS = ['shopify-reads', 'intake-burst', 'bulk-ingest'];

describe('parseRunOptions', () => {
  it('runs everything at full size by default', () => {
    // Action
    const options = parseRunOptions([], IDS);

    // Assertions
    expect(options).toEqual({ quick: false, only: null, results: null });
  });

  it('takes --quick and --only in either spelling, in the runner order, each once', () => {
    // Action
    const options = parseRunOptions(['--only', 'bulk-ingest,intake-burst', '--quick', '--only=bulk-ingest'], IDS);

    // Assertions
    expect(options).toEqual({ quick: true, only: ['intake-burst', 'bulk-ingest'], results: null });
  });

  it('refuses an unknown scenario or flag and names the scenarios there are', () => {
    // Assertions
    expect(() => parseRunOptions(['--only', 'intake'], IDS)).toThrow(
      '--only: no scenario intake (known scenarios: shopify-reads, intake-burst, bulk-ingest)',
    );
    expect(() => parseRunOptions(['--only'], IDS)).toThrow(/--only needs scenario ids/);
    expect(() => parseRunOptions(['--orders', '5'], IDS)).toThrow(/unknown option --orders/);
    expect(() => parseRunOptions(['--results'], IDS)).toThrow(/--results needs a file/);
    expect(() => parseRunOptions(['--results', '--quick'], IDS)).toThrow(/--results needs a file/);
  });

  it('takes --results in either spelling, for the test command to keep the file out of bench/results', () => {
    // Assertions
    expect(parseRunOptions(['--quick', '--results', '.data/test-results/bench.json'], IDS)).toEqual({
      quick: true,
      only: null,
      results: '.data/test-results/bench.json',
    });
    expect(parseRunOptions(['--results=out.json'], IDS).results).toBe('out.json');
  });
});
