CREATE TABLE "backfills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"bulk_operation_id" text,
	"result_url" text,
	"total_records" integer,
	"lines_read" bigint DEFAULT 0 NOT NULL,
	"records_queued" integer DEFAULT 0 NOT NULL,
	"records_skipped" integer DEFAULT 0 NOT NULL,
	"correlation_id" uuid NOT NULL,
	"requested_by" text NOT NULL,
	"error_message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"bulk_completed_at" timestamp with time zone,
	"ingested_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "backfills_status_known" CHECK ("backfills"."status" in ('pending', 'bulk_running', 'ingesting', 'syncing', 'completed', 'failed', 'cancelled')),
	CONSTRAINT "backfills_entity_known" CHECK ("backfills"."entity" in ('customer', 'company', 'order'))
);
--> statement-breakpoint
CREATE TABLE "api_call_stats" (
	"api" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"minute" timestamp with time zone NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"throttled" integer DEFAULT 0 NOT NULL,
	"throttle_wait_ms" bigint DEFAULT 0 NOT NULL,
	"errors" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "api_call_stats_pkey" PRIMARY KEY("api","subject_id","minute"),
	CONSTRAINT "api_call_stats_api_known" CHECK ("api_call_stats"."api" in ('shopify', 'dataverse'))
);
--> statement-breakpoint
ALTER TABLE "sync_attempts" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "sync_attempts" ADD COLUMN "received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sync_attempts" ADD COLUMN "dry_run" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD COLUMN "entity" text;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD COLUMN "shopify_gid" text;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "backfills" ADD CONSTRAINT "backfills_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "backfills_one_active_per_entity" ON "backfills" USING btree ("store_id","entity") WHERE "backfills"."status" in ('pending', 'bulk_running', 'ingesting', 'syncing');--> statement-breakpoint
CREATE INDEX "backfills_store_id_created_at_idx" ON "backfills" USING btree ("store_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dead_letters_open_job_key" ON "dead_letters" USING btree ("store_id","task_identifier","job_key") WHERE "dead_letters"."replayed_at" is null and "dead_letters"."resolved_at" is null and "dead_letters"."job_key" is not null;