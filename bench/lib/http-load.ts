/**
 * A local load client: sends prepared POSTs with a fixed number in flight over keep-alive connections and times each
 * one from the moment it is handed to the socket pool until its answer has been read in full.
 */
import { Agent, request } from 'node:http';

export interface PreparedPost {
  headers: Record<string, string>;
  body: Buffer;
}

export interface LoadResult {
  /** One per request, in the order they were sent. */
  latenciesMs: number[];
  /** From the first send to the last answer. */
  seconds: number;
  /** Answers by HTTP status; a request that got none counts under 0. */
  statuses: Map<number, number>;
  /** The answers' bodies, in the order sent (a failed request's is its error message). */
  answers: string[];
}

function post(agent: Agent, url: URL, prepared: PreparedPost): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = request(
      url,
      { method: 'POST', agent, headers: { ...prepared.headers, 'content-length': String(prepared.body.length) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', (error) => resolve({ status: 0, body: error.message }));
      },
    );
    req.on('error', (error) => resolve({ status: 0, body: error.message }));
    req.end(prepared.body);
  });
}

/** Sends every request to `url`, `concurrency` at a time, and waits for all answers. */
export async function sendAll(
  url: string,
  requests: readonly PreparedPost[],
  concurrency: number,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const latenciesMs = new Array<number>(requests.length);
  const answers = new Array<string>(requests.length);
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < requests.length) {
      const index = next;
      next += 1;
      const sent = performance.now();
      const answer = await post(agent, target, requests[index] as PreparedPost);
      latenciesMs[index] = performance.now() - sent;
      answers[index] = answer.body;
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
    return { latenciesMs, seconds: (performance.now() - started) / 1000, statuses, answers };
  } finally {
    agent.destroy();
  }
}
