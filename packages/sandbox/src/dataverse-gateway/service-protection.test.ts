import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, ServiceProtection, throttleError } from './service-protection';

/** A clock the test moves by hand. */
function fakeClock(start = 1_700_000_000_000): { now: () => number; advance: (ms: number) => void } {
  let time = start;
  return { now: () => time, advance: (ms) => (time += ms) };
}

describe('ServiceProtection', () => {
  it('has the documented defaults and messages', () => {
    // Setup
    const protection = new ServiceProtection();

    // Action
    const limits = protection.currentLimits();

    // Assertions
    expect(limits).toEqual({ requests: 6000, executionTimeMs: 1_200_000, concurrent: 52, windowMs: 300_000 });
    expect(throttleError('requests', DEFAULT_LIMITS)).toEqual({
      code: '0x80072322',
      message: 'Number of requests exceeded the limit of 6000 over time window of 300 seconds.',
    });
    expect(throttleError('executionTime', DEFAULT_LIMITS)).toEqual({
      code: '0x80072321',
      message:
        'Combined execution time of incoming requests exceeded limit of 1,200,000 milliseconds over time window of 300 seconds. Decrease number of concurrent requests or reduce the duration of requests and try again later.',
    });
    expect(throttleError('concurrency', DEFAULT_LIMITS)).toEqual({
      code: '0x80072326',
      message: 'Number of concurrent requests exceeded the limit of 52.',
    });
  });

  it('refuses the request after the budget is spent, with Retry-After until the oldest request leaves the window', () => {
    // Setup: 3 requests per 10 s, sent at t=0, 2 s and 4 s
    const clock = fakeClock();
    const protection = new ServiceProtection({ requests: 3, windowMs: 10_000 }, clock.now);
    for (let index = 0; index < 3; index += 1) {
      const admission = protection.admit('app');
      if (admission.ok) admission.finish(10);
      clock.advance(2_000);
    }

    // Action: at t=6 s
    const refused = protection.admit('app');

    // Assertions: the first request leaves the window at t=10 s
    if (refused.ok) throw new Error('expected a 429');
    expect(refused.kind).toBe('requests');
    expect(refused.retryAfterSeconds).toBe(4);
    expect(refused.response.status).toBe(429);
    expect(refused.response.headers['Retry-After']).toBe('4');
    expect(JSON.parse(refused.response.body)).toEqual({
      error: {
        code: '0x80072322',
        message: 'Number of requests exceeded the limit of 3 over time window of 10 seconds.',
      },
    });
    clock.advance(4_000);
    expect(protection.admit('app').ok).toBe(true);
    expect(protection.admit('other-app').ok).toBe(true);
  });

  it('counts execution time and refuses once the combined time is spent', () => {
    // Setup
    const clock = fakeClock();
    const protection = new ServiceProtection({ executionTimeMs: 1_000, windowMs: 60_000 }, clock.now);
    const first = protection.admit('app');
    if (!first.ok) throw new Error('expected admission');
    first.finish(600);
    clock.advance(5_000);
    const second = protection.admit('app');
    if (!second.ok) throw new Error('expected admission');
    second.finish(600);
    clock.advance(5_000);

    // Action
    const refused = protection.admit('app');

    // Assertions: dropping the first entry (t=0, leaves at 60 s) brings the total under the limit; now is 10 s
    if (refused.ok) throw new Error('expected a 429');
    expect(refused.kind).toBe('executionTime');
    expect(refused.retryAfterSeconds).toBe(50);
    expect(protection.remainingHeaders('app')).toEqual({
      'x-ms-ratelimit-burst-remaining-xrm-requests': String(6000 - 2),
      'x-ms-ratelimit-time-remaining-xrm-requests': '0',
    });
  });

  it('lengthens the wait when the client keeps pushing before Retry-After', () => {
    // Setup
    const clock = fakeClock();
    const protection = new ServiceProtection({ requests: 1, windowMs: 10_000 }, clock.now);
    const only = protection.admit('app');
    if (only.ok) only.finish(1);
    const firstRefusal = protection.admit('app');

    // Action: retry after 2 s although told to wait 10 s
    clock.advance(2_000);
    const secondRefusal = protection.admit('app');

    // Assertions
    if (firstRefusal.ok || secondRefusal.ok) throw new Error('expected 429s');
    expect(firstRefusal.retryAfterSeconds).toBe(10);
    expect(secondRefusal.retryAfterSeconds).toBe(10);
    clock.advance(9_000);
    // The window alone would have freed at 10 s, but the extended wait runs to 12 s.
    expect(protection.admit('app').ok).toBe(false);
  });

  it('refuses a request beyond the concurrency limit at once and admits again when one finishes', () => {
    // Setup
    const protection = new ServiceProtection({ concurrent: 2 });
    const first = protection.admit('app');
    const second = protection.admit('app');

    // Action
    const third = protection.admit('app');

    // Assertions
    if (!first.ok || !second.ok || third.ok) throw new Error('expected two admissions and a refusal');
    expect(third.kind).toBe('concurrency');
    expect(JSON.parse(third.response.body)).toEqual({
      error: { code: '0x80072326', message: 'Number of concurrent requests exceeded the limit of 2.' },
    });
    first.finish(1);
    expect(protection.admit('app').ok).toBe(true);
  });
});
