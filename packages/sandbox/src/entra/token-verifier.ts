/** What the Dataverse gateway needs of Entra ID: checking a bearer token for its own audience. */
export type TokenCheck =
  | {
      ok: true;
      /** The caller for service protection (Dataverse counts per user: the app's service principal for app tokens). */
      subject: string;
      claims: Record<string, unknown>;
    }
  | {
      ok: false;
      /** What is wrong, for the 401 body and the WWW-Authenticate header. */
      reason: string;
    };

export type TokenVerifier = (bearerToken: string, audience: string) => Promise<TokenCheck>;
