import { describe, expect, it } from 'vitest';
import type { ConnectOrgFields, ConnectStoreFields, ProvisioningResult } from './stores-query';
import {
  ApiRefusal,
  connectOrgProblems,
  connectStoreProblems,
  defaultCallbackUrl,
  describeConnectionSwitch,
  describeConnectionTest,
  describeRegistration,
  disconnectQuestion,
  refusalFromBody,
  storeKeyProblem,
  summariseProvisioning,
  summariseWebhooks,
} from './stores-view';

const STORE: ConnectStoreFields = {
  key: 'us',
  shopDomain: 'demo-us.myshopify.com',
  name: 'Demo US',
  accessToken: 'shpat_1',
  webhookSecret: 'secret',
  apiVersion: '',
  apiBaseUrl: '',
};

const ORG: ConnectOrgFields = {
  name: 'Contoso',
  url: 'https://contoso.crm4.dynamics.com',
  tenantId: 't',
  clientId: 'c',
  clientSecret: 's',
  authorityUrl: '',
};

const CALLBACK = 'https://console.example.com/api/webhooks/shopify';

describe('storeKeyProblem', () => {
  it('takes lowercase letters and digits, as upsertStore does', () => {
    expect(storeKeyProblem('us')).toBeUndefined();
    expect(storeKeyProblem('eu2')).toBeUndefined();
  });

  it('refuses what would break a CRM alternate key URL, and says why', () => {
    for (const key of ['US', 'eu-2', 'a/b', 'us ', 'a+b', 'ü']) {
      expect(storeKeyProblem(key), key).toMatch(/only lowercase letters and digits/);
    }
    expect(storeKeyProblem('')).toMatch(/Give the store a key/);
  });
});

describe('connectStoreProblems', () => {
  it('passes a complete store, optional fields empty', () => {
    expect(connectStoreProblems(STORE)).toEqual({});
  });

  it('names every field that would be refused', () => {
    // Action
    const problems = connectStoreProblems({
      ...STORE,
      key: 'U S',
      shopDomain: 'demo-us.com',
      name: ' ',
      accessToken: '',
      webhookSecret: '',
      apiBaseUrl: 'ftp://sim',
    });
    // Assertions
    expect(Object.keys(problems).sort()).toEqual(
      ['accessToken', 'apiBaseUrl', 'key', 'name', 'shopDomain', 'webhookSecret'].sort(),
    );
    expect(problems.shopDomain).toContain('not "demo-us.com"');
  });

  it('reads the shop domain as the server does: trimmed and lowercased', () => {
    expect(connectStoreProblems({ ...STORE, shopDomain: ' Demo-US.myshopify.com ' })).toEqual({});
  });

  it('takes the sandbox base URL', () => {
    expect(connectStoreProblems({ ...STORE, apiBaseUrl: 'http://127.0.0.1:4001' })).toEqual({});
  });
});

describe('connectOrgProblems', () => {
  it('passes a complete org, with or without a trailing slash', () => {
    expect(connectOrgProblems(ORG)).toEqual({});
    expect(connectOrgProblems({ ...ORG, url: 'http://127.0.0.1:4002/' })).toEqual({});
  });

  it('refuses a URL with a path and empty ids', () => {
    // Action
    const problems = connectOrgProblems({
      ...ORG,
      url: 'https://contoso.crm4.dynamics.com/api/data/v9.2',
      tenantId: '',
      clientSecret: '',
      authorityUrl: 'not a url',
    });
    // Assertions
    expect(Object.keys(problems).sort()).toEqual(['authorityUrl', 'clientSecret', 'tenantId', 'url']);
  });
});

describe('refusalFromBody', () => {
  it('keeps the code and argument of the first error, and every message', () => {
    // Setup
    const body = {
      errors: [
        { message: 'shopDomain must be…', extensions: { code: 'BAD_USER_INPUT', argument: 'shopDomain' } },
        { message: 'and another' },
      ],
    };
    // Action
    const refusal = refusalFromBody(body, 'fallback');
    // Assertions
    expect(refusal).toBeInstanceOf(ApiRefusal);
    expect(refusal.message).toBe('shopDomain must be…; and another');
    expect(refusal.code).toBe('BAD_USER_INPUT');
    expect(refusal.field).toBe('shopDomain');
  });

  it('falls back to the HTTP status when the body has no errors', () => {
    const refusal = refusalFromBody(undefined, 'the server answered 502 Bad Gateway');
    expect(refusal.message).toBe('the server answered 502 Bad Gateway');
    expect(refusal.field).toBeUndefined();
  });
});

describe('defaultCallbackUrl', () => {
  it("is the console's webhook route under its origin", () => {
    expect(defaultCallbackUrl('http://127.0.0.1:3100')).toBe('http://127.0.0.1:3100/api/webhooks/shopify');
    expect(defaultCallbackUrl('https://console.example.com/')).toBe(CALLBACK);
  });
});

