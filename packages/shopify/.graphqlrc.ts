import { ApiType, pluckConfig, preset } from '@shopify/api-codegen-preset';

/**
 * Shopify's custom scalars travel as JSON strings (money and 64-bit counts as decimal strings, never numbers: SHOPIFY.md),
 * except JSON itself; typing them so keeps `any` out of the generated types.
 */
const scalars = {
  ARN: 'string',
  BigInt: 'string',
  Color: 'string',
  Date: 'string',
  DateTime: 'string',
  Decimal: 'string',
  FormattedString: 'string',
  HTML: 'string',
  JSON: 'unknown',
  Money: 'string',
  StorefrontID: 'string',
  URL: 'string',
  UnsignedInt64: 'string',
  UtcOffset: 'string',
};

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
        './src/generated/admin.types.d.ts': { plugins: ['typescript'], config: { enumsAsConst: true, scalars } },
        './src/generated/admin.generated.d.ts': { preset, presetConfig: { apiType: ApiType.Admin } },
      },
    },
  },
};
