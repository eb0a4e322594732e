import { describe, expect, it } from 'vitest';
import { AdaptiveBatchSize } from './adaptive-batch';

describe('AdaptiveBatchSize', () => {
  it('starts small, grows while batches go through, and halves on a 429', () => {
    // Setup
    const size = new AdaptiveBatchSize({ initial: 10, step: 5, max: 40 });
    // Action
    for (let i = 0; i < 10; i++) size.succeeded();
    const grown = size.size;
    size.throttled();
    // Assertions
    expect(grown).toBe(40);
    expect(size.size).toBe(20);
  });

  it('never falls below the minimum', () => {
    const size = new AdaptiveBatchSize({ initial: 2, min: 1 });
    size.throttled();
    size.throttled();
    expect(size.size).toBe(1);
  });
});
