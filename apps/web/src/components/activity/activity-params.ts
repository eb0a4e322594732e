import { classifyFind, type KeyFilter } from './find-key';

/** The sync log's outcomes, as the API names them. */
export const OUTCOMES = ['CREATED', 'UPDATED', 'UNCHANGED', 'SKIPPED', 'AMBIGUOUS', 'FAILED', 'RETRYING'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** The entities the worker logs; the field takes any text, these are offered. */
export const ENTITIES = ['order', 'customer', 'company', 'company_location', 'guest_checkout', 'address_company'];

/**
 * A search of the Activity page as its URL holds it (`?q=%231042&store=…&outcome=FAILED&from=…`), so a link can be
 * shared and the back button returns to it. `from` and `to` are `YYYY-MM-DDTHH:mm` in UTC, as the inputs show them.
 */
export interface ActivitySearch {
  find: string;
  storeId: string;
  entity: string;
  outcomes: Outcome[];
  from: string;
  to: string;
}

export const EMPTY_SEARCH: ActivitySearch = { find: '', storeId: '', entity: '', outcomes: [], from: '', to: '' };

const MINUTE = /^\d{4}-\d\d-\d\dT\d\d:\d\d$/;

function isOutcome(value: string): value is Outcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

/** The search a URL's query holds; values that are not the page's own (an unknown outcome, a bad time) are dropped. */
export function parseSearch(params: URLSearchParams): ActivitySearch {
  const minute = (name: string) => {
    const value = params.get(name)?.trim() ?? '';
    return MINUTE.test(value) ? value : '';
  };
  return {
    find: params.get('q')?.trim() ?? '',
    storeId: params.get('store')?.trim() ?? '',
    entity: params.get('entity')?.trim() ?? '',
    outcomes: [...new Set(params.getAll('outcome').map((value) => value.toUpperCase()))].filter(isOutcome),
    from: minute('from'),
    to: minute('to'),
  };
}

/** The query string of a search (without `?`), empty fields left out, outcomes in the API's order. */
export function searchQuery(search: ActivitySearch): string {
  const params = new URLSearchParams();
  if (search.find.trim()) params.set('q', search.find.trim());
  if (search.storeId) params.set('store', search.storeId);
  if (search.entity.trim()) params.set('entity', search.entity.trim());
  for (const outcome of OUTCOMES) if (search.outcomes.includes(outcome)) params.append('outcome', outcome);
  if (search.from) params.set('from', search.from);
  if (search.to) params.set('to', search.to);
  return params.toString();
}

/** `2026-11-27T08:00` (UTC, as the inputs hold it) → `2026-11-27T08:00:00.000Z`. */
export function utcInstant(minute: string): string {
  return new Date(`${minute}:00Z`).toISOString();
}

/** `SyncAttemptFilter`, as the API takes it. */
export interface AttemptFilterInput {
  storeId?: string;
  entity?: string;
  outcomes?: Outcome[];
  from?: string;
  to?: string;
  orderName?: string;
  email?: string;
  shopifyId?: string;
  crmId?: string;
  correlationId?: string;
}

export interface PlannedSearch {
  /** One API filter per reading of the Find box (two for a GUID or bare digits), merged into one list. */
  filters: AttemptFilterInput[];
  /** What the Find box was read as. */
  meaning: string;
  /** Why the search cannot run, in words that say what to fix; empty when it can. */
  problems: string[];
}

/** The API filters of a search: each reading of the Find box, narrowed by the store, entity, outcomes and time. */
export function planSearch(search: ActivitySearch): PlannedSearch {
  const key = classifyFind(search.find);
  const problems: string[] = [];
  if (search.from && search.to && search.from >= search.to) {
    problems.push('"From" must be before "To": change one of them, or clear it.');
  }
  const narrowing: AttemptFilterInput = {
    ...(search.storeId ? { storeId: search.storeId } : {}),
    ...(search.entity.trim() ? { entity: search.entity.trim() } : {}),
    ...(search.outcomes.length ? { outcomes: search.outcomes } : {}),
    ...(search.from ? { from: utcInstant(search.from) } : {}),
    ...(search.to ? { to: utcInstant(search.to) } : {}),
  };
  const readings: (KeyFilter | Record<string, never>)[] = key.filters.length ? key.filters : [{}];
  return { filters: readings.map((reading) => ({ ...narrowing, ...reading })), meaning: key.meaning, problems };
}
