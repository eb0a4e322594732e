export { createDbClient, type Database, type DbClient } from './client';
export { runMigrations, MIGRATIONS_FOLDER } from './migrate';
export { latestWorkerHeartbeat, migrationStatus, pingDatabase, type MigrationStatus } from './health';
export { SecretBox, SecretError, generateSecretKey, parseSecretKey } from './secrets';
export * from './queries/stores';
export * from './queries/worker-heartbeats';
export * from './queries/merge-queue';
export * from './queries/jobs';