describe('summariseWebhooks', () => {
  const state = { checked: true, subscribed: ['ORDERS_CREATE'], missing: [], callbackUrls: [CALLBACK], error: null };

  it('is ok when nothing is missing and every subscription points here', () => {
    expect(summariseWebhooks(state, CALLBACK)).toEqual({
      status: 'ok',
      label: 'all subscribed',
      detail: '1 topic subscribed.',
    });
  });

  it('names the missing topics', () => {
    // Action
    const summary = summariseWebhooks({ ...state, missing: ['REFUNDS_CREATE', 'ORDERS_PAID'] }, CALLBACK);
    // Assertions
    expect(summary.status).toBe('degraded');
    expect(summary.label).toBe('2 missing');
    expect(summary.detail).toBe('Missing: REFUNDS_CREATE, ORDERS_PAID; 1 topic subscribed.');
  });

  it('is down when nothing is subscribed, or the shop could not be asked', () => {
    expect(summariseWebhooks({ ...state, subscribed: [], missing: ['ORDERS_CREATE'] }, CALLBACK).status).toBe('down');
    const unasked = summariseWebhooks({ ...state, checked: false, error: 'Shopify refused the token' }, CALLBACK);
    expect(unasked).toMatchObject({ status: 'down', label: 'unknown' });
    expect(unasked.detail).toContain('Shopify refused the token');
  });

  it('warns when subscriptions point at another URL', () => {
    const summary = summariseWebhooks({ ...state, callbackUrls: ['http://old.example.com/hook'] }, CALLBACK);
    expect(summary.status).toBe('degraded');
    expect(summary.detail).toContain('http://old.example.com/hook');
  });
});

describe('describeRegistration', () => {
  it('counts the topics and says what happened to each', () => {
    expect(
      describeRegistration({ created: ['ORDERS_PAID'], kept: ['ORDERS_CREATE', 'ORDERS_UPDATED'], replaced: [] }),
    ).toBe('3 topics registered: created ORDERS_PAID; already there ORDERS_CREATE, ORDERS_UPDATED.');
  });
});

describe('describeConnectionTest', () => {
  it("reads a shop's name, currency and plan", () => {
    const result = { ok: true, reason: null, details: { name: 'Demo US', currencyCode: 'USD', plan: 'Basic' } };
    expect(describeConnectionTest(result)).toBe('Connected: Demo US, currency USD, plan Basic.');
  });

  it("reads an org's user id, or none", () => {
    expect(describeConnectionTest({ ok: true, reason: null, details: { url: 'x', userId: 'u-1' } })).toBe(
      'Connected as user u-1.',
    );
    expect(describeConnectionTest({ ok: true, reason: null, details: { url: 'x', userId: null } })).toBe('Connected.');
  });

  it('gives the reason of a failure', () => {
    expect(describeConnectionTest({ ok: false, reason: 'Shopify refused the token', details: null })).toBe(
      'Shopify refused the token',
    );
  });
});

describe('summariseProvisioning', () => {
  const present = ['contact.sv_shopifyid', 'contact key sv_shopifyid_key (Active)', 'account.sv_shopifyid'];

  it('says nothing is to be created when everything is present, grouped by table', () => {
    // Action
    const summary = summariseProvisioning({ dryRun: true, steps: [], present });
    // Assertions
    expect(summary.headline).toBe('Nothing to create: 3 columns and keys present.');
    expect(summary.rows).toEqual([]);
    expect(summary.present).toEqual([
      { table: 'contact', items: ['sv_shopifyid', 'key sv_shopifyid_key (Active)'] },
      { table: 'account', items: ['sv_shopifyid'] },
    ]);
  });

  it('lists the steps of a preview and of a run', () => {
    // Setup
    const steps: ProvisioningResult['steps'] = [
      { kind: 'CREATE_COLUMN', table: 'salesorder', name: 'sv_shopifyid', columns: [] },
      { kind: 'CREATE_KEY', table: 'salesorder', name: 'sv_shopifyid_key', columns: ['sv_shopifyid'] },
      { kind: 'WAIT_FOR_KEY', table: 'salesorder', name: 'sv_shopifyid_key', columns: [] },
    ];
    // Action
    const preview = summariseProvisioning({ dryRun: true, steps, present: present.slice(0, 1) });
    const run = summariseProvisioning({ dryRun: false, steps, present: [] });
    // Assertions
    expect(preview.headline).toBe('Would create 1 column and 1 key; 1 column or key present.');
    expect(preview.rows.map((row) => row.what)).toEqual(['column', 'key', 'key index']);
    expect(run.headline).toBe('Created 1 column and 1 key; 0 columns and keys present before.');
  });
});

describe('disconnectQuestion', () => {
  it('says what stops and that rows, links and cursors are kept', () => {
    // Action
    const question = disconnectQuestion('Demo US');

    // Assertions
    expect(question.stops).toMatch(/^Disconnect Demo US\? Its sync stops/);
    expect(question.stops).toContain('not processed');
    expect(question.keeps).toContain('CRM rows, links and poll cursors are kept');
  });
});

describe('describeConnectionSwitch', () => {
  it('tells a disconnection from a reconnection', () => {
    // Action
    const off = describeConnectionSwitch('Demo US', 'DISCONNECTED');
    const on = describeConnectionSwitch('Demo US', 'ACTIVE');

    // Assertions
    expect(off).toBe('Demo US is disconnected: nothing is synced until it is reconnected.');
    expect(on).toBe('Demo US is reconnected: its poll runs now and brings what changed meanwhile.');
  });
});
