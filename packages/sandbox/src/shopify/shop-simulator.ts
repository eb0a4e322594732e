import { Kind } from 'graphql';
/**
 * One simulated shop: its store, its cost bucket, its bulk runner, the in-process `ShopHandle` and the GraphQL
 * request handling with Shopify's cost accounting and throttling (SHOPIFY.md, "GraphQL rate limits").
 */
import type { DocumentNode, ExecutionResult, FragmentDefinitionNode, OperationDefinitionNode } from 'graphql';
import { BulkRunner } from './bulk';
import { MAX_SINGLE_QUERY_COST, queryCost, requestedCostFields } from './cost';
import { toShopifyError } from './graphql-errors';
import { MutationRoot } from './mutation-root';
import { createOrder, type OrderCreateInput } from './mutations/order-create';
import { QueryRoot } from './query-root';
import { ADMIN_API_VERSION, adminSchema, executeDocument, prepareDocument } from './schema';
import type { ShopChange, ShopHandle } from './shop-handle';
import { type ShopConfig, PLAN_LIMITS, ShopStore } from './store';
import { CostBucket } from './throttle';

/** A GraphQL response: HTTP status and JSON body. */
export interface GraphQLHttpResult {
  status: number;
  body: unknown;
}

const RATE_LIMIT_DOCS = 'https://shopify.dev/api/usage/rate-limits';

/** One simulated shop: the ShopHandle other parts use, plus its HTTP GraphQL handling and seeding API. */
export class ShopSimulator implements ShopHandle {
  readonly domain: string;
  readonly apiVersion = ADMIN_API_VERSION;
  readonly store: ShopStore;
  readonly bucket: CostBucket;
  private readonly bulk: BulkRunner;
  private readonly queryRoot: QueryRoot;
  private readonly mutationRoot: MutationRoot;

  constructor(
    readonly config: ShopConfig,
    clock: () => Date,
    idBase: number,
    publish: (domain: string, operationId: number, jsonl: string) => string,
  ) {
    this.domain = config.domain;
    this.store = new ShopStore(config, clock, idBase);
    const limits = PLAN_LIMITS[config.plan];
    this.bucket = new CostBucket(limits.bucket, limits.restoreRate, clock);
    this.bulk = new BulkRunner({
      store: this.store,
      runBulk: (document) => this.run(document, undefined, undefined, true),
      publish: (id, jsonl) => publish(config.domain, id, jsonl),
    });
    this.queryRoot = new QueryRoot(this.store, this.apiVersion);
    this.mutationRoot = new MutationRoot(this.store, this.apiVersion, (query) => this.bulk.start(query));
  }

  private run(
    document: DocumentNode,
    variables: Record<string, unknown> | undefined,
    operationName: string | undefined,
    bulk: boolean,
  ): Promise<ExecutionResult> {
    return executeDocument(
      document,
      { query: this.queryRoot, mutation: this.mutationRoot },
      { store: this.store, bulk },
      variables,
      operationName,
    );
  }

  /** ShopHandle: runs a document in-process, without cost accounting. */
  async execute(document: string, variables?: Record<string, unknown>): Promise<ExecutionResult> {
    const prepared = prepareDocument(document);
    if (!prepared.ok) return { errors: prepared.errors };
    return this.run(prepared.document, variables, undefined, false);
  }

  onChange(listener: (change: ShopChange) => void): () => void {
    return this.store.onChange(listener);
  }

  /** Seeding API: orderCreate's input straight into the store (same validation and topics, no GraphQL round trip). */
  createOrder(input: OrderCreateInput): {
    orderId: string | null;
    userErrors: { field: string[] | null; message: string }[];
  } {
    const result = createOrder(this.store, input);
    return {
      orderId: result.orderId === null ? null : `gid://shopify/Order/${result.orderId}`,
      userErrors: result.userErrors,
    };
  }

  /** Handles the JSON body of `POST /admin/api/{version}/graphql.json` for this shop. */
  async graphql(rawBody: string, options: { includeCostFields?: boolean } = {}): Promise<GraphQLHttpResult> {
    let body: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      body = JSON.parse(rawBody) as typeof body;
    } catch {
      body = {};
    }
    if (typeof body.query !== 'string' || body.query.trim() === '')
      return { status: 400, body: { errors: { query: 'Required parameter missing or invalid' } } };
    const prepared = prepareDocument(body.query);
    if (!prepared.ok)
      return { status: 200, body: { errors: prepared.errors.map((e) => toShopifyError(e, prepared.document)) } };
    const variables =
      body.variables && typeof body.variables === 'object' ? (body.variables as Record<string, unknown>) : {};
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    const operation = prepared.document.definitions.find(
      (d): d is OperationDefinitionNode =>
        d.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || d.name?.value === operationName),
    );
    if (!operation)
      return { status: 200, body: { errors: [{ message: `No operation named "${operationName ?? ''}"` }] } };
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of prepared.document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    const costInput = { schema: adminSchema(), operation, fragments, variables };
    const requested = queryCost(costInput);
    if (requested > MAX_SINGLE_QUERY_COST) {
      return {
        status: 200,
        body: {
          errors: [
            {
              // Worded as a real response quoted in Shopify/shopify-app-js issue #577.
              message: `Query cost is ${requested}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/api/usage/bulk-operations/queries for usage details.\n`,
              extensions: {
                code: 'MAX_COST_EXCEEDED',
                cost: requested,
                maxCost: MAX_SINGLE_QUERY_COST,
                documentation: RATE_LIMIT_DOCS,
              },
            },
          ],
          extensions: {
            cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: this.bucket.status() },
          },
        },
      };
    }
    if (!this.bucket.tryTake(requested)) {
      return {
        status: 200,
        body: {
          errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: RATE_LIMIT_DOCS } }],
          extensions: {
            cost: { requestedQueryCost: requested, actualQueryCost: null, throttleStatus: this.bucket.status() },
          },
        },
      };
    }
    const result = await this.run(prepared.document, variables, operationName, false);
    const actual = result.data ? Math.min(requested, queryCost(costInput, result.data)) : requested;
    this.bucket.refund(requested - actual);
    return {
      status: 200,
      body: {
        ...(result.errors?.length ? { errors: result.errors.map((e) => toShopifyError(e)) } : {}),
        ...(result.data !== undefined ? { data: result.data } : {}),
        extensions: {
          cost: {
            requestedQueryCost: requested,
            actualQueryCost: actual,
            throttleStatus: this.bucket.status(),
            ...(options.includeCostFields ? { fields: requestedCostFields(costInput) } : {}),
          },
        },
      },
    };
  }
}
