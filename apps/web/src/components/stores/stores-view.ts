import type {
  ConnectOrgFields,
  ConnectStoreFields,
  ConnectionTestResult,
  ProvisioningResult,
  WebhookRegistrationResult,
  WebhookStateRow,
} from './stores-query';

/**
 * The server's rule for a store key (`upsertStore` in @shopverse/db): the key becomes part of every CRM alternate key,
 * where `/ < > * % & : \ ? +` break the key URL. Checked here too, so a person learns it before sending.
 */
const STORE_KEY = /^[a-z0-9]+$/;

/** The server's rule for a shop domain (connectStore), after trimming and lowercasing as it does. */
const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

/** The server's rule for an org URL (connectOrg): scheme and host, no path. */
const ORG_URL = /^https?:\/\/[^/]+\/?$/;

/** A reason per field that does not validate; empty when the form may be sent. */
export type FieldProblems<F> = Partial<Record<keyof F, string>>;

/** Why `key` cannot be a store key, or undefined when it can. */
export function storeKeyProblem(key: string): string | undefined {
  if (key === '') return 'Give the store a key, e.g. us or eu2.';
  if (!STORE_KEY.test(key)) {
    return `"${key}" may hold only lowercase letters and digits (e.g. us, eu2): it becomes part of every CRM alternate key.`;
  }
  return undefined;
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}

function required<F>(fields: F, names: readonly (keyof F & string)[], labels: Record<string, string>) {
  const problems: FieldProblems<F> = {};
  for (const name of names) {
    if (String(fields[name]).trim() === '') problems[name] = `${labels[name] ?? name} must not be empty.`;
  }
  return problems;
}

/** The connect-a-store form checked with the server's own rules, before it is sent. */
export function connectStoreProblems(fields: ConnectStoreFields): FieldProblems<ConnectStoreFields> {
  const problems = required(fields, ['name', 'accessToken', 'webhookSecret'], {
    name: 'The name',
    accessToken: 'The access token',
    webhookSecret: 'The webhook secret',
  });
  const keyProblem = storeKeyProblem(fields.key);
  if (keyProblem) problems.key = keyProblem;
  const domain = fields.shopDomain.trim().toLowerCase();
  if (!SHOP_DOMAIN.test(domain)) {
    problems.shopDomain = `Use the shop's permanent domain, e.g. my-shop.myshopify.com${
      domain ? `, not "${fields.shopDomain.trim()}"` : ''
    }.`;
  }
  if (fields.apiBaseUrl.trim() !== '' && !isHttpUrl(fields.apiBaseUrl.trim())) {
    problems.apiBaseUrl = 'Leave it empty for a real shop, or give an http(s) URL such as http://127.0.0.1:4001.';
  }
  return problems;
}

/** The connect-an-org form checked with the server's own rules, before it is sent. */
export function connectOrgProblems(fields: ConnectOrgFields): FieldProblems<ConnectOrgFields> {
  const problems = required(fields, ['name', 'tenantId', 'clientId', 'clientSecret'], {
    name: 'The name',
    tenantId: 'The tenant id',
    clientId: 'The client id',
    clientSecret: 'The client secret',
  });
  const url = fields.url.trim().replace(/\/$/, '');
  if (!ORG_URL.test(`${url}/`)) {
    problems.url = `Use the environment's URL, e.g. https://contoso.crm4.dynamics.com${url ? `, not "${url}"` : ''}.`;
  }
  if (fields.authorityUrl.trim() !== '' && !isHttpUrl(fields.authorityUrl.trim())) {
    problems.authorityUrl = 'Leave it empty outside sovereign clouds, or give an https URL.';
  }
  return problems;
}

/** A refusal by the API: its message, and the argument (form field) and code it names when it names one. */
export class ApiRefusal extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly field: string | undefined,
  ) {
    super(message);
    this.name = 'ApiRefusal';
  }
}

/** The refusal a GraphQL answer body carries: every error's message, and the first error's code and argument. */
export function refusalFromBody(body: unknown, fallback: string): ApiRefusal {
  const errors = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return new ApiRefusal(fallback, undefined, undefined);
  const list = errors as { message?: unknown; extensions?: { code?: unknown; argument?: unknown } }[];
  const message = list.map((error) => (typeof error.message === 'string' ? error.message : 'unknown error')).join('; ');
  const first = list[0]?.extensions;
  return new ApiRefusal(
    message,
    typeof first?.code === 'string' ? first.code : undefined,
    typeof first?.argument === 'string' ? first.argument : undefined,
  );
}

/** The console's own webhook endpoint, which a shop's subscriptions should point at. */
export function defaultCallbackUrl(origin: string): string {
  return `${origin.replace(/\/+$/, '')}/api/webhooks/shopify`;
}

