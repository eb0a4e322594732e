import type { SimRequest, SimResponse } from '../http/types';
import { trackChanges } from './change-tracking';
import { DataverseError, methodNotAllowed, resourceNotFound, wrongType } from './errors';
import { JsonSyntaxError, parseJson, stringifyJson, type JsonValue } from './json';
import { readMetadata, refreshKeys } from './metadata-api';
import { writeMetadata } from './metadata-create';
import { tableBySet, type OrgContext } from './context';
import { parsePath, type PathSegment } from './odata/path';
import { csdlDocument } from './odata/csdl';
import { readCollection, readOne, readRelated } from './odata/read';
import { annotationFilter, contextUrl, etagOf, propertyName, serialiseRow, serviceRoot } from './odata/serialise';
import { parseQueryOptions } from './odata/query-options';
import { closeSalesOrder, convertToInvoice } from './state';
import { runBulk, type BulkMessage } from './writes/bulk';
import { createRow, deleteRow, upsertRow } from './writes/write-ops';
import { isLookup, type Row } from './store';
import type { TableDef } from './metadata/types';

/** Routes one Web API request to the reads, writes, actions and metadata of an org. */

const ODATA_HEADERS = { 'OData-Version': '4.0' };

function respond(status: number, body: unknown, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json; odata.metadata=minimal', ...ODATA_HEADERS, ...headers },
    body: stringifyJson(body),
  };
}

function noContent(headers: Record<string, string> = {}): SimResponse {
  return { status: 204, headers: { ...ODATA_HEADERS, ...headers }, body: '' };
}

/** The preferences of the Prefer header. */
function preferences(request: SimRequest): {
  representation: boolean;
  maxPageSize?: number;
  tracking: boolean;
  raw?: string;
} {
  const prefer = request.headers.prefer ?? '';
  const size = /odata\.maxpagesize=(\d+)/.exec(prefer)?.[1];
  return {
    representation: /return=representation/.test(prefer),
    tracking: /odata\.track-changes/.test(prefer),
    ...(size !== undefined ? { maxPageSize: Number(size) } : {}),
    raw: prefer,
  };
}

function body(request: SimRequest): JsonValue {
  if (request.body.trim() === '') return {};
  return parseJson(request.body);
}

function writeOptions(request: SimRequest): { detectDuplicates: boolean } {
  return { detectDuplicates: request.headers['mscrm.suppressduplicatedetection']?.toLowerCase() === 'false' };
}

function entityUrl(request: SimRequest, table: TableDef, row: Row): string {
  return `${serviceRoot(request.origin)}${table.entitySetName}(${row.id})`;
}

/** `201`/`200` with the row, as use-upsert-insert-update-record shows for `Prefer: return=representation`. */
function representation(
  context: OrgContext,
  request: SimRequest,
  table: TableDef,
  row: Row,
  created: boolean,
): SimResponse {
  const options = parseQueryOptions(table, request.query);
  const annotations = annotationFilter(request.headers.prefer);
  const payload = {
    '@odata.context': contextUrl(request.origin, table, options.selectText, '/$entity'),
    ...serialiseRow(context, table, row, options.select, annotations.filter),
  };
  const headers: Record<string, string> = { ETag: etagOf(row) };
  if (created) headers['Preference-Applied'] = 'return=representation';
  return respond(created ? 201 : 200, payload, headers);
}

