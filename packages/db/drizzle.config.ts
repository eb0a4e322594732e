import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema and committed (`pnpm --filter @shopverse/db generate --name <change>`);
// see CONVENTIONS.md. No credentials: `generate` diffs the schema against the last snapshot, not a database.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './drizzle',
  // graphile-worker owns the `graphile_worker` schema; drizzle-kit must never look at or touch it.
  schemaFilter: ['public'],
  strict: true,
  verbose: true,
});
