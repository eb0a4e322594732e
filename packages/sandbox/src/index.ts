/**
 * The sandbox: simulated Shopify stores, a Dataverse org and Entra ID, all local (DESIGN.md, "Sandbox and the
 * embedded default"). `startSandbox` runs them together with demo data; each simulator can also run alone.
 */
export { startSandbox, type RunningSandbox, type SandboxDetails, type SandboxOptions } from './sandbox';
export { startShopifySimulator, createShopifySimulator, simulatorFetch, type ShopConfig } from './shopify';
export { createDataverseOrg } from './dataverse';
export type { OrgSeed, BusinessUnitSeed, PriceListSeed, CurrencySeed, SeededReference } from './dataverse';
export { startDataverseSimulator, createDataverseGateway, type ServiceProtectionLimits } from './dataverse-gateway';
export { startEntraSimulator, createTokenVerifier, msalAuthoritySettings } from './entra';
export { generateDemoData } from './demo-data/generate-demo-data';
export { createPrng, type Prng } from './demo-data/prng';
export { loadDemoData } from './demo-data/load-demo-data';
export { createWebhookDispatcher } from './shopify-webhooks/webhook-dispatcher';
export type { SimHandler, SimRequest, SimResponse } from './http/types';
