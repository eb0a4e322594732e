import { z } from 'zod';

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

const responseSchema = z.object({
  data: z.object({ health: healthSchema }).nullish(),
  errors: z.array(z.object({ message: z.string() })).optional(),
});

/** Asks `/api/graphql` for the system health; throws with the server's reason when there is no answer. */
export async function fetchSystemHealth(signal?: AbortSignal): Promise<SystemHealth> {
  const response = await fetch('/api/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query: HEALTH_QUERY, operationName: 'SystemHealth' }),
    ...(signal ? { signal } : {}),
  });
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = responseSchema.safeParse(body);
  if (parsed.success && parsed.data.data) return parsed.data.data.health;
  const reason = parsed.success ? parsed.data.errors?.map((error) => error.message).join('; ') : undefined;
  throw new Error(reason ?? `the server answered ${response.status} ${response.statusText}`.trim());
}
