/** What the integration tests' global setup hands to every test file. */
export {};

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where test files create their databases (a server URL with CREATE DATABASE rights). */
    databaseAdminUrl: string;
    /** The migrated template every test database is cloned from. */
    databaseTemplate: string;
    /** Where the suite's PostgreSQL came from. */
    databaseSource: 'env' | 'embedded';
  }
}
