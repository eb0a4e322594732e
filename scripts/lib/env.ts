import { resolve } from 'node:path';
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL, or unset to use the embedded database')
    .optional(),
  SHOPVERSE_SECRET_KEY: z.string().optional(),
  SHOPVERSE_DATA_DIR: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  SHOPVERSE_SANDBOX: z.enum(['auto', 'on', 'off'], { error: 'must be auto, on or off' }).default('auto'),
});

export type StartEnv = z.infer<typeof schema> & { dataDir: string };

/** The start command's environment, validated once; every problem is listed together. */
export function loadStartEnv(root: string, source: Record<string, string | undefined> = process.env): StartEnv {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  - ${issue.path.join('.')} ${issue.message}`);
    throw new Error(`Shopverse cannot start; fix its environment:\n${problems.join('\n')}`);
  }
  return { ...result.data, dataDir: resolve(root, result.data.SHOPVERSE_DATA_DIR ?? '.data') };
}
