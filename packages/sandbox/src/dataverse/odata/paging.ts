/**
 * Dataverse's paging cookie, in the shape of mslearn-examples/paging_maxpagesize2_page1.response.json: `$skiptoken`
 * holds `<cookie pagenumber="2" pagingcookie="…" istracking="False" />`, whose pagingcookie is the URL-encoded
 * (lower-case hex, as .NET writes it) `<cookie page="1"><contactid last="{ID}" first="{ID}" /></cookie>`.
 */

function dotNetEncode(text: string): string {
  return encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
}

/** The `$skiptoken` value (decoded) for the page after `page`, which ended at `lastId` and began at `firstId`. */
export function skipToken(primaryId: string, page: number, firstId: string, lastId: string): string {
  const inner = `<cookie page="${page}"><${primaryId} last="{${lastId.toUpperCase()}}" first="{${firstId.toUpperCase()}}" /></cookie>`;
  return `<cookie pagenumber="${page + 1}" pagingcookie="${dotNetEncode(inner)}" istracking="False" />`;
}

/** Encodes the token for a URL as the example does (reserved characters escaped, `=` and `/` kept). */
export function encodeSkipToken(token: string): string {
  return encodeURIComponent(token).replace(/%3D/g, '=').replace(/%2F/g, '/');
}

/** Reads the page number and the last id back from a `$skiptoken`; undefined when it is not one of ours. */
export function readSkipToken(token: string): { page: number; lastId: string } | undefined {
  const page = /pagenumber="(\d+)"/.exec(token);
  const cookie = /pagingcookie="([^"]*)"/.exec(token);
  if (!page?.[1] || cookie?.[1] === undefined) return undefined;
  const inner = decodeURIComponent(cookie[1]);
  const last = /last="\{([0-9A-Fa-f-]+)\}"/.exec(inner);
  if (!last?.[1]) return undefined;
  return { page: Number(page[1]), lastId: last[1].toLowerCase() };
}

/** Query string text as Dataverse writes it in links: `$select=fullname&$skiptoken=…`. */
export function queryText(entries: [string, string][]): string {
  return entries
    .map(
      ([key, value]) =>
        `${key}=${encodeURIComponent(value).replace(/%2C/g, ',').replace(/%24/g, '$').replace(/%27/g, "'").replace(/%3D/g, '=')}`,
    )
    .join('&');
}
