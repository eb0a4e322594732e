import { parseSecretKey, SecretBox } from '@shopverse/db';
import type { NextRequest } from 'next/server';
import { getEnv } from '../../../../env';
import { getDb } from '../../../../server/db';
import { receiveShopifyWebhook } from '../../../../server/webhooks/intake';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

let box: SecretBox | undefined;

/** Shopify's webhook endpoint: verified, stored with its job, acknowledged (see intake.ts). */
export async function POST(request: NextRequest): Promise<Response> {
  box ??= new SecretBox(parseSecretKey(getEnv().SHOPVERSE_SECRET_KEY));
  const answer = await receiveShopifyWebhook({
    client: getDb(),
    box,
    headers: request.headers,
    // The raw bytes: the HMAC is over them, and re-serialised JSON would not verify.
    rawBody: Buffer.from(await request.arrayBuffer()),
    now: new Date(),
  });
  return Response.json(
    { outcome: answer.outcome, ...(answer.reason ? { reason: answer.reason } : {}) },
    { status: answer.status },
  );
}
