import { describe, expect, it } from 'vitest';
import { type Clock, DataverseClient, type DataverseClientEvent } from './client';

/** A clock that moves only when the client sleeps, so waits are exact. */
function fakeClock(): Clock {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  };
}

/** Answers in turn, as Dataverse would; an Error entry fails the send instead (no answer). */
function scriptedFetch(answers: (Response | Error)[]): typeof fetch {
  return () => {
    const next = answers.shift();
    if (!next) return Promise.reject(new Error('no more answers scripted'));
    return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
  };
}

function client(answers: (Response | Error)[], events: DataverseClientEvent[]): DataverseClient {
  return new DataverseClient({
    orgUrl: 'https://events.crm.dynamics.com',
    tokens: { getToken: () => Promise.resolve('token') },
    clock: fakeClock(),
    random: () => 0,
    fetch: scriptedFetch(answers),
    onEvent: (event) => events.push(event),
  });
}

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('the Dataverse client’s events', () => {
  it('reports a 429 as an answer and the Retry-After waited out before the next send', async () => {
    // Setup
    const events: DataverseClientEvent[] = [];
    const dataverse = client(
      [
        json({ error: { code: '0x80072322', message: 'Number of requests exceeded' } }, 429, { 'retry-after': '2' }),
        json({ value: [] }),
      ],
      events,
    );
    // Action
    await dataverse.request({ method: 'GET', path: 'contacts', idempotent: true });
    // Assertions
    expect(events.filter((event) => event.kind === 'response').map((event) => event.status)).toEqual([429, 200]);
    expect(events.filter((event) => event.kind === 'waited')).toEqual([{ kind: 'waited', waitMs: 2000 }]);
  });

  it('reports a send without answer as a failure, and a failed $batch’s 400 as an answer', async () => {
    // Setup
    const events: DataverseClientEvent[] = [];
    const boundary = 'batchresponse_1';
    const failedBatch = new Response(
      `--${boundary}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n` +
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\n\r\n{"error":{"message":"bad"}}\r\n--${boundary}--\r\n`,
      { status: 400, headers: { 'content-type': `multipart/mixed; boundary=${boundary}` } },
    );
    const dataverse = client([new TypeError('fetch failed'), failedBatch], events);
    // Action
    const lost = await dataverse
      .request({ method: 'POST', path: 'contacts', body: {}, idempotent: false })
      .catch((error: unknown) => error);
    await dataverse.batch([{ method: 'PATCH', url: 'contacts(1)', body: {} }], { idempotent: true });
    // Assertions
    expect(lost).toMatchObject({ code: 'DATAVERSE_OUTCOME_UNKNOWN' });
    expect(events).toContainEqual(
      expect.objectContaining({
        kind: 'failure',
        attempt: 1,
        reason: expect.stringContaining('fetch failed') as unknown,
      }),
    );
    expect(events.filter((event) => event.kind === 'response').map((event) => event.status)).toEqual([400]);
  });

  it('hands the last Retry-After to the job when throttling outlasts every attempt', async () => {
    // Setup: three answers of 429, for a client that tries three times.
    const throttled = () =>
      json({ error: { code: '0x80072321', message: 'Combined execution time exceeded' } }, 429, {
        'retry-after': '40',
      });
    const dataverse = new DataverseClient({
      orgUrl: 'https://events.crm.dynamics.com',
      tokens: { getToken: () => Promise.resolve('token') },
      clock: fakeClock(),
      random: () => 0,
      maxAttempts: 3,
      fetch: scriptedFetch([throttled(), throttled(), throttled()]),
    });
    // Action
    const failure = await dataverse.request({ method: 'GET', path: 'contacts', idempotent: true }).then(
      () => undefined,
      (error: unknown) => error,
    );
    // Assertions
    expect(failure).toMatchObject({ code: 'DATAVERSE_THROTTLED', errorClass: 'transient' });
    expect((failure as { details: { retryAfterMs?: number } }).details.retryAfterMs).toBe(40_000);
  });
});
