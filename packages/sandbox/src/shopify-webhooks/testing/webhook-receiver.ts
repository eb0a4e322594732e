import { timingSafeEqual } from 'node:crypto';
import { serve, type RunningServer } from '../../http/server';
import type { SimRequest } from '../../http/types';
import { webhookHmac } from '../webhook-headers';

/** One POST the receiver got, with whether its HMAC checked out against the raw body. */
export interface ReceivedWebhook {
  headers: Record<string, string>;
  body: string;
  hmacValid: boolean;
}

/** A local webhook endpoint over real HTTP that verifies Shopify's HMAC as a real app must (constant-time compare). */
export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Answers to give, in order (status, or 'hang' to never answer in time); afterwards 200. */
  script: (number | 'hang')[];
  close(): Promise<void>;
}

/** Starts a receiver on a free 127.0.0.1 port; `hangMs` is how long a 'hang' answer waits. */
export async function startWebhookReceiver(secret: string, hangMs = 2_000): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const script: (number | 'hang')[] = [];
  const handler = async (request: SimRequest) => {
    const expected = Buffer.from(webhookHmac(request.body, secret));
    const given = Buffer.from(request.headers['x-shopify-hmac-sha256'] ?? '');
    const hmacValid = expected.length === given.length && timingSafeEqual(expected, given);
    received.push({ headers: request.headers, body: request.body, hmacValid });
    const answer = script.shift() ?? 200;
    if (answer === 'hang') await new Promise((resolve) => setTimeout(resolve, hangMs));
    return { status: answer === 'hang' ? 200 : answer, headers: {}, body: '' };
  };
  const server: RunningServer = await serve(handler);
  return { url: `${server.url}/webhooks`, received, script, close: () => server.close() };
}
