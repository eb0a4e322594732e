import { fileURLToPath } from 'node:url';
import type { NextConfig } from 'next';

// The pnpm workspace root: Next traces server files from here and must not guess it from stray lockfiles.
const workspaceRoot = fileURLToPath(new URL('../..', import.meta.url));

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Our packages export TypeScript source, not built JavaScript.
  transpilePackages: ['@shopverse/db', '@shopverse/sync-core', '@shopverse/shopify', '@shopverse/dataverse'],
  outputFileTracingRoot: workspaceRoot,
  turbopack: { root: workspaceRoot },
};

export default nextConfig;
