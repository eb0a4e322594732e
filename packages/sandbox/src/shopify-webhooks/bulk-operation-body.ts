import { time, type RestValue } from './rest-json';

/** bulk_operations/finish, after docs sample bulk_operations_finish.json (reference/shopify/webhooks/). */

/** The bulk operation by id. */
export const BULK_OPERATION_QUERY = `#graphql
  query RestBulkOperationBody($id: ID!) {
    node(id: $id) {
      ... on BulkOperation { id completedAt createdAt errorCode status type }
    }
  }
`;

/** Result of {@link BULK_OPERATION_QUERY}. */
export interface BulkOperationQueryResult {
  node: {
    id: string;
    completedAt: string | null;
    createdAt: string;
    errorCode: string | null;
    status: string;
    type: string;
  } | null;
}

/** `{admin_graphql_api_id, completed_at, created_at, error_code, status, type}`, enums in lower case as REST has them. */
export function bulkOperationBody(result: BulkOperationQueryResult): RestValue {
  const operation = result.node;
  if (!operation) throw new Error('bulk operation not found');
  return {
    admin_graphql_api_id: operation.id,
    completed_at: time(operation.completedAt),
    created_at: time(operation.createdAt),
    error_code: operation.errorCode?.toLowerCase() ?? null,
    status: operation.status.toLowerCase(),
    type: operation.type.toLowerCase(),
  };
}
