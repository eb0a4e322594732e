/**
 * The Shopify simulator's control endpoint for the mandatory compliance webhooks, beside `/_sim/webhooks`: what a
 * merchant's "Request customer data" and "Erase personal data" (and an uninstall's `shop/redact`) make Shopify send.
 * No token, like every `/_sim/` endpoint: it exists for tests and demos on this machine.
 *
 * - `POST /_sim/privacy?shop=<domain>` with `{"topic": "customers/redact" | "customers/data_request" | "shop/redact",
 *   "customerId": "<legacy id>"}`: sends that webhook, its documented body built from the shop's data (the customer's
 *   orders as `orders_to_redact` / `orders_requested`), signed with the shop's webhook secret, to the compliance URL.
 *   `customers/redact` also erases the customer's personal data in the shop, as Shopify does (`"erase": false` keeps
 *   it). Answers 202 with the delivery's webhook id, event id, URL and body.
 * - `GET|POST /_sim/privacy/config?shop=<domain>`: the compliance URL; `{"url": null}` (the default) sends compliance
 *   webhooks where the app's webhook subscriptions go, which is how an app serving every topic at one URL is set up.
 */
import { z } from 'zod';
import { json, type SimRequest, type SimResponse } from '../http/types';
import {
  COMPLIANCE_TOPICS,
  type ComplianceTopic,
  complianceBody,
  eraseCustomer,
} from '../shopify-webhooks/compliance-body';
import type { ShopSimulator } from './shop-simulator';
import type { WebhookControls } from './webhook-control';

export const PRIVACY_CONTROL_PATH = '/_sim/privacy';
export const PRIVACY_CONFIG_PATH = '/_sim/privacy/config';

const privacyRequest = z
  .object({
    topic: z.enum(COMPLIANCE_TOPICS as [ComplianceTopic, ...ComplianceTopic[]]),
    customerId: z.string().regex(/^\d+$/, "the customer's legacy id, digits only").optional(),
    erase: z.boolean().default(true),
  })
  .strict();

const configPatch = z.object({ url: z.url().nullable() }).strict();

function bodyOf(request: SimRequest): { ok: true; value: unknown } | { ok: false; response: SimResponse } {
  try {
    return { ok: true, value: request.body === '' ? {} : JSON.parse(request.body) };
  } catch {
    return { ok: false, response: json(400, { error: 'The body is not JSON.' }) };
  }
}

/** Handles `/_sim/privacy` and `/_sim/privacy/config`. */
export async function handlePrivacyControl(
  request: SimRequest,
  shops: Map<string, ShopSimulator>,
  controls: WebhookControls,
): Promise<SimResponse> {
  const domain = request.query.get('shop')?.toLowerCase();
  if (!domain) return json(400, { error: `Name the shop: ${request.path}?shop=<domain>.` });
  const shop = shops.get(domain);
  const control = controls.get(domain);
  if (!shop || !control) return json(404, { error: `No webhook dispatcher for ${domain}.` });
  if (request.path === PRIVACY_CONFIG_PATH) {
    if (request.method === 'GET') return json(200, { url: control.complianceUrl });
    if (request.method !== 'POST') return json(405, { error: 'GET or POST only.' });
    const body = bodyOf(request);
    if (!body.ok) return body.response;
    const parsed = configPatch.safeParse(body.value);
    if (!parsed.success) return json(400, { error: z.prettifyError(parsed.error) });
    control.setComplianceUrl(parsed.data.url);
    return json(200, { url: control.complianceUrl });
  }
  if (request.method !== 'POST') return json(405, { error: 'POST only.' });
  const body = bodyOf(request);
  if (!body.ok) return body.response;
  const parsed = privacyRequest.safeParse(body.value);
  if (!parsed.success) return json(400, { error: z.prettifyError(parsed.error) });
  const { topic, customerId, erase } = parsed.data;
  if (topic !== 'shop/redact' && customerId === undefined) {
    return json(400, { error: `${topic} is about a customer: give "customerId", the customer's legacy id.` });
  }
  const content = complianceBody(
    shop.store,
    topic,
    customerId === undefined ? null : Number(customerId),
    shop.store.newId(),
  );
  if (!content) return json(404, { error: `${domain} has no customer ${customerId ?? ''}.` });
  let record;
  try {
    record = await control.sendCompliance(topic, content);
  } catch (error) {
    return json(409, { error: error instanceof Error ? error.message : String(error) });
  }
  // The body is built before the erasure: it names the person whose data is to go, as Shopify's does.
  if (topic === 'customers/redact' && erase && customerId !== undefined) eraseCustomer(shop.store, Number(customerId));
  return json(202, {
    topic,
    webhookId: record.webhookId,
    eventId: record.eventId,
    url: record.callbackUrl,
    body: JSON.parse(content.body) as unknown,
  });
}