function entitySet(context: OrgContext, request: SimRequest, segments: PathSegment[]): SimResponse {
  const [first, second] = segments;
  if (!first) throw resourceNotFound('');
  const table = tableBySet(context, first.name);
  const prefer = preferences(request);
  const annotations = annotationFilter(request.headers.prefer);
  const applied = (extra: string[] = []): Record<string, string> => {
    const list = [...extra, ...(annotations.applied ? [annotations.applied] : [])];
    return list.length > 0 ? { 'Preference-Applied': list.join(',') } : {};
  };
  const method = request.method.toUpperCase();
  if (second && !first.key && second.name === '$count' && method === 'GET') {
    // `/contacts/$count`: the number of rows as plain text (at most 5000, like @odata.count).
    const count = Math.min(context.store.all(table.logicalName).length, 5000);
    return { status: 200, headers: { 'Content-Type': 'text/plain', ...ODATA_HEADERS }, body: String(count) };
  }
  if (second && !first.key) {
    const message = second.name.replace(/^Microsoft\.Dynamics\.CRM\./, '');
    if (method !== 'POST' || !['CreateMultiple', 'UpdateMultiple', 'UpsertMultiple'].includes(message))
      throw resourceNotFound(second.name);
    const ids = runBulk(context, table, message as BulkMessage, body(request), writeOptions(request));
    if (message === 'UpdateMultiple') return noContent();
    return respond(200, {
      '@odata.context': `${serviceRoot(request.origin)}$metadata#Microsoft.Dynamics.CRM.${message}Response`,
      Ids: ids,
    });
  }
  if (!first.key) {
    if (method === 'GET') {
      const trackingPage = /istracking="True"/.test(request.query.get('$skiptoken') ?? '');
      if (prefer.tracking || trackingPage || request.query.has('$deltatoken')) {
        return respond(
          200,
          trackChanges(context, table, {
            origin: request.origin,
            query: request.query,
            annotations: annotations.filter,
            ...(prefer.maxPageSize !== undefined ? { maxPageSize: prefer.maxPageSize } : {}),
          }),
          applied(prefer.tracking ? ['odata.track-changes'] : []),
        );
      }
      const read = {
        origin: request.origin,
        query: request.query,
        annotations: annotations.filter,
        ...(prefer.maxPageSize !== undefined ? { maxPageSize: prefer.maxPageSize } : {}),
      };
      return respond(
        200,
        readCollection(context, table, read),
        applied(prefer.maxPageSize !== undefined ? [`odata.maxpagesize=${prefer.maxPageSize}`] : []),
      );
    }
    if (method === 'POST') {
      const row = createRow(context, table, body(request), writeOptions(request));
      if (prefer.representation) return representation(context, request, table, row, true);
      const url = entityUrl(request, table, row);
      return noContent({ 'OData-EntityId': url, Location: url });
    }
    throw methodNotAllowed(method);
  }
  if (second) {
    if (method !== 'GET') throw methodNotAllowed(method);
    const column = table.columns.get(second.name);
    if (column && !context.collections.some((item) => item.from === table.logicalName && item.name === second.name)) {
      // One property: `accounts(<id>)/name` -> {"@odata.context":"…$metadata#accounts(<id>)/name","value":…}.
      const { row } = readOne(context, table, first.key, {
        origin: request.origin,
        query: new URLSearchParams(),
        annotations: () => false,
      });
      const value = serialiseRow(context, table, row, [column.logicalName], () => false)[propertyName(column)];
      return respond(200, {
        '@odata.context': `${serviceRoot(request.origin)}$metadata#${table.entitySetName}(${row.id})/${second.name}`,
        value,
      });
    }
    return respond(
      200,
      readRelated(context, table, first.key, second.name, {
        origin: request.origin,
        query: request.query,
        annotations: annotations.filter,
      }),
    );
  }
  if (method === 'GET') {
    const { row, body: payload } = readOne(context, table, first.key, {
      origin: request.origin,
      query: request.query,
      annotations: annotations.filter,
    });
    if (request.headers['if-none-match'] === etagOf(row))
      return { status: 304, headers: { ...ODATA_HEADERS }, body: '' };
    return respond(200, payload, { ETag: etagOf(row), ...applied() });
  }
  const conditions = {
    ...(request.headers['if-match'] !== undefined ? { ifMatch: request.headers['if-match'] } : {}),
    ...(request.headers['if-none-match'] !== undefined && request.headers['if-none-match'] !== 'null'
      ? { ifNoneMatch: request.headers['if-none-match'] }
      : {}),
  };
  if (method === 'PATCH') {
    const { row, created } = upsertRow(context, table, first.key, body(request), conditions, writeOptions(request));
    if (prefer.representation) return representation(context, request, table, row, created);
    return noContent({
      'OData-EntityId': `${serviceRoot(request.origin)}${table.entitySetName}(${first.keyText ?? row.id})`,
    });
  }
  if (method === 'DELETE') {
    deleteRow(context, table, first.key, conditions);
    return noContent();
  }
  throw methodNotAllowed(method);
}

/** The WhoAmI function (WhoAmIResponse): the caller, its business unit (the root one when the caller has no row,
 * in an org seeded with nothing) and the org. */
function whoAmI(context: OrgContext, origin: string): Record<string, unknown> {
  const user = context.store.get('systemuser', context.userId);
  const unit = user?.values.businessunitid;
  return {
    '@odata.context': `${serviceRoot(origin)}$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse`,
    BusinessUnitId: isLookup(unit) ? unit.id : (context.store.all('businessunit')[0]?.id ?? null),
    UserId: context.userId,
    OrganizationId: context.organizationId,
  };
}

/** Handles one request against the org (no queueing here: the caller serialises). */
export function route(context: OrgContext, request: SimRequest): SimResponse {
  try {
    refreshKeys(context);
    const segments = parsePath(request.path);
    if (!segments) throw resourceNotFound(request.path);
    const [first] = segments;
    const method = request.method.toUpperCase();
    if (!first) {
      const value = [...context.tables.values()].map((table) => ({
        name: table.entitySetName,
        kind: 'EntitySet',
        url: table.entitySetName,
      }));
      return respond(200, { '@odata.context': `${serviceRoot(request.origin)}$metadata`, value });
    }
    if (first.name === '$metadata') {
      if (method !== 'GET') throw methodNotAllowed(method);
      return {
        status: 200,
        headers: { 'Content-Type': 'application/xml', ...ODATA_HEADERS },
        body: csdlDocument(context),
      };
    }
    if (first.name === 'EntityDefinitions' || first.name === 'RelationshipDefinitions') {
      if (method === 'GET' && first.name === 'EntityDefinitions')
        return respond(200, readMetadata(context, segments, request.query, request.origin));
      if (method === 'POST') {
        const id = writeMetadata(context, segments, body(request), request.origin);
        return noContent({ 'OData-EntityId': id });
      }
      throw methodNotAllowed(method);
    }
    if (first.name === 'FulfillSalesOrder' || first.name === 'CancelSalesOrder') {
      if (method !== 'POST') throw methodNotAllowed(method);
      closeSalesOrder(context, first.name, body(request));
      return noContent();
    }
    if (first.name === 'WhoAmI') {
      if (method !== 'GET') throw methodNotAllowed(method);
      return respond(200, whoAmI(context, request.origin));
    }
    if (first.name === 'ConvertSalesOrderToInvoice') {
      if (method !== 'POST') throw methodNotAllowed(method);
      return respond(200, convertToInvoice(context, body(request), request.origin));
    }
    return entitySet(context, request, segments);
  } catch (error) {
    if (error instanceof DataverseError) return error.toResponse();
    if (error instanceof JsonSyntaxError) return wrongType('body', 'request', `JSON (${error.message})`).toResponse();
    throw error;
  }
}
