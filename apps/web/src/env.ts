import { parseSecretKey } from '@shopverse/db/secrets';
import { z } from 'zod';

const DATABASE_URL_HELP =
  'set it to the PostgreSQL URL, e.g. postgres://user:pass@host:5432/shopverse (the start command sets it for you)';
const SECRET_KEY_HELP =
  'set it to 32 random bytes in base64, the same key the worker uses ' +
  `(make one with: node -e "console.log(require('crypto').randomBytes(32).toString('base64'))"; ` +
  'with the embedded database the start command makes one for you)';
const DEFAULT_WORKER_STALE_SECONDS = 60;
const SIGN_IN_HELP =
  "console sign-in needs NEXTAUTH_URL (the console's public URL), NEXTAUTH_SECRET (32+ random characters), and the " +
  "Entra ID app registration's ENTRA_CLIENT_ID, ENTRA_CLIENT_SECRET and ENTRA_ISSUER " +
  '(https://login.microsoftonline.com/<tenant id>/v2.0); the start command sets them for the sandbox';
const SIGN_IN_VARIABLES = [
  'NEXTAUTH_URL',
  'NEXTAUTH_SECRET',
  'ENTRA_CLIENT_ID',
  'ENTRA_CLIENT_SECRET',
  'ENTRA_ISSUER',
] as const;

/** An empty variable (`FOO=`) is treated as unset, which is what people mean by it. */
function blankAsUnset(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && ['http:', 'https:'].includes(new URL(value).protocol);
}

function isPostgresUrl(value: string): boolean {
  return URL.canParse(value) && ['postgres:', 'postgresql:'].includes(new URL(value).protocol);
}

// Every message names its variable and says what to set. None repeats the value it rejects: DATABASE_URL carries a
// password and SHOPVERSE_SECRET_KEY is the key itself.
const envSchema = z
  .object({
    DATABASE_URL: z.preprocess(
      blankAsUnset,
      z
        .string({ error: `DATABASE_URL is missing: ${DATABASE_URL_HELP}` })
        .trim()
        .refine(isPostgresUrl, {
          error: `DATABASE_URL is not a postgres:// or postgresql:// URL: ${DATABASE_URL_HELP}`,
        }),
    ),
    SHOPVERSE_SECRET_KEY: z.preprocess(
      blankAsUnset,
      z
        .string({ error: `SHOPVERSE_SECRET_KEY is missing: ${SECRET_KEY_HELP}` })
        .trim()
        .superRefine((value, context) => {
          try {
            parseSecretKey(value, 'SHOPVERSE_SECRET_KEY');
          } catch (error) {
            // parseSecretKey names the variable and the decoded length, never the value.
            context.addIssue({ code: 'custom', message: (error as Error).message });
          }
        }),
    ),
    SHOPVERSE_WORKER_STALE_SECONDS: z.preprocess(
      blankAsUnset,
      z
        .string()
        .trim()
        .regex(/^[1-9]\d*$/, {
          error: (issue) =>
            `SHOPVERSE_WORKER_STALE_SECONDS must be a whole number of seconds above 0, not ${JSON.stringify(issue.input)}: ` +
            `set it to e.g. ${DEFAULT_WORKER_STALE_SECONDS}, or leave it unset for ${DEFAULT_WORKER_STALE_SECONDS}`,
        })
        .transform(Number)
        .default(DEFAULT_WORKER_STALE_SECONDS),
    ),
    METRICS_TOKEN: z.preprocess(blankAsUnset, z.string().trim().optional()),
    // Read by the GraphQL server itself (limits.ts, at import); checked here so a typo fails at start.
    SHOPVERSE_GRAPHQL_INTROSPECTION: z.preprocess(
      blankAsUnset,
      z
        .enum(['on', 'off'], {
          error: 'SHOPVERSE_GRAPHQL_INTROSPECTION must be "on" or "off", or unset (on, except in production)',
        })
        .optional(),
    ),
    NEXTAUTH_URL: z.preprocess(
      blankAsUnset,
      z
        .string()
        .trim()
        .refine(isHttpUrl, { error: `NEXTAUTH_URL is not an http(s) URL: ${SIGN_IN_HELP}` })
        .optional(),
    ),
    NEXTAUTH_SECRET: z.preprocess(
      blankAsUnset,
      z
        .string()
        .trim()
        .min(32, { error: `NEXTAUTH_SECRET is shorter than 32 characters: ${SIGN_IN_HELP}` })
        .optional(),
    ),
    ENTRA_CLIENT_ID: z.preprocess(blankAsUnset, z.string().trim().optional()),
    ENTRA_CLIENT_SECRET: z.preprocess(blankAsUnset, z.string().trim().optional()),
    ENTRA_ISSUER: z.preprocess(
      blankAsUnset,
      z
        .string()
        .trim()
        .refine(isHttpUrl, { error: `ENTRA_ISSUER is not an http(s) URL: ${SIGN_IN_HELP}` })
        .transform((value) => value.replace(/\/+$/, ''))
        .optional(),
    ),
  })
  .superRefine((env, context) => {
    // Sign-in needs all five; some without the others is a half-done setup, which should fail loudly at start, not at
    // the first person's sign-in.
    const given = SIGN_IN_VARIABLES.filter((name) => env[name] !== undefined);
    if (given.length === 0 || given.length === SIGN_IN_VARIABLES.length) return;
    for (const name of SIGN_IN_VARIABLES.filter((name) => env[name] === undefined)) {
      context.addIssue({ code: 'custom', path: [name], message: `${name} is missing: ${SIGN_IN_HELP}` });
    }
  });

