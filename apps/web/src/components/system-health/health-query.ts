import { z } from 'zod';
import { graphqlRequest } from '../graphql-client';

/** The console's health query; the fields the health panel shows. */
export const HEALTH_QUERY = `#graphql
  query SystemHealth {
    health {
      status
      checkedAt
      database { ok latencyMs serverVersion error }
      migrations { ok expected applied latest }
      worker { ok workerId lastSeenAt ageSeconds }
    }
  }
`;

const healthSchema = z.object({
  status: z.enum(['OK', 'DEGRADED', 'DOWN']),
  checkedAt: z.string(),
  database: z.object({
    ok: z.boolean(),
    latencyMs: z.number().nullable(),
    serverVersion: z.string().nullable(),
    error: z.string().nullable(),
  }),
  migrations: z.object({
    ok: z.boolean(),
    expected: z.number().nullable(),
    applied: z.number().nullable(),
    latest: z.string().nullable(),
  }),
  worker: z.object({
    ok: z.boolean(),
    workerId: z.string().nullable(),
    lastSeenAt: z.string().nullable(),
    ageSeconds: z.number().nullable(),
  }),
});

export type SystemHealth = z.infer<typeof healthSchema>;

/** Asks `/api/graphql` for the system health; throws with the server's reason when there is no answer. */
export async function fetchSystemHealth(signal?: AbortSignal): Promise<SystemHealth> {
  return (await graphqlRequest(HEALTH_QUERY, {}, z.object({ health: healthSchema }), signal)).health;
}
