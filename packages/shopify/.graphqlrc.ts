import { ApiType, pluckConfig, preset } from '@shopify/api-codegen-preset';

/**
 * Types for our `#graphql` documents, generated offline from Shopify's published schema in reference/ (never from
 * the network): `pnpm --filter @shopverse/shopify codegen`. The output is committed.
 */
export default {
  schema: '../../reference/shopify/graphql-schema/admin-2025-01.introspection.json',
  documents: ['./src/documents/*.ts'],
  extensions: {
    codegen: {
      pluckConfig,
      generates: {
        './src/generated/admin.types.d.ts': { plugins: ['typescript'], config: { enumsAsConst: true } },
        './src/generated/admin.generated.d.ts': { preset, presetConfig: { apiType: ApiType.Admin } },
      },
    },
  },
};
