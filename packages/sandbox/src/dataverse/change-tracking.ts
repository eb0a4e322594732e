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
function token(context: OrgContext): string {
  const now = context.now();
  const pad = (value: number): string => String(value).padStart(2, '0');
  const date = `${pad(now.getUTCMonth() + 1)}/${pad(now.getUTCDate())}/${now.getUTCFullYear()} ${pad(now.getUTCHours())}:${pad(now.getUTCMinutes())}:${pad(now.getUTCSeconds())}`;
  return `${context.store.currentVersion()}!${date}`;
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

export function trackChanges(
  context: OrgContext,
  table: TableDef,
  origin: string,
  query: URLSearchParams,
  annotations: AnnotationFilter,
): Record<string, unknown> {
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
  const kept = [...query.entries()].filter(([key]) => key !== '$deltatoken');
  const deltaLink = `${serviceRoot(origin)}${table.entitySetName}?${queryText(kept)}${kept.length > 0 ? '&' : ''}$deltatoken=${encodeToken(token(context))}`;
  const value: Record<string, unknown>[] = [];
  if (!delta) {
    for (const row of context.store.all(table.logicalName))
      value.push(serialiseRow(context, table, row, options.select, annotations));
  } else {
    const seen = new Set<string>();
    for (const change of context.store.changesSince(table.logicalName, since).reverse()) {
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
  return {
    '@odata.context': contextUrl(origin, table, options.selectText, delta ? '/$delta' : ''),
    '@odata.deltaLink': deltaLink,
    value,
  };
}
