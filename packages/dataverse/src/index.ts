/**
 * The Dataverse Web API client (DESIGN.md): token provider, OData requests, `$batch`, upsert by alternate key,
 * Retry-After, and provisioning of our columns and keys. Filled in by the connectors issue.
 */

/** The Web API version path we call. */
export const DATAVERSE_API_PATH = '/api/data/v9.2/';
