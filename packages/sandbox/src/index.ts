import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The sandbox: simulated Shopify stores, a Dataverse org and Entra ID, all local (DESIGN.md, "Sandbox and the
 * embedded default"). The simulators themselves arrive with the sandbox issues; for now the sandbox publishes the
 * connection details of the parts that exist, in the shape DESIGN.md gives for `.data/sandbox.json`.
 */
export interface SandboxOptions {
  dataDir: string;
  /** Base URL of the running console, e.g. http://127.0.0.1:3000. */
  webUrl: string;
}

export interface SandboxDetails {
  web: string;
  graphql: string;
  webhookUrl: string;
  shopify: unknown[];
}

export interface RunningSandbox {
  details: SandboxDetails;
  /** Where the details were written. */
  file: string;
  stop(): Promise<void>;
}

export function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const details: SandboxDetails = {
    web: options.webUrl,
    graphql: `${options.webUrl}/api/graphql`,
    webhookUrl: `${options.webUrl}/api/webhooks/shopify`,
    shopify: [],
  };
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, 'sandbox.json');
  // It will hold tokens and client secrets of the simulators: readable by its owner only.
  writeFileSync(file, `${JSON.stringify(details, null, 2)}\n`, { mode: 0o600 });
  return Promise.resolve({ details, file, stop: () => Promise.resolve() });
}
