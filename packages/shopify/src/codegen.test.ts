import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from 'vitest';
import config from '../.graphqlrc';

const root = join(import.meta.dirname, '..');

describe('generated GraphQL types', () => {
  it('match the documents and the schema in reference/ (run `pnpm --filter @shopverse/shopify codegen` if not)', async () => {
    // Action: generate in memory, from the package folder as the CLI does. The preset's pluck settings are typed
    // more loosely than the CLI's Config, hence the cast.
    const codegenConfig = {
      schema: config.schema,
      documents: config.documents,
      ...config.extensions.codegen,
      cwd: root,
      silent: true,
    };
    const outputs = (await generate(codegenConfig as Parameters<typeof generate>[0], false)) as {
      filename: string;
      content: string;
    }[];
    // Assertions
    expect(outputs.map((output) => output.filename).sort()).toEqual([
      './src/generated/admin.generated.d.ts',
      './src/generated/admin.types.d.ts',
    ]);
    for (const output of outputs) {
      expect(output.content, output.filename).toBe(readFileSync(join(root, output.filename), 'utf8'));
    }
  }, 120_000);
});
