import type { AuditEventRow, AuditFilter, AuditPlaces } from './audit-query';

/** The filter form's fields, as typed. */
export interface AuditFilterForm {
  action: string;
  actor: string;
  targetType: string;
}

export const EMPTY_FILTER_FORM: AuditFilterForm = { action: '', actor: '', targetType: '' };

/** The API filter for what was typed: surrounding spaces dropped, empty fields left out (they match everything). */
export function toAuditFilter(form: AuditFilterForm): AuditFilter {
  const filter: AuditFilter = {};
  const action = form.action.trim();
  const actor = form.actor.trim();
  const targetType = form.targetType.trim();
  if (action) filter.action = action;
  if (actor) filter.actor = actor;
  if (targetType) filter.targetType = targetType;
  return filter;
}

const MAX_VALUE = 40;
const MAX_FIELDS = 4;

function shortValue(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** The details on one line: `name: sandbox, role: operator`, at most a few fields, long values cut. */
export function summariseDetails(details: unknown): string {
  if (details === null || details === undefined) return '';
  if (typeof details !== 'object' || Array.isArray(details)) return shortValue(details);
  const entries = Object.entries(details);
  if (entries.length === 0) return '';
  const shown = entries.slice(0, MAX_FIELDS).map(([key, value]) => `${key}: ${shortValue(value)}`);
  const more = entries.length - MAX_FIELDS;
  return more > 0 ? `${shown.join(', ')} (+${more} more)` : shown.join(', ');
}

/** The details in full, indented for reading. */
export function formatDetails(details: unknown): string {
  return JSON.stringify(details ?? null, null, 2);
}

/** Where an event happened: the store's key, else the org's name, else the bare id of one that is gone. */
export function placeOf(event: Pick<AuditEventRow, 'storeId' | 'orgId'>, places: AuditPlaces | undefined): string {
  if (event.storeId) {
    const store = places?.stores.find((candidate) => candidate.id === event.storeId);
    return store ? `${store.name} (${store.key})` : event.storeId;
  }
  if (event.orgId) return places?.orgs.find((candidate) => candidate.id === event.orgId)?.name ?? event.orgId;
  return '';
}

/** What the table says under the filter when it has no rows. */
export function emptyMessage(filter: AuditFilter): string {
  return Object.keys(filter).length === 0
    ? 'No audit events yet: nobody has changed anything from the console or the API.'
    : 'No audit events match these filters. Filters match whole values, e.g. the action api_token.create.';
}

/** The start of a long id (a UUID's first group), enough to tell rows apart; the full id is in the details. */
export function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}
