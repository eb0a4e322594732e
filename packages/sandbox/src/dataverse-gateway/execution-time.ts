import type { SimRequest } from '../http/types';

/**
 * The modelled server execution time of each operation, which the execution-time service protection limit sums
 * (api-limits: "The combined execution time of all requests made by the user"). Microsoft publishes no per-operation
 * times, so the defaults below are assumptions of the order real orgs show for simple tables (tens of
 * milliseconds); they are configurable, and only their relative sizes matter for the limits.
 */
export interface ExecutionTimeModel {
  /** GET of one row by id or alternate key (`contacts(<id>)`, `contacts(sv_shopifyid='us_1')`). */
  readByIdMs: number;
  /** GET of a collection (`contacts?$filter=…`, a navigation collection, `$metadata`, functions). */
  queryMs: number;
  /** POST to an entity set. */
  createMs: number;
  /** PATCH or PUT (update or upsert), and `$ref` association. */
  updateMs: number;
  deleteMs: number;
  /** POST of an action (`FulfillSalesOrder`, `CancelSalesOrder`, bound `Microsoft.Dynamics.CRM.*` actions). */
  actionMs: number;
  /**
   * Per-row cost of CreateMultiple / UpdateMultiple / UpsertMultiple as a fraction of the same row written alone.
   * DATAVERSE.md: bulk messages are the most performant way to write many rows; assumed here to cost a quarter.
   */
  bulkRowRatio: number;
}

/** Defaults (assumptions, see ExecutionTimeModel). */
export const DEFAULT_EXECUTION_TIME: ExecutionTimeModel = {
  readByIdMs: 10,
  queryMs: 40,
  createMs: 30,
  updateMs: 30,
  deleteMs: 20,
  actionMs: 50,
  bulkRowRatio: 0.25,
};

/** What kind of operation a request is, for the model and the stats. */
export type OperationKind = 'readById' | 'query' | 'create' | 'update' | 'delete' | 'action' | 'bulk';

const BULK = /Microsoft\.Dynamics\.CRM\.(CreateMultiple|UpdateMultiple|UpsertMultiple)$/;

function lastSegment(path: string): string {
  const segments = path.replace(/\/+$/, '').split('/');
  return decodeURIComponent(segments[segments.length - 1] ?? '');
}

/** Classifies a request to the Web API. */
export function classifyOperation(request: Pick<SimRequest, 'method' | 'path'>): OperationKind {
  const last = lastSegment(request.path);
  switch (request.method) {
    case 'GET':
      return /\)$/.test(last) ? 'readById' : 'query';
    case 'PATCH':
    case 'PUT':
      return 'update';
    case 'DELETE':
      return 'delete';
    case 'POST':
      if (BULK.test(last)) return 'bulk';
      if (last === '$ref') return 'update';
      // Entity sets are lower-case logical collection names; unbound actions are PascalCase message names.
      if (last.startsWith('Microsoft.Dynamics.CRM.') || /^[A-Z]/.test(last)) return 'action';
      return 'create';
    default:
      return 'action';
  }
}

function bulkRows(body: string): number {
  try {
    const targets = (JSON.parse(body) as { Targets?: unknown }).Targets;
    return Array.isArray(targets) ? targets.length : 0;
  } catch {
    return 0;
  }
}

/** The modelled execution time of one request, in milliseconds. */
export function modelledTime(model: ExecutionTimeModel, request: Pick<SimRequest, 'method' | 'path' | 'body'>): number {
  switch (classifyOperation(request)) {
    case 'readById':
      return model.readByIdMs;
    case 'query':
      return model.queryMs;
    case 'create':
      return model.createMs;
    case 'update':
      return model.updateMs;
    case 'delete':
      return model.deleteMs;
    case 'action':
      return model.actionMs;
    case 'bulk': {
      const perRow = /CreateMultiple$/.test(request.path) ? model.createMs : model.updateMs;
      return Math.max(1, bulkRows(request.body)) * perRow * model.bulkRowRatio;
    }
  }
}
