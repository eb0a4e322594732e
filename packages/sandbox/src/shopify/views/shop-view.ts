/** The Shop, BulkOperation and WebhookSubscription views. */
import type { BulkOperationRecord, WebhookSubscriptionRecord } from '../records';
import { gid, PLAN_LIMITS, type ShopStore } from '../store';
import { iso } from './common';

/** UTC offset of `timeZone` at `at`, as Shopify writes it ("-0400") and in minutes. */
function offsetOf(timeZone: string, at: Date): { text: string; minutes: number; abbreviation: string } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  const minutes = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  const text = match ? `${match[1]}${match[2]}${match[3]}` : '+0000';
  const abbreviation =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
  return { text, minutes, abbreviation };
}

export function shopView(store: ShopStore): unknown {
  const config = store.config;
  const offset = offsetOf(config.ianaTimezone, store.now());
  const email = `owner@${config.domain}`;
  return {
    __typename: 'Shop',
    id: gid('Shop', store.shopId),
    name: config.name,
    email,
    contactEmail: email,
    myshopifyDomain: config.domain,
    url: `https://${config.domain}`,
    currencyCode: config.currencyCode,
    enabledPresentmentCurrencies: [config.currencyCode],
    taxesIncluded: config.taxesIncluded,
    taxShipping: false,
    ianaTimezone: config.ianaTimezone,
    timezoneOffset: offset.text,
    timezoneOffsetMinutes: offset.minutes,
    timezoneAbbreviation: offset.abbreviation,
    orderNumberFormatPrefix: config.orderNamePrefix ?? '#',
    orderNumberFormatSuffix: '',
    createdAt: iso(store.createdAt),
    updatedAt: iso(store.createdAt),
    description: null,
    setupRequired: false,
    checkoutApiSupported: true,
    transactionalSmsDisabled: false,
    marketingSmsConsentEnabledAtCheckout: false,
    shopOwnerName: 'Sandbox Owner',
    unitSystem: 'METRIC_SYSTEM',
    weightUnit: 'KILOGRAMS',
    plan: {
      __typename: 'ShopPlan',
      displayName: PLAN_LIMITS[config.plan].displayName,
      partnerDevelopment: false,
      shopifyPlus: config.plan === 'plus' || config.plan === 'enterprise',
    },
  };
}

export function bulkOperationView(op: BulkOperationRecord): unknown {
  return {
    __typename: 'BulkOperation',
    id: gid('BulkOperation', op.id),
    status: op.status,
    errorCode: op.errorCode,
    createdAt: iso(op.createdAt),
    completedAt: iso(op.completedAt),
    // UnsignedInt64 values are strings (real-store-responses/graphql-currentBulkOperation-completed_ms-bc-connector.json).
    objectCount: String(op.objectCount),
    rootObjectCount: String(op.rootObjectCount),
    fileSize: op.fileSize === null ? null : String(op.fileSize),
    url: op.url,
    partialDataUrl: null,
    query: op.query,
    type: 'QUERY',
  };
}

export function webhookSubscriptionView(w: WebhookSubscriptionRecord, apiVersion: string): unknown {
  return {
    __typename: 'WebhookSubscription',
    id: gid('WebhookSubscription', w.id),
    legacyResourceId: String(w.id),
    topic: w.topic,
    format: w.format,
    callbackUrl: w.callbackUrl,
    endpoint: { __typename: 'WebhookHttpEndpoint', callbackUrl: w.callbackUrl },
    includeFields: [...w.includeFields],
    metafieldNamespaces: [...w.metafieldNamespaces],
    filter: w.filter,
    createdAt: iso(w.createdAt),
    updatedAt: iso(w.updatedAt),
    apiVersion: { __typename: 'ApiVersion', handle: apiVersion, displayName: apiVersion, supported: true },
  };
}