/** How a store's webhooks read in the list: a status for the badge and a sentence. */
export interface WebhookSummary {
  status: 'ok' | 'degraded' | 'down';
  label: string;
  detail: string;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const topicList = (topics: readonly string[]) => topics.join(', ');

/** Subscribed, missing topics, or why the shop could not be asked; notes subscriptions that point elsewhere. */
export function summariseWebhooks(state: WebhookStateRow, expectedCallback: string): WebhookSummary {
  if (!state.checked) {
    return { status: 'down', label: 'unknown', detail: `The shop could not be asked: ${state.error ?? 'no reason'}` };
  }
  const elsewhere = state.callbackUrls.filter((url) => url !== expectedCallback);
  const pointing =
    elsewhere.length > 0 ? ` Some point at ${elsewhere.join(', ')}, not ${expectedCallback}: register them again.` : '';
  if (state.missing.length === 0) {
    return {
      status: elsewhere.length > 0 ? 'degraded' : 'ok',
      label: elsewhere.length > 0 ? 'elsewhere' : 'all subscribed',
      detail: `${plural(state.subscribed.length, 'topic', 'topics')} subscribed.${pointing}`,
    };
  }
  return {
    status: state.subscribed.length === 0 ? 'down' : 'degraded',
    label: `${state.missing.length} missing`,
    detail: `Missing: ${topicList(state.missing)}; ${plural(state.subscribed.length, 'topic', 'topics')} subscribed.${pointing}`,
  };
}

/** What registering webhooks did, in one sentence. */
export function describeRegistration(result: WebhookRegistrationResult): string {
  const parts = [
    result.created.length > 0 ? `created ${topicList(result.created)}` : '',
    result.replaced.length > 0 ? `moved to this URL ${topicList(result.replaced)}` : '',
    result.kept.length > 0 ? `already there ${topicList(result.kept)}` : '',
  ].filter(Boolean);
  const count = result.created.length + result.replaced.length + result.kept.length;
  return `${count} topics registered: ${parts.join('; ')}.`;
}

/** A connection test in one sentence: ok with what the other side said about itself, or the reason. */
export function describeConnectionTest(result: ConnectionTestResult): string {
  if (!result.ok) return result.reason ?? 'The connection failed, without a reason.';
  const details = result.details ?? {};
  const text = (name: string) => {
    const value = details[name];
    return typeof value === 'string' ? value : undefined;
  };
  const shop = [
    text('name'),
    text('currencyCode') && `currency ${text('currencyCode')}`,
    text('plan') && `plan ${text('plan')}`,
  ];
  if (shop.some(Boolean)) return `Connected: ${shop.filter(Boolean).join(', ')}.`;
  const userId = text('userId');
  return userId ? `Connected as user ${userId}.` : 'Connected.';
}

/** One row of the provisioning table. */
export interface ProvisioningRow {
  table: string;
  what: 'column' | 'key' | 'key index';
  name: string;
}

/** What a provisioning run did or would do, and what was already present, grouped by table. */
export interface ProvisioningSummary {
  headline: string;
  rows: ProvisioningRow[];
  present: { table: string; items: string[] }[];
  presentCount: number;
}

const WHAT: Record<ProvisioningResult['steps'][number]['kind'], ProvisioningRow['what']> = {
  CREATE_COLUMN: 'column',
  CREATE_KEY: 'key',
  WAIT_FOR_KEY: 'key index',
};

/** Present entries read `contact.sv_shopifyid` or `contact key sv_shopifyid_key (Active)`: the table comes first. */
function presentTable(entry: string): { table: string; item: string } {
  const match = /^([^.\s]+)[.\s](.*)$/.exec(entry);
  return match?.[1] && match[2] ? { table: match[1], item: match[2] } : { table: '', item: entry };
}

export function summariseProvisioning(result: ProvisioningResult): ProvisioningSummary {
  const rows = result.steps.map((step) => ({ table: step.table, what: WHAT[step.kind], name: step.name }));
  const byTable = new Map<string, string[]>();
  for (const entry of result.present) {
    const { table, item } = presentTable(entry);
    byTable.set(table, [...(byTable.get(table) ?? []), item]);
  }
  const columns = result.steps.filter((step) => step.kind === 'CREATE_COLUMN').length;
  const keys = result.steps.filter((step) => step.kind === 'CREATE_KEY').length;
  const present = `${plural(result.present.length, 'column or key', 'columns and keys')} present`;
  const planned = `${plural(columns, 'column', 'columns')} and ${plural(keys, 'key', 'keys')}`;
  let headline: string;
  if (columns + keys === 0) {
    headline = result.dryRun ? `Nothing to create: ${present}.` : `Nothing was created: ${present}.`;
  } else {
    headline = result.dryRun ? `Would create ${planned}; ${present}.` : `Created ${planned}; ${present} before.`;
  }
  return {
    headline,
    rows,
    present: [...byTable.entries()].map(([table, items]) => ({ table, items })),
    presentCount: result.present.length,
  };
}

/** The store's page in the Shopify admin. */
export function shopAdminUrl(shopDomain: string): string {
  return `https://${shopDomain}/admin`;
}

/** What the confirmation of a disconnection says: what stops, and what is kept. */
export function disconnectQuestion(storeName: string): { stops: string; keeps: string } {
  return {
    stops:
      `Disconnect ${storeName}? Its sync stops: its waiting jobs are removed, no poll runs, and its webhooks are ` +
      'still acknowledged and stored but not processed.',
    keeps:
      'Nothing is deleted: its CRM rows, links and poll cursors are kept, so Reconnect resumes where it stopped, ' +
      'without duplicates. Other stores are not affected.',
  };
}

/** The answer after a disconnect or reconnect. */
export function describeConnectionSwitch(storeName: string, status: 'ACTIVE' | 'PAUSED' | 'DISCONNECTED'): string {
  return status === 'DISCONNECTED'
    ? `${storeName} is disconnected: nothing is synced until it is reconnected.`
    : `${storeName} is reconnected: its poll runs now and brings what changed meanwhile.`;
}
