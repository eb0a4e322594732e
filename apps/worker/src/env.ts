import { z } from 'zod';
import { parseSecretKey } from '@shopverse/db';

const schema = z.object({
  DATABASE_URL: z
    .string({ error: 'is missing: set it to the PostgreSQL URL (the start command sets it for you)' })
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL, e.g. postgres://user:pass@host:5432/shopverse'),
  SHOPVERSE_SECRET_KEY: z
    .string({ error: 'is missing: set it to 32 random bytes in base64 (the start command sets it for you)' })
    .refine(
      (value) => {
        try {
          parseSecretKey(value);
          return true;
        } catch {
          return false;
        }
      },
      { error: 'must be 32 random bytes in base64 (44 characters)' },
    ),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(16),
  WORKER_HEARTBEAT_SECONDS: z.coerce.number().int().min(1).max(300).default(15),
  SYNC_ATTEMPTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
});

export type WorkerEnv = z.infer<typeof schema>;

/** Validates a set of variables; the error lists every problem at once, each with the variable to set. */
export function parseEnv(source: Record<string, string | undefined>): WorkerEnv {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.')} ${issue.message}`);
  throw new Error(`The worker cannot start; fix its environment:\n${problems.join('\n')}`);
}

/** The worker's environment, validated; the one place that reads process.env. */
export function loadEnv(): WorkerEnv {
  return parseEnv(process.env);
}
