import { describe, expect, it } from 'vitest';
import { parseRunOptions } from './run-options';

const IDS = ['shopify-reads', 'intake-burst', 'bulk-ingest'];

describe('parseRunOptions', () => {
  it('runs everything at full size by default', () => {
    // Action
    const options = parseRunOptions([], IDS);

    // Assertions
    expect(options).toEqual({ quick: false, only: null });
  });

  it('takes --quick and --only in either spelling, in the runner order, each once', () => {
    // Action
    const options = parseRunOptions(['--only', 'bulk-ingest,intake-burst', '--quick', '--only=bulk-ingest'], IDS);

    // Assertions
    expect(options).toEqual({ quick: true, only: ['intake-burst', 'bulk-ingest'] });
  });

  it('refuses an unknown scenario or flag and names the scenarios there are', () => {
    // Assertions
    expect(() => parseRunOptions(['--only', 'intake'], IDS)).toThrow(
      '--only: no scenario intake (known scenarios: shopify-reads, intake-burst, bulk-ingest)',
    );
    expect(() => parseRunOptions(['--only'], IDS)).toThrow(/--only needs scenario ids/);
    expect(() => parseRunOptions(['--orders', '5'], IDS)).toThrow(/unknown option --orders/);
  });
});
