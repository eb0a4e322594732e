/** Characters that break a key in a URL even when encoded (DATAVERSE.md, "Alternate keys"). */
const FORBIDDEN = /[/<>*%&:\\?+]/;

/**
 * The URL segment that addresses a row by alternate key: `contacts(sv_shopifyid='us_42')`. Text values are quoted
 * with single quotes doubled (OData literal rules) and percent-encoded; a value holding a character Dataverse cannot
 * take in a key URL is refused with a message naming it, rather than sent to fail obscurely.
 */
export function alternateKeyPath(entitySet: string, key: Record<string, string | number>): string {
  const parts = Object.entries(key).map(([column, value]) => {
    if (typeof value === 'number') return `${column}=${value}`;
    const bad = FORBIDDEN.exec(value);
    if (bad) {
      throw new Error(
        `The key value "${value}" for ${entitySet}.${column} contains "${bad[0]}", which Dataverse key URLs cannot carry.`,
      );
    }
    return `${column}='${encodeURIComponent(value.replace(/'/g, "''"))}'`;
  });
  return `${entitySet}(${parts.join(',')})`;
}

/** The id in an `OData-EntityId` header: `…/contacts(7e3c…)` -> `7e3c…`. */
export function idFromEntityUrl(url: string): string {
  const match = /\(([0-9a-f-]{36})\)\s*$/i.exec(url);
  if (!match?.[1]) throw new Error(`No row id in "${url}".`);
  return match[1];
}

/**
 * One UpsertMultiple of rows of one table (DATAVERSE.md, "Bulk operation messages"): Microsoft's fastest way to write
 * many rows, each matched by the primary id or the alternate key values it carries, all of them or none. As a batch
 * operation, so it can ride in a changeset with the rows it depends on.
 */
export function upsertMultiple(
  entitySet: string,
  table: string,
  rows: Record<string, unknown>[],
): { method: 'POST'; url: string; body: { Targets: Record<string, unknown>[] } } {
  return {
    method: 'POST',
    url: `${entitySet}/Microsoft.Dynamics.CRM.UpsertMultiple`,
    body: { Targets: rows.map((row) => ({ '@odata.type': `Microsoft.Dynamics.CRM.${table}`, ...row })) },
  };
}

/**
 * Whether Dataverse refused a bulk message because the table does not take it. Bulk messages work on every custom
 * table but only on the standard tables that support them: Dataverse answers "The 'UpsertMultiple' method does not
 * support entities of type '…'", or, where the table has no such bound action, "Resource not found for the segment
 * '…Multiple'". The caller then writes the rows one operation each.
 */
export function bulkUnsupported(refusal: { status?: number | undefined; message?: string | undefined }): boolean {
  return (
    (refusal.status === 400 || refusal.status === 404) &&
    /does not support entities of type|Resource not found for the segment '[^']*Multiple'/i.test(refusal.message ?? '')
  );
}