/**
 * What decides GraphQL introspection (limits.ts). Read apart from getEnv: the GraphQL server is built at import, which
 * `next build` does without an environment.
 */
export function graphqlIntrospectionEnv(): { NODE_ENV?: string; SHOPVERSE_GRAPHQL_INTROSPECTION?: string } {
  return {
    NODE_ENV: process.env.NODE_ENV,
    SHOPVERSE_GRAPHQL_INTROSPECTION: process.env.SHOPVERSE_GRAPHQL_INTROSPECTION,
  };
}

/** The web app's validated environment. */
export interface Env {
  /** Where the app's PostgreSQL is. */
  DATABASE_URL: string;
  /** Base64 of the 32-byte key that seals stored secrets (see `SecretBox`). */
  SHOPVERSE_SECRET_KEY: string;
  /** A worker whose last heartbeat is older than this many seconds counts as gone. */
  SHOPVERSE_WORKER_STALE_SECONDS: number;
  /** When set, `/metrics` answers only `Authorization: Bearer <this token>`; unset, anyone who reaches it may scrape. */
  METRICS_TOKEN?: string | undefined;
  /** GraphQL introspection: `on` or `off`; unset, it is on except when NODE_ENV=production. */
  SHOPVERSE_GRAPHQL_INTROSPECTION?: 'on' | 'off' | undefined;
  /**
   * Console sign-in (next-auth with Entra ID): all five or none. With none, nobody can sign in to the console and
   * only API tokens reach `/api/graphql`.
   */
  NEXTAUTH_URL?: string | undefined;
  /** Signs and encrypts the session cookie. */
  NEXTAUTH_SECRET?: string | undefined;
  /** The console's app registration in Entra ID. */
  ENTRA_CLIENT_ID?: string | undefined;
  ENTRA_CLIENT_SECRET?: string | undefined;
  /** The tenant's issuer, e.g. `https://login.microsoftonline.com/<tenant id>/v2.0`; discovery is read below it. */
  ENTRA_ISSUER?: string | undefined;
}

/** The environment is missing or wrong; `problems` has one line per variable, each saying what to set. */
export class EnvError extends Error {
  readonly code = 'ENV_INVALID';
  override readonly name = 'EnvError';

  constructor(readonly problems: string[]) {
    super(`The web app cannot start; fix its environment:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
  }
}

/** Validates `source` (shaped like `process.env`) and reports every problem at once, not only the first. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(
    result.error.issues.map((issue) => {
      const name = issue.path.join('.');
      // Our messages start with the variable's name; anything zod phrases itself gets the name put in front.
      return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
    }),
  );
}

let cached: Env | undefined;

/**
 * The environment, validated on first use and then kept. Not at import time: `next build` imports the route modules
 * with no environment at all.
 */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
