/**
 * The Shopify simulator's control endpoint for webhook delivery faults, like the Dataverse simulator's `/_sim/`
 * (dataverse-gateway/control.ts): no token, since it exists for tests and demos on this machine, and a path no real
 * Shopify URL uses.
 *
 * - `GET /_sim/webhooks?shop=<domain>`: that shop's DeliverySwitches; without `shop`, every shop's, by domain.
 * - `POST /_sim/webhooks?shop=<domain>`: changes them (a partial DeliverySwitches) and answers with the result;
 *   `{"drop":{"probability":1}}` switches delivery off, `{"drop":null}` on again.
 */
import { z } from 'zod';
import { json, type SimRequest, type SimResponse } from '../http/types';
import type { DeliverySwitches } from '../shopify-webhooks/delivery-switches';

export const WEBHOOK_CONTROL_PATH = '/_sim/webhooks';

/** What the endpoint needs of a shop's webhook dispatcher. */
export interface WebhookControl {
  readonly switches: DeliverySwitches;
  setSwitches(patch: Partial<DeliverySwitches>): void;
  /** The compliance URL, for `/_sim/privacy` (privacy-control.ts). */
  readonly complianceUrl: string | null;
  setComplianceUrl(url: string | null): void;
  sendCompliance(
    topic: string,
    content: { gid: string; body: string },
  ): Promise<{
    webhookId: string;
    eventId: string;
    callbackUrl: string;
  }>;
}

/** The dispatchers by shop domain; whoever starts them (the sandbox) registers them here. */
export type WebhookControls = Map<string, WebhookControl>;

const switchesPatch = z
  .object({
    duplicate: z.boolean().optional(),
    reorder: z
      .object({ window: z.number().int().min(1), maxHoldMs: z.number().int().min(0).optional() })
      .strict()
      .nullable()
      .optional(),
    delayMs: z.number().int().min(0).optional(),
    drop: z
      .union([
        z.object({ probability: z.number().min(0).max(1) }).strict(),
        z.object({ next: z.number().int().min(0) }).strict(),
      ])
      .nullable()
      .optional(),
  })
  .strict();

/** Drops keys given as undefined, so that a patch never writes `undefined` over a switch. */
function definedOnly(patch: z.infer<typeof switchesPatch>): Partial<DeliverySwitches> {
  const out: Partial<DeliverySwitches> = {};
  if (patch.duplicate !== undefined) out.duplicate = patch.duplicate;
  if (patch.reorder !== undefined)
    out.reorder =
      patch.reorder === null
        ? null
        : {
            window: patch.reorder.window,
            ...(patch.reorder.maxHoldMs === undefined ? {} : { maxHoldMs: patch.reorder.maxHoldMs }),
          };
  if (patch.delayMs !== undefined) out.delayMs = patch.delayMs;
  if (patch.drop !== undefined) out.drop = patch.drop;
  return out;
}

/** Handles `/_sim/webhooks`. */
export function handleWebhookControl(request: SimRequest, controls: WebhookControls): SimResponse {
  const shop = request.query.get('shop');
  if (request.method === 'GET' && !shop) {
    return json(200, Object.fromEntries([...controls].map(([domain, control]) => [domain, control.switches])));
  }
  if (request.method !== 'GET' && request.method !== 'POST') return json(405, { error: 'GET or POST only.' });
  if (!shop) return json(400, { error: 'Name the shop: /_sim/webhooks?shop=<domain>.' });
  const control = controls.get(shop.toLowerCase());
  if (!control) return json(404, { error: `No webhook dispatcher for ${shop}.` });
  if (request.method === 'GET') return json(200, control.switches);
  let raw: unknown;
  try {
    raw = request.body === '' ? {} : JSON.parse(request.body);
  } catch {
    return json(400, { error: 'The body is not JSON.' });
  }
  const parsed = switchesPatch.safeParse(raw);
  if (!parsed.success) return json(400, { error: z.prettifyError(parsed.error) });
  control.setSwitches(definedOnly(parsed.data));
  return json(200, control.switches);
}
