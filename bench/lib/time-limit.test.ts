import { describe, expect, it } from 'vitest';
import { TimeLimitError, withinTimeLimit } from './time-limit';

describe('withinTimeLimit', () => {
  it('answers what the work answers when it finishes in time, and its error when it fails', async () => {
    // Action
    const value = await withinTimeLimit(Promise.resolve(42), 1000, 'quick work');
    const failure = withinTimeLimit(Promise.reject(new Error('broken')), 1000, 'failing work');

    // Assertions
    expect(value).toBe(42);
    await expect(failure).rejects.toThrow('broken');
  });

  it('gives up on work that does not finish in time, naming it', async () => {
    // Setup
    const never = new Promise<number>(() => undefined);

    // Action
    const outcome = withinTimeLimit(never, 20, 'scenario backfill');

    // Assertions
    await expect(outcome).rejects.toBeInstanceOf(TimeLimitError);
    await expect(outcome).rejects.toThrow(/^scenario backfill did not finish within 0.02 s/);
  });
});
