import { DataverseApiError } from '@shopverse/dataverse';
import { ShopifyApiError } from '@shopverse/shopify';
import { OrderTotalsError, SettingsError } from '@shopverse/sync-core';
import { describe, expect, it } from 'vitest';
import { classify, redact, SyncError } from './sync-error';

describe('classify', () => {
  it('keeps a Dataverse failure transient, with the request, status and platform code for the log', () => {
    // Setup
    const error = new DataverseApiError(
      'DATAVERSE_UNAVAILABLE',
      'transient',
      "Dataverse PATCH salesorders(sv_shopifyid='us_1'): HTTP 503: Service unavailable",
      { status: 503, dataverseCode: '0x80044183', attempts: 8 },
    );

    // Action
    const failure = classify(error);

    // Assertions
    expect(failure.code).toBe('dataverse.unavailable');
    expect(failure.errorClass).toBe('transient');
    expect(failure.detail).toEqual({
      service: 'dataverse',
      request: { method: 'PATCH', path: "salesorders(sv_shopifyid='us_1')" },
      status: 503,
      serviceCode: '0x80044183',
      clientAttempts: 8,
    });
    expect(failure.retryAfterMs).toBeUndefined();
  });

  it('reads the status from the message when the client gave up on a 5xx without putting it in its details', () => {
    // Setup
    const error = new DataverseApiError(
      'DATAVERSE_UNAVAILABLE',
      'transient',
      "Dataverse GET contacts?$filter=emailaddress1 eq 'a@b.test': HTTP 503: Service unavailable",
      { attempts: 8 },
    );

    // Action
    const failure = classify(error);

    // Assertions
    expect(failure.detail).toMatchObject({ status: 503, request: { method: 'GET' }, clientAttempts: 8 });
  });

  it('makes a Dataverse validation error permanent', () => {
    // Setup
    const error = new DataverseApiError(
      'DATAVERSE_REJECTED',
      'permanent',
      'Dataverse POST contacts: A validation error occurred. The length of the firstname attribute exceeded 50.',
      { status: 400, dataverseCode: '0x80044331' },
    );

    // Action
    const failure = classify(error);

    // Assertions
    expect(failure).toMatchObject({ code: 'dataverse.rejected', errorClass: 'permanent' });
    expect(failure.detail).toMatchObject({ status: 400, serviceCode: '0x80044331', request: { method: 'POST' } });
  });

  it('reads a Retry-After the client passes in its details, in milliseconds or seconds', () => {
    // Setup
    const throttled = new ShopifyApiError('SHOPIFY_THROTTLED', 'transient', 'still throttled', {
      shop: 'demo.myshopify.com',
      status: 429,
      retryAfterSeconds: 12,
    });
    const dataverse = new DataverseApiError('DATAVERSE_THROTTLED', 'transient', 'Dataverse GET contacts: throttled', {
      status: 429,
      retryAfterMs: 4500,
    });

    // Action
    const shopify = classify(throttled);
    const org = classify(dataverse);

    // Assertions
    expect(shopify).toMatchObject({ code: 'shopify.throttled', errorClass: 'transient', retryAfterMs: 12_000 });
    expect(shopify.detail).toMatchObject({ service: 'shopify', status: 429, serviceCode: 'SHOPIFY_THROTTLED' });
    expect(org.retryAfterMs).toBe(4500);
  });

  it('makes settings and totals errors permanent under their own codes', () => {
    // Action
    const settings = classify(new SettingsError('Store Demo: settings.orders.currency must be shop or presentment'));
    const totals = classify(new OrderTotalsError('Order #1001: lines add up to 10.00, Shopify says 11.00'));

    // Assertions
    expect(settings).toMatchObject({ code: 'settings.invalid', errorClass: 'permanent' });
    expect(totals).toMatchObject({ code: 'order.totals_mismatch', errorClass: 'permanent' });
  });

  it('passes a SyncError through, and takes anything else for a transient internal error', () => {
    // Setup
    const dependency = new SyncError('customer.not_synced', 'dependency', 'The customer is being synced first.');

    // Action
    const same = classify(dependency);
    const unknown = classify(new TypeError('Cannot read properties of undefined'));
    const thrownString = classify('boom');

    // Assertions
    expect(same).toBe(dependency);
    expect(unknown).toMatchObject({ code: 'internal', errorClass: 'transient' });
    expect(thrownString.message).toBe('boom');
  });

  it('never lets a credential from an error message into the log', () => {
    // Setup
    const error = new Error(
      'fetch https://x.test/?access_token=abc123&x=1 failed; Authorization: Bearer eyJ0eXAi.abc.def; token shpat_0123abcd',
    );

    // Action
    const failure = classify(error);

    // Assertions
    expect(failure.message).not.toMatch(/abc123|eyJ0eXAi|shpat_0123abcd/);
    expect(failure.message).toContain('access_token=***');
    expect(failure.message).toContain('Bearer ***');
    expect(redact('nothing secret here')).toBe('nothing secret here');
  });
});
