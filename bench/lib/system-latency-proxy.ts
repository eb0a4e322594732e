import { createServer, type IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A uniform network delay, as the Dataverse simulator's `latency: { kind: 'uniform' }` fault draws it. */
export interface UniformLatency {
  minMs: number;
  maxMs: number;
}

/** A delay drawn uniformly from `[minMs, maxMs]`; `random` is a draw from [0, 1), e.g. `Math.random()`. */
export function drawDelayMs(latency: UniformLatency, random: number): number {
  if (latency.maxMs < latency.minMs) throw new Error(`latency ${latency.minMs}-${latency.maxMs} ms: max below min`);
  return latency.minMs + random * (latency.maxMs - latency.minMs);
}

/** What passed through a proxy: requests, and for Shopify's GraphQL answers the cost points they report. */
export interface ProxyMeter {
  requests: number;
  /** Sum of `extensions.cost.actualQueryCost` of the JSON answers that carry one. */
  costPoints: number;
  /** Answers whose errors say THROTTLED (Shopify's cost limit). */
  throttled: number;
}

export interface LatencyProxy {
  /** e.g. `http://127.0.0.1:41234`: the target's paths are served under it unchanged. */
  url: string;
  meter: ProxyMeter;
  close(): Promise<void>;
}

/** Large answers (bulk result files) are passed on without being read for a cost they do not carry. */
const METERED_BYTES = 1_000_000;

/** Adds one answer's cost and throttling to the meter; a body that is not a GraphQL answer adds nothing. Pure. */
export function meterAnswer(meter: ProxyMeter, body: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return;
  }
  if (parsed === null || typeof parsed !== 'object') return;
  const answer = parsed as {
    extensions?: { cost?: { actualQueryCost?: unknown } };
    errors?: { extensions?: { code?: unknown } }[];
  };
  const cost = answer.extensions?.cost?.actualQueryCost;
  if (typeof cost === 'number') meter.costPoints += cost;
  if (Array.isArray(answer.errors) && answer.errors.some((error) => error.extensions?.code === 'THROTTLED')) {
    meter.throttled += 1;
  }
}

/** Passes an answer back, reading a JSON one (Shopify's GraphQL answers) for the meter on the way. */
function relay(response: IncomingMessage, answer: ServerResponse, meter: ProxyMeter): void {
  answer.writeHead(response.statusCode ?? 502, response.headers);
  const json = /json/.test(response.headers['content-type'] ?? '');
  const body: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (json && size <= METERED_BYTES) body.push(chunk);
  });
  response.once('end', () => {
    if (json && size <= METERED_BYTES) meterAnswer(meter, Buffer.concat(body).toString('utf8'));
  });
  response.pipe(answer);
}

function forward(
  target: URL,
  latency: UniformLatency,
  meter: ProxyMeter,
  incoming: IncomingMessage,
  answer: ServerResponse,
): void {
  meter.requests += 1;
  const chunks: Buffer[] = [];
  incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
  incoming.once('end', () => {
    setTimeout(
      () => {
        const outgoing = httpRequest(
          new URL(incoming.url ?? '/', target),
          { method: incoming.method, headers: { ...incoming.headers, host: target.host } },
          (response) => relay(response, answer, meter),
        );
        outgoing.once('error', (error) => {
          if (!answer.headersSent) answer.writeHead(502, { 'content-type': 'text/plain' });
          answer.end(`latency proxy: ${error.message}`);
        });
        outgoing.end(Buffer.concat(chunks));
      },
      drawDelayMs(latency, Math.random()),
    );
  });
}

/**
 * A node:http reverse proxy that holds each request for a uniform random delay before passing it on, standing for
 * the network between two services that the simulator itself does not delay (the Shopify simulator has no latency
 * setting; the Dataverse one has, and gets it from its own fault injection instead).
 */
export function startLatencyProxy(target: string, latency: UniformLatency): Promise<LatencyProxy> {
  const base = new URL(target);
  const meter: ProxyMeter = { requests: 0, costPoints: 0, throttled: 0 };
  const server = createServer((incoming, answer) => forward(base, latency, meter, incoming, answer));
  // The simulators and our intake keep connections alive; so does the proxy, for the same pooling.
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        meter,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
