/** The Mappings page's pure logic: the settings form read from and written into the settings JSON, problems by path. */

export type Settings = Record<string, unknown>;

/** The entities of the field map, in the order the page shows them. */
export const ENTITIES = [
  { entity: 'contact', label: 'Contact (from the customer)' },
  { entity: 'account', label: 'Account (from a B2B company)' },
  { entity: 'salesorder', label: 'Sales order (from the order)' },
] as const;

export type Entity = (typeof ENTITIES)[number]['entity'];

export interface FieldMapRow {
  source: string;
  column: string;
}

/** Choices of the common settings, as the settings schema (sync-core store-settings.ts) names them. */
export const CHOICES = {
  customerTarget: ['contact', 'contactWithAccount', 'b2b'],
  matchKey: ['linkedId', 'alternateKey', 'email', 'phone', 'namePostal'],
  conflictPolicy: ['shopifyWins', 'crmWins', 'newestWins', 'fillEmptyOnly'],
  currency: ['shop', 'presentment'],
  guestCheckouts: ['matchOrCreate', 'matchOnly', 'skip'],
  countryAs: ['name', 'code'],
} as const;

const isObject = (value: unknown): value is Settings =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a dotted path (`customers.target`); undefined when any part is missing. */
export function valueAt(settings: Settings, path: string): unknown {
  let current: unknown = settings;
  for (const part of path.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

/** A copy of the settings with the value at a dotted path replaced; the objects on the way are copied, never shared. */
export function withValue(settings: Settings, path: string, value: unknown): Settings {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return settings;
  if (rest.length === 0) return { ...settings, [head]: value };
  const child = isObject(settings[head]) ? settings[head] : {};
  return { ...settings, [head]: withValue(child, rest.join('.'), value) };
}

export const text = (value: unknown, fallback = ''): string => (typeof value === 'string' ? value : fallback);

/** The matching keys as the page edits them: comma separated, in the order they are tried. */
export function matchingKeysText(settings: Settings): string {
  const keys = valueAt(settings, 'customers.matchingKeys');
  return Array.isArray(keys) ? keys.filter((key) => typeof key === 'string').join(', ') : '';
}

export function parseMatchingKeys(input: string): string[] {
  return input
    .split(/[,\s]+/)
    .map((key) => key.trim())
    .filter(Boolean);
}

/** Price lists as rows (currency, price list id), in the order of the settings. */
export function priceListRows(settings: Settings): { currency: string; id: string }[] {
  const lists = valueAt(settings, 'orders.priceLists');
  return isObject(lists) ? Object.entries(lists).map(([currency, id]) => ({ currency, id: text(id) })) : [];
}

/** The rows back as the settings' map; a row without a currency is left out until one is typed. */
export function priceListsOf(rows: { currency: string; id: string }[]): Record<string, string> {
  return Object.fromEntries(
    rows.filter((row) => row.currency.trim()).map((row) => [row.currency.trim().toUpperCase(), row.id.trim()]),
  );
}

/**
 * A BCP 47 tag as the settings schema takes it (sync-core's `localeTag`; the test beside this file holds the two
 * together): the form says what is wrong on leaving the field, before the server would.
 */
const LOCALE_TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/;

export const LOCALE_EXAMPLES = ['en-US', 'de-DE', 'fr-CA', 'zh-Hant-TW'] as const;

/** What is wrong with a locale as typed; null when the schema takes it. */
export function localeProblem(input: string): string | null {
  return LOCALE_TAG.test(input.trim()) ? null : 'a language tag such as "en-US", "de-DE" or "fr-CA"';
}

export type OwnerKind = 'none' | 'team' | 'user';

/** The owner as the form edits it: its kind, and the team's or user's id ('' while none is chosen). */
export function ownerOf(settings: Settings): { kind: OwnerKind; id: string } {
  const owner = valueAt(settings, 'ownership.owner');
  if (!isObject(owner) || (owner.kind !== 'team' && owner.kind !== 'user')) return { kind: 'none', id: '' };
  return { kind: owner.kind, id: text(owner.id) };
}

/** The owner back as the settings take it: null for the sync's application user. */
export function ownerValue(kind: OwnerKind, id: string): { kind: 'team' | 'user'; id: string } | null {
  return kind === 'none' ? null : { kind, id: id.trim() };
}

/** An optional id as the settings take it: null when empty. */
export const idOrNull = (input: string): string | null => input.trim() || null;

export interface PriceListOption {
  id: string;
  name: string;
  currency: string | null;
}

/**
 * The price lists a row of `currency` offers: the org's lists in that currency (all of them while the row has none),
 * and the row's own list whatever its currency, so that a choice that no longer fits stays visible until changed.
 */
export function priceListChoices(
  lists: readonly PriceListOption[],
  currency: string,
  chosenId: string,
): PriceListOption[] {
  const wanted = currency.trim().toUpperCase();
  return lists.filter((list) => !wanted || list.currency === wanted || list.id === chosenId);
}

/** A price list as its option reads: its name, and its currency when that is not the row's. */
export function priceListLabel(list: PriceListOption, currency: string): string {
  const wanted = currency.trim().toUpperCase();
  if (!list.currency) return list.name;
  return list.currency === wanted ? list.name : `${list.name} (${list.currency})`;
}

/** One entity's field map rows. */
export function fieldMapRows(settings: Settings, entity: Entity): FieldMapRow[] {
  const rows = valueAt(settings, `fieldMap.${entity}`);
  if (!Array.isArray(rows)) return [];
  return rows.map((row: unknown) => ({
    source: isObject(row) ? text(row.source) : '',
    column: isObject(row) ? text(row.column) : '',
  }));
}

export function withFieldMapRows(settings: Settings, entity: Entity, rows: FieldMapRow[]): Settings {
  return withValue(settings, `fieldMap.${entity}`, rows);
}

/** The settings as the advanced editor shows them. */
export const settingsText = (settings: Settings): string => JSON.stringify(settings, null, 2);

/** The advanced editor's text as settings, or what is wrong with it. */
export function parseSettingsText(input: string): { ok: true; settings: Settings } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(input);
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  return isObject(value)
    ? { ok: true, settings: value }
    : { ok: false, message: 'the settings must be a JSON object, e.g. {}' };
}

export interface Problem {
  path: string;
  message: string;
}

/** The problems about one field: its own path, or a path inside it (`orders.priceLists` shows `orders.priceLists.EUR`). */
export function problemsAt(problems: readonly Problem[], path: string): Problem[] {
  return problems.filter((problem) => problem.path === path || problem.path.startsWith(`${path}.`));
}

/** A CRM value as a cell shows it: empty as an em dash, text as is, anything else as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export interface PreviewRowView {
  role: string;
  table: string;
  key: string;
  exists: boolean;
  columns: { column: string; before: unknown; after: unknown; changed: boolean; kept?: boolean }[];
}

const ROLE_NAMES: Record<string, string> = {
  contact: 'Contact',
  account: 'Account',
  salesorder: 'Sales order',
  line: 'Line',
  refund: 'Refund',
};

/** A row's heading: what it is, its key, and whether the sync creates it or changes it (and how many columns). */
export function rowHeading(row: PreviewRowView): string {
  const what = ROLE_NAMES[row.role] ?? row.role;
  const changed = row.columns.filter((column) => column.changed).length;
  const effect = !row.exists
    ? 'new row'
    : changed === 0
      ? 'no change'
      : `${changed} column${changed === 1 ? '' : 's'} to change`;
  return `${what} ${row.key} (${row.table}): ${effect}`;
}

/** The customer fields that may flow back from the CRM (sync-core's `twoWayField`), as the form names them. */
export const TWO_WAY_FIELDS = [
  { field: 'email', label: 'Email' },
  { field: 'phone', label: 'Phone' },
  { field: 'address', label: 'Default address' },
] as const;

export type TwoWayFieldName = (typeof TWO_WAY_FIELDS)[number]['field'];

/** Sync-core's `twoWayPolicy`, each with the words the form shows. */
export const TWO_WAY_POLICIES = [
  { policy: 'newestWins', label: 'The newer edit wins' },
  { policy: 'crmWins', label: "The CRM's edit wins" },
  { policy: 'shopifyWins', label: "Shopify's edit wins" },
  { policy: 'ask', label: 'Ask: a person decides in the merge queue' },
] as const;

/** What a contact created in the CRM does (sync-core's `twoWaySettings.crmCreates`). */
export const CRM_CREATES = [
  { value: 'ignore', label: 'Stays in the CRM only' },
  { value: 'createInShopify', label: 'Is created as a Shopify customer (linked first, so no second contact)' },
] as const;

/** Sync-core's `privacySettings.onRedact`, each with one line on what it does to the CRM. */
export const REDACT_CHOICES = [
  {
    value: 'anonymize',
    label: 'Anonymize',
    line: "clears the person's name, email, phone and addresses on the contact; the row and its orders stay",
  },
  { value: 'deactivate', label: 'Anonymize and deactivate', line: 'clears them as above and deactivates the contact' },
  {
    value: 'delete',
    label: 'Delete',
    line: 'deletes the contact, unless another store still links it (it then stays, active)',
  },
  { value: 'ignore', label: 'Log only', line: 'writes nothing to the CRM, for a CRM with its own retention process' },
] as const;

/** The two-way fields chosen; all of them while the settings name none (the schema's default). */
export function twoWayFieldsOf(settings: Settings): TwoWayFieldName[] {
  const fields = valueAt(settings, 'twoWay.fields');
  const known = TWO_WAY_FIELDS.map((entry) => entry.field);
  if (!Array.isArray(fields)) return [...known];
  return known.filter((field) => fields.includes(field));
}

/** The two-way fields with one turned on or off, in the form's order. */
export function withTwoWayField(settings: Settings, field: TwoWayFieldName, on: boolean): TwoWayFieldName[] {
  const chosen = new Set(twoWayFieldsOf(settings));
  if (on) chosen.add(field);
  else chosen.delete(field);
  return TWO_WAY_FIELDS.map((entry) => entry.field).filter((name) => chosen.has(name));
}

/** A field's own conflict policy; '' when it follows the default. */
export function twoWayPolicyOf(settings: Settings, field: TwoWayFieldName): string {
  return text(valueAt(settings, `twoWay.conflictPolicy.${field}`));
}

/** The per-field policies with one field's set, or removed ('') so that it follows the default again. */
export function withTwoWayPolicy(settings: Settings, field: TwoWayFieldName, policy: string): Settings {
  const current = valueAt(settings, 'twoWay.conflictPolicy');
  const { [field]: _dropped, ...others } = isObject(current) ? current : {};
  return policy ? { ...others, [field]: policy } : others;
}
