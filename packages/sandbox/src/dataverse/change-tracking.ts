import { badRequest, DataverseError } from './errors';
import type { TableDef } from './metadata/types';
import type { OrgContext } from './context';
import { parseQueryOptions } from './odata/query-options';
import { contextUrl, serialiseRow, serviceRoot, type AnnotationFilter } from './odata/serialise';
import { queryText } from './odata/paging';

/**
 * Change tracking (use-change-tracking-synchronize-data-external-systems; mslearn-examples/change_tracking_*.json):
 * `Prefer: odata.track-changes` on a collection answers every row plus `@odata.deltaLink`; following the link
 * (`$deltatoken=<version>!<date>`) answers the rows changed since, and `$deletedEntity` entries for rows deleted.
 * No $filter, $orderby or $top with it; tokens expire after 7 days (DATAVERSE.md, "Reading").
 */

const TOKEN_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** `919042!08/22/2017 08:10:44`, the token shape of the examples. */
function token(context: OrgContext, version: number): string {
  const now = context.now();
  const pad = (value: number): string => String(value).padStart(2, '0');
  const date = `${pad(now.getUTCMonth() + 1)}/${pad(now.getUTCDate())}/${now.getUTCFullYear()} ${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`;
  return `${version}!${date}`;
}

/** Encoded as the examples show it: every reserved character escaped, lower-case hex (`919042%2108%2f22%2f2017…`). */
function encodeToken(text: string): string {
  return encodeURIComponent(text)
    .replace(/!/g, '%21')
    .replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

function readToken(context: OrgContext, text: string): number {
  const match = /^(\d+)!(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) throw badRequest('The delta token is not valid.', '0x80040203');
  const [, version = '0', month, day, year, hours, minutes, seconds] = match;
  const issued = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hours),
    Number(minutes),
    Number(seconds),
  );
  if (context.now().getTime() - issued > TOKEN_LIFETIME_MS) {
    throw new DataverseError(400, '0x80044352', 'The change tracking token has expired.');
  }
  return Number(version);
}

/** A tracking page cookie: the page to answer and the org version the listing was taken at. */
function trackingCookie(page: number, snapshot: number): string {
  const inner = encodeURIComponent(`<cookie page="${page - 1}" snapshot="${snapshot}" />`);
  return `<cookie pagenumber="${page}" pagingcookie="${inner}" istracking="True" />`;
}

function readTrackingCookie(text: string): { page: number; snapshot: number } {
  const page = /pagenumber="(\d+)"/.exec(text)?.[1];
  const cookie = /pagingcookie="([^"]*)"/.exec(text)?.[1];
  const snapshot = cookie !== undefined ? /snapshot="(\d+)"/.exec(decodeURIComponent(cookie))?.[1] : undefined;
  if (page === undefined || snapshot === undefined) throw badRequest('The $skiptoken is not valid.', '0x80040203');
  return { page: Number(page), snapshot: Number(snapshot) };
}

/** GET with `Prefer: odata.track-changes` or a `$deltatoken`. Pages with `odata.maxpagesize`: every page but the
 * last carries `@odata.nextLink`, the last the `@odata.deltaLink` for changes after the first page was read. */
export function trackChanges(
  context: OrgContext,
  table: TableDef,
  request: { origin: string; query: URLSearchParams; annotations: AnnotationFilter; maxPageSize?: number },
): Record<string, unknown> {
  const { origin, query, annotations } = request;
  if (!table.changeTrackingEnabled) {
    throw badRequest(`Change tracking is not enabled for the entity '${table.logicalName}'.`, '0x80040203');
  }
  for (const option of ['$filter', '$orderby', '$top', '$expand']) {
    if (query.has(option))
      throw badRequest(`The ${option} query option is not supported with change tracking.`, '0x80040203');
  }
  const options = parseQueryOptions(table, query);
  const delta = options.deltaToken !== undefined;
  const since = delta ? readToken(context, options.deltaToken ?? '') : 0;
  const cookie = options.skipToken !== undefined ? readTrackingCookie(options.skipToken) : undefined;
  const snapshot = cookie?.snapshot ?? context.store.currentVersion();
  const page = cookie?.page ?? 1;
  const value: Record<string, unknown>[] = [];
  if (!delta) {
    for (const row of context.store.all(table.logicalName))
      value.push(serialiseRow(context, table, row, options.select, annotations));
  } else {
    const seen = new Set<string>();
    const changes = context.store.changesSince(table.logicalName, since).filter((change) => change.version <= snapshot);
    for (const change of changes.reverse()) {
      if (seen.has(change.id)) continue;
      seen.add(change.id);
      const row = context.store.get(table.logicalName, change.id);
      if (change.deleted || !row) {
        value.push({
          '@odata.context': `${serviceRoot(origin)}$metadata#${table.entitySetName}/$deletedEntity`,
          id: change.id,
          reason: 'deleted',
        });
      } else {
        value.push(serialiseRow(context, table, row, options.select, annotations));
      }
    }
    value.reverse();
  }
  const size = Math.min(request.maxPageSize ?? 5000, 5000);
  const pageValue = value.slice((page - 1) * size, page * size);
  const kept = [...query.entries()].filter(([key]) => key !== '$deltatoken' && key !== '$skiptoken');
  const result: Record<string, unknown> = {
    '@odata.context': contextUrl(origin, table, options.selectText, delta ? '/$delta' : ''),
  };
  const link = (extra: string): string =>
    `${serviceRoot(origin)}${table.entitySetName}?${queryText(kept)}${kept.length > 0 ? '&' : ''}${extra}`;
  if (page * size < value.length) {
    const deltaPart = delta ? `$deltatoken=${encodeToken(options.deltaToken ?? '')}&` : '';
    result['@odata.nextLink'] = link(
      `${deltaPart}$skiptoken=${encodeURIComponent(trackingCookie(page + 1, snapshot))}`,
    );
  } else {
    result['@odata.deltaLink'] = link(`$deltatoken=${encodeToken(token(context, snapshot))}`);
  }
  result.value = pageValue;
  return result;
}
