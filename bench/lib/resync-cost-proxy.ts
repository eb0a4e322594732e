import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the Shopify simulator charged for the requests that went through the proxy. */
export interface ShopifyCost {
  /** GraphQL requests answered. */
  requests: number;
  /** The sum of `extensions.cost.actualQueryCost`, the points the simulator took from the bucket. */
  actualPoints: number;
  /** Answers whose errors say THROTTLED (nothing was taken for them). */
  throttled: number;
}

/** Reads the cost the simulator reports in one GraphQL answer, as Shopify does in `extensions.cost`. */
export function answerCost(body: unknown): { points: number; throttled: boolean } {
  const answer = (body ?? {}) as {
    extensions?: { cost?: { actualQueryCost?: number | null } };
    errors?: unknown;
  };
  // Shopify's `errors` is a list of GraphQL errors, or a plain string on a 401.
  const errors = Array.isArray(answer.errors) ? (answer.errors as { extensions?: { code?: string } }[]) : [];
  const throttled = errors.some((error) => error?.extensions?.code === 'THROTTLED');
  return { points: answer.extensions?.cost?.actualQueryCost ?? 0, throttled };
}

export interface CostProxy {
  /** The proxy's origin: a store's `apiBaseUrl` with this origin sends its calls through the proxy. */
  origin: string;
  cost(): ShopifyCost;
  reset(): void;
  stop(): Promise<void>;
}

/**
 * A forwarding proxy in front of the Shopify simulator that adds up the cost of every GraphQL answer passing through
 * it. The simulator keeps its bucket per shop but reports no totals, so the bench reads the figure Shopify's own
 * answers carry; the worker and the naive strategy are counted the same way.
 */
export async function startCostProxy(target: string): Promise<CostProxy> {
  let cost: ShopifyCost = { requests: 0, actualPoints: 0, throttled: 0 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && name !== 'host' && name !== 'connection') headers.set(name, value);
      }
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      fetch(new URL(request.url ?? '/', target), {
        method: request.method ?? 'GET',
        headers,
        ...(body ? { body } : {}),
      })
        .then(async (answer) => {
          const text = Buffer.from(await answer.arrayBuffer());
          if ((request.url ?? '').endsWith('/graphql.json') && answer.headers.get('content-type')?.includes('json')) {
            const { points, throttled } = answerCost(JSON.parse(text.toString('utf8')));
            cost.requests += 1;
            cost.actualPoints += points;
            if (throttled) cost.throttled += 1;
          }
          const forwarded: Record<string, string> = {};
          answer.headers.forEach((value, name) => {
            // fetch already decoded the body; its length and encoding are ours to state.
            if (name !== 'content-encoding' && name !== 'content-length' && name !== 'transfer-encoding') {
              forwarded[name] = value;
            }
          });
          response.writeHead(answer.status, { ...forwarded, 'content-length': String(text.length) }).end(text);
        })
        .catch((error: unknown) => response.writeHead(502).end(String(error)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    cost: () => ({ ...cost }),
    reset() {
      cost = { requests: 0, actualPoints: 0, throttled: 0 };
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
