/** The simulated Entra ID: what the sandbox start-up, the Dataverse simulator and tests use. */
export type { ConsoleRole, EntraApp, EntraSimulatorOptions, EntraTenant, EntraUser } from './entra-config';
export { appObjectId, userObjectId } from './entra-config';
export type { EntraSimulator, RunningEntraSimulator } from './entra-simulator';
export { createEntraSimulator, startEntraSimulator } from './entra-simulator';
export type { MsalAuthoritySettings } from './msal-settings';
export { msalAuthoritySettings } from './msal-settings';
export type { TokenCheck, TokenVerifier } from './token-verifier';
export type { TokenVerifierOptions, TrustedIssuers } from './verify-token';
export { createTokenVerifier } from './verify-token';
