ALTER TABLE "worker_heartbeats" ADD COLUMN "graphile_worker_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "worker_heartbeats" ADD COLUMN "heartbeat_seconds" integer;