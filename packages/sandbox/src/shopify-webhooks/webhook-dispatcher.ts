import { randomUUID } from 'node:crypto';
import { createPrng } from '../demo-data/prng';
import type { ShopChange, ShopHandle } from '../shopify/shop-handle';
import { NO_FAULTS, takeDrop, type DeliverySwitches } from './delivery-switches';
import { trimBody } from './include-fields';
import { buildRestBody } from './topic-bodies';
import { topicEnum, webhookHeaders } from './webhook-headers';

/**
 * Sends a simulated shop's webhooks the way Shopify does (SHOPIFY.md, "Webhooks"): one POST per subscription whose
 * topic matches, REST body, all Shopify headers, 5 s total timeout, only 2xx counts, retries with backoff resending
 * the original bytes. Deliveries are at-least-once and unordered in Shopify; the switches make that visible on purpose.
 */

/**
 * Shopify retries 8 times over 4 hours (SHOPIFY.md); it does not publish the intervals, so these grow roughly
 * geometrically and add up to 4 hours.
 */
export const SHOPIFY_RETRY_SCHEDULE_MS: readonly number[] = [
  10_000, 30_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_700_000,
];

/** Options of {@link createWebhookDispatcher}. */
export interface WebhookDispatcherOptions {
  shop: ShopHandle;
  /** The app's client secret: the HMAC key. */
  secret: string;
  fetch?: typeof fetch;
  /** Clock for attempt records. */
  now?: () => Date;
  /** Delays before each retry, in ms; its length is the number of retries. Tests pass milliseconds. */
  schedule?: readonly number[];
  /** Total time allowed for one attempt (connect, send, answer). Shopify: 5 s. */
  timeoutMs?: number;
  switches?: Partial<DeliverySwitches>;
  /** Seed of the PRNG behind `drop.probability` and `reorder`. */
  seed?: number;
}

/** One POST of a delivery. */
export interface DeliveryAttempt {
  at: Date;
  /** HTTP status, or null when no answer came (refused, timed out). */
  status: number | null;
  error: string | null;
}

/** One delivery series to one subscription: its first attempt and its retries share the webhook id and the bytes. */
export interface DeliveryRecord {
  webhookId: string;
  eventId: string;
  topic: string;
  gid: string;
  callbackUrl: string;
  body: string;
  /** A second copy made by the `duplicate` switch. */
  duplicate: boolean;
  outcome: 'pending' | 'delivered' | 'failed' | 'dropped';
  attempts: DeliveryAttempt[];
}

/** A running dispatcher. */
export interface WebhookDispatcher {
  readonly switches: DeliverySwitches;
  setSwitches(patch: Partial<DeliverySwitches>): void;
  /** Every delivery so far, in the order they were created. */
  deliveries(): readonly DeliveryRecord[];
  /** Changes whose body or subscriptions could not be read, with the reason. */
  errors(): readonly string[];
  /** Resolves once nothing is being built, sent, held or waiting for a retry. */
  idle(): Promise<void>;
  /** Sends the deliveries the `reorder` switch holds now (shuffled). */
  flush(): void;
  /**
   * Where compliance webhooks go (the app configuration's compliance URL); null: where the app's webhook
   * subscriptions go, as an app that serves every topic at one URL configures it.
   */
  readonly complianceUrl: string | null;
  setComplianceUrl(url: string | null): void;
  /**
   * Sends a compliance webhook (compliance-body.ts) to the compliance URL, signed and retried like any delivery.
   * Rejects when there is no compliance URL and no subscription to take it from.
   */
  sendCompliance(topic: string, content: { gid: string; body: string }): Promise<DeliveryRecord>;
  /** Stops listening and cancels every timer; pending deliveries stay pending. */
  close(): void;
}

const SUBSCRIPTIONS_QUERY = `#graphql
  query DispatcherSubscriptions {
    webhookSubscriptions(first: 250) {
      nodes { id topic includeFields endpoint { __typename ... on WebhookHttpEndpoint { callbackUrl } } }
    }
  }
`;

interface Subscription {
  topic: string;
  includeFields: string[];
  endpoint: { __typename: string; callbackUrl?: string };
}

