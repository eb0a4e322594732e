/**
 * bulkOperationRunQuery: runs the query in the background over every node (connections ignore `first`), writes the
 * JSONL result Shopify's way (SHOPIFY.md, "Delta reads"): one object per line, nested connection children on their
 * own lines with `__parentId`, after their parent but not right after it (children follow each batch of parents), and
 * moves the operation CREATED -> RUNNING -> COMPLETED (or FAILED), then raises bulk_operations/finish.
 */
import {
  type DocumentNode,
  type ExecutionResult,
  getNamedType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  Kind,
  OperationTypeNode,
} from 'graphql';
import type { BulkOperationRecord } from './records';
import { adminSchema, prepareDocument } from './schema';
import { toShopifyError } from './graphql-errors';
import { change, gid, type ShopStore } from './store';
import { bulkOperationView } from './views/shop-view';

/** Parents written before their batch's children; small enough to keep children near, large enough to interleave. */
const PARENT_BATCH = 100;
/** Shopify's limits on bulk queries: at most five connections, nested at most two deep. */
const MAX_CONNECTIONS = 5;
const MAX_DEPTH = 2;

type Json = Record<string, unknown>;

function isConnectionValue(value: unknown): value is { edges?: { node: Json }[]; nodes?: Json[] } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Json;
  return Array.isArray(v.edges) || Array.isArray(v.nodes);
}

function nodesOf(connection: { edges?: { node: Json }[]; nodes?: Json[] }): Json[] {
  return connection.edges ? connection.edges.map((e) => e.node) : (connection.nodes ?? []);
}

/** The JSONL lines of a bulk query's data. */
export function flattenBulkData(data: Json): { lines: string[]; rootObjectCount: number } {
  const top = Object.values(data)[0];
  const roots = isConnectionValue(top) ? nodesOf(top) : [];
  const lines: string[] = [];
  const write = (node: Json, parentId: string | null): { node: Json; parentId: string }[] => {
    const line: Json = {};
    const children: { node: Json; parentId: string }[] = [];
    for (const [key, value] of Object.entries(node)) {
      if (isConnectionValue(value))
        for (const child of nodesOf(value)) children.push({ node: child, parentId: String(node.id) });
      else line[key] = value;
    }
    if (parentId !== null) line.__parentId = parentId;
    lines.push(JSON.stringify(line));
    return children;
  };
  const writeChildren = (children: { node: Json; parentId: string }[]): void => {
    for (const c of children) writeChildren(write(c.node, c.parentId));
  };
  for (let start = 0; start < roots.length; start += PARENT_BATCH) {
    const pending = roots.slice(start, start + PARENT_BATCH).flatMap((root) => write(root, null));
    writeChildren(pending);
  }
  return { lines, rootObjectCount: roots.length };
}

/** Checks the shape Shopify requires of a bulk query; returns the problem or null. */
function bulkQueryProblem(document: DocumentNode): string | null {
  const typeInfo = new TypeInfo(adminSchema());
  let connections = 0;
  let depth = 0;
  let maxDepth = 0;
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (
    operations.length !== 1 ||
    operations[0]?.kind !== Kind.OPERATION_DEFINITION ||
    operations[0].operation !== OperationTypeNode.QUERY
  )
    return 'Bulk queries must contain exactly one query operation.';
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter() {
          const type = typeInfo.getType();
          if (type && getNamedType(type).name.endsWith('Connection')) {
            connections += 1;
            depth += 1;
            maxDepth = Math.max(maxDepth, depth);
          }
        },
        leave() {
          const type = typeInfo.getType();
          if (type && getNamedType(type).name.endsWith('Connection')) depth -= 1;
        },
      },
    }),
  );
  if (connections === 0) return 'Bulk queries must contain at least one connection.';
  if (connections > MAX_CONNECTIONS) return `Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.`;
  if (maxDepth > MAX_DEPTH)
    return `Bulk queries cannot contain connections with a nesting depth greater than ${MAX_DEPTH}.`;
  return null;
}

/** What the runner needs from its shop. */
export interface BulkHost {
  store: ShopStore;
  /** Runs a validated query with connections unbounded. */
  runBulk(document: DocumentNode): Promise<ExecutionResult>;
  /** Stores the JSONL text and returns the URL it is served from. */
  publish(operationId: number, jsonl: string): string;
}

/** Starts bulk queries for one shop and runs them in the background. */
export class BulkRunner {
  constructor(private readonly host: BulkHost) {}

  /** The bulkOperationRunQuery payload; the operation then runs on its own. */
  start(query: string): unknown {
    const store = this.host.store;
    const userError = (message: string, code: string, field: string[] | null = ['query']): unknown => ({
      bulkOperation: null,
      userErrors: [{ field, message, code }],
    });
    const running = [...store.bulkOperations.values()].find((op) => op.status === 'CREATED' || op.status === 'RUNNING');
    if (running)
      return userError(
        `A bulk query operation for this app and shop is already in progress: ${gid('BulkOperation', running.id)}.`,
        'OPERATION_IN_PROGRESS',
        null,
      );
    const prepared = prepareDocument(query);
    if (!prepared.ok)
      return userError(
        `Invalid bulk query: ${prepared.errors.map((e) => toShopifyError(e).message).join(', ')}`,
        'INVALID',
      );
    const problem = bulkQueryProblem(prepared.document);
    if (problem) return userError(problem, 'INVALID');
    const op: BulkOperationRecord = {
      id: store.newId(),
      query,
      status: 'CREATED',
      errorCode: null,
      createdAt: store.now(),
      completedAt: null,
      objectCount: 0,
      rootObjectCount: 0,
      fileSize: null,
      url: null,
    };
    store.bulkOperations.set(op.id, op);
    setImmediate(() => void this.run(op, prepared.document));
    return { bulkOperation: bulkOperationView(op), userErrors: [] };
  }

  private async run(op: BulkOperationRecord, document: DocumentNode): Promise<void> {
    op.status = 'RUNNING';
    await new Promise((resolve) => setImmediate(resolve));
    try {
      const result = await this.host.runBulk(document);
      if (result.errors?.length || !result.data) throw new Error('bulk query failed');
      const { lines, rootObjectCount } = flattenBulkData(result.data);
      const jsonl = lines.length ? `${lines.join('\n')}\n` : '';
      op.objectCount = lines.length;
      op.rootObjectCount = rootObjectCount;
      op.fileSize = Buffer.byteLength(jsonl);
      op.url = lines.length ? this.host.publish(op.id, jsonl) : null;
      op.status = 'COMPLETED';
    } catch {
      op.status = 'FAILED';
      op.errorCode = 'INTERNAL_SERVER_ERROR';
    }
    op.completedAt = this.host.store.now();
    this.host.store.commit([change('bulk_operations/finish', gid('BulkOperation', op.id))]);
  }
}