/** Starts listening to the shop's changes. */
export function createWebhookDispatcher(options: WebhookDispatcherOptions): WebhookDispatcher {
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const schedule = options.schedule ?? SHOPIFY_RETRY_SCHEDULE_MS;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const prng = createPrng(options.seed ?? 1);
  let switches: DeliverySwitches = { ...NO_FAULTS, ...options.switches };
  const records: DeliveryRecord[] = [];
  // Headers are made once per delivery series: retries and duplicates send the very same ones.
  const headersOf = new WeakMap<DeliveryRecord, Record<string, string>>();
  const failures: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let held: DeliveryRecord[] = [];
  let holdTimer: NodeJS.Timeout | null = null;
  let busy = 0;
  const waiters: (() => void)[] = [];
  let closed = false;
  let complianceUrl: string | null = null;

  const begin = () => (busy += 1);
  const end = () => {
    // After close() reset the count, late finishers must not drive it negative.
    if (busy > 0) busy -= 1;
    if (busy === 0) for (const wake of waiters.splice(0)) wake();
  };
  const later = (ms: number, fn: () => void) => {
    begin();
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
      end();
    }, ms);
    timers.add(timer);
  };

  async function attempt(record: DeliveryRecord, headers: Record<string, string>, retry: number): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const at = now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      // Shopify follows no redirects: a 3xx is a failed attempt like any other non-2xx.
      const response = await fetchImpl(record.callbackUrl, {
        method: 'POST',
        headers,
        body: record.body,
        redirect: 'manual',
        signal: controller.signal,
      });
      await response.arrayBuffer();
      status = response.status;
    } catch (caught) {
      error = controller.signal.aborted ? `timed out after ${timeoutMs} ms` : String(caught);
    } finally {
      clearTimeout(timer);
    }
    record.attempts.push({ at, status, error });
    if (status !== null && status >= 200 && status < 300) {
      record.outcome = 'delivered';
      return;
    }
    const wait = schedule[retry];
    if (wait === undefined || closed) {
      record.outcome = 'failed';
      return;
    }
    // The retry resends the same bytes with the same headers (and so the same HMAC and webhook id).
    later(wait, () => send(record, headers, retry + 1));
  }

  function send(record: DeliveryRecord, headers: Record<string, string>, retry: number): void {
    if (closed) return;
    begin();
    // attempt() records its own failures; nothing is left to reject.
    void attempt(record, headers, retry).finally(end);
  }

  function release(): void {
    if (holdTimer) {
      clearTimeout(holdTimer);
      timers.delete(holdTimer);
      holdTimer = null;
      end();
    }
    const batch = prng.shuffle(held);
    held = [];
    for (const record of batch) start(record);
  }

  function start(record: DeliveryRecord): void {
    const headers = headersOf.get(record);
    if (!headers) return;
    if (switches.delayMs > 0) later(switches.delayMs, () => send(record, headers, 0));
    else send(record, headers, 0);
  }

  function enqueue(record: DeliveryRecord): void {
    const reorder = switches.reorder;
    if (!reorder) return start(record);
    held.push(record);
    if (held.length >= reorder.window) return release();
    if (!holdTimer) {
      begin();
      holdTimer = setTimeout(release, reorder.maxHoldMs ?? 1_000);
      timers.add(holdTimer);
    }
  }

  /** One delivery series of a change (or of a compliance request, whose topic no subscription names). */
  function deliver(
    change: { topic: string; gid: string; eventId: string; occurredAt: Date },
    callbackUrl: string,
    body: string,
    duplicate: boolean,
    id: string,
  ): DeliveryRecord {
    const record: DeliveryRecord = {
      webhookId: id,
      eventId: change.eventId,
      topic: change.topic,
      gid: change.gid,
      callbackUrl,
      body,
      duplicate,
      outcome: 'pending',
      attempts: [],
    };
    records.push(record);
    const values = { topic: change.topic, shopDomain: options.shop.domain, apiVersion: options.shop.apiVersion };
    const headerValues = { ...values, webhookId: id, eventId: change.eventId, triggeredAt: change.occurredAt };
    headersOf.set(record, webhookHeaders(headerValues, body, options.secret));
    const drop = takeDrop(switches, prng);
    switches = drop.switches;
    if (drop.dropped) {
      record.outcome = 'dropped';
      return record;
    }
    enqueue(record);
    return record;
  }

  async function handle(change: ShopChange): Promise<void> {
    // Both reads start at once, while the listener runs, so the body shows the object as the change left it.
    const subscriptions = options.shop.execute(SUBSCRIPTIONS_QUERY);
    const body = buildRestBody(options.shop, change);
    const listed = await subscriptions;
    if (listed.errors?.length) throw new Error(listed.errors.map((e) => e.message).join('; '));
    const data = listed.data as { webhookSubscriptions: { nodes: Subscription[] } } | null | undefined;
    const matching = (data?.webhookSubscriptions.nodes ?? []).filter(
      (s) => s.topic === topicEnum(change.topic) && s.endpoint.callbackUrl,
    );
    const text = await body;
    if (closed) return;
    for (const subscription of matching) {
      const url = subscription.endpoint.callbackUrl ?? '';
      const trimmed = trimBody(text, subscription.includeFields);
      const id = randomUUID();
      deliver(change, url, trimmed, false, id);
      if (switches.duplicate) deliver(change, url, trimmed, true, id);
    }
  }

  const unsubscribe = options.shop.onChange((change) => {
    if (closed) return;
    begin();
    handle(change)
      .catch((error: unknown) => {
        failures.push(`${change.topic} ${change.gid}: ${error instanceof Error ? error.message : String(error)}`);
      })
      .finally(end);
  });

  return {
    get switches() {
      return switches;
    },
    setSwitches(patch) {
      switches = { ...switches, ...patch };
      if (!switches.reorder && held.length > 0) release();
    },
    get complianceUrl() {
      return complianceUrl;
    },
    setComplianceUrl(url) {
      complianceUrl = url;
    },
    async sendCompliance(topic, content) {
      let url = complianceUrl;
      if (!url) {
        const listed = await options.shop.execute(SUBSCRIPTIONS_QUERY);
        const data = listed.data as { webhookSubscriptions: { nodes: Subscription[] } } | null | undefined;
        url = data?.webhookSubscriptions.nodes.find((s) => s.endpoint.callbackUrl)?.endpoint.callbackUrl ?? null;
      }
      if (!url) {
        throw new Error(
          `${options.shop.domain} has no compliance URL and no webhook subscription to take one from: ` +
            'set one with POST /_sim/privacy/config?shop=<domain> {"url": "..."}.',
        );
      }
      const change = { topic, gid: content.gid, eventId: randomUUID(), occurredAt: now() };
      const id = randomUUID();
      const record = deliver(change, url, content.body, false, id);
      if (switches.duplicate) deliver(change, url, content.body, true, id);
      return record;
    },
    deliveries: () => records,
    errors: () => failures,
    idle: () => (busy === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    flush: release,
    close() {
      closed = true;
      unsubscribe();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      holdTimer = null;
      busy = 0;
      for (const wake of waiters.splice(0)) wake();
    },
  };
}
