CREATE TYPE "public"."api_token_role" AS ENUM('viewer', 'operator', 'admin');--> statement-breakpoint
CREATE TYPE "public"."error_class" AS ENUM('transient', 'dependency', 'permanent');--> statement-breakpoint
CREATE TYPE "public"."mapping_entity" AS ENUM('customer', 'company', 'order', 'refund', 'fulfillment');--> statement-breakpoint
CREATE TYPE "public"."merge_status" AS ENUM('open', 'resolved', 'dismissed');--> statement-breakpoint
CREATE TYPE "public"."shopify_type" AS ENUM('customer', 'company', 'company_location', 'order', 'line_item', 'refund', 'fulfillment');--> statement-breakpoint
CREATE TYPE "public"."store_status" AS ENUM('active', 'paused', 'disconnected');--> statement-breakpoint
CREATE TYPE "public"."sync_direction" AS ENUM('shopify_to_crm', 'crm_to_shopify');--> statement-breakpoint
CREATE TYPE "public"."sync_outcome" AS ENUM('created', 'updated', 'unchanged', 'skipped', 'ambiguous', 'failed', 'retrying');--> statement-breakpoint
CREATE TABLE "stores" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"shop_domain" text NOT NULL,
	"name" text NOT NULL,
	"api_version" text NOT NULL,
	"access_token_encrypted" text,
	"webhook_secret_encrypted" text,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"settings_version" integer DEFAULT 1 NOT NULL,
	"status" "store_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stores_key_key" UNIQUE("key"),
	CONSTRAINT "stores_shop_domain_key" UNIQUE("shop_domain"),
	CONSTRAINT "stores_key_format" CHECK ("stores"."key" ~ '^[a-z0-9]+$')
);
--> statement-breakpoint
CREATE TABLE "crm_orgs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"api_url" text NOT NULL,
	"tenant_id" text NOT NULL,
	"client_id" text NOT NULL,
	"client_secret_encrypted" text,
	"authority_url" text,
	"publisher_prefix" text DEFAULT 'sv' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crm_orgs_url_key" UNIQUE("url")
);
--> statement-breakpoint
CREATE TABLE "store_connections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"mapping_version" integer DEFAULT 1 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "store_connections_store_id_org_id_key" UNIQUE("store_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"entity" "mapping_entity" NOT NULL,
	"version" integer NOT NULL,
	"target_table" text NOT NULL,
	"field_map" jsonb NOT NULL,
	"matching_keys" jsonb NOT NULL,
	"conflict_policy" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"is_active" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mappings_store_id_entity_version_key" UNIQUE("store_id","entity","version"),
	CONSTRAINT "mappings_version_positive" CHECK ("mappings"."version" >= 1),
	CONSTRAINT "mappings_matching_keys_array" CHECK (jsonb_typeof("mappings"."matching_keys") = 'array')
);
--> statement-breakpoint
CREATE TABLE "entity_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"shopify_type" "shopify_type" NOT NULL,
	"shopify_gid" text NOT NULL,
	"org_id" uuid NOT NULL,
	"crm_table" text NOT NULL,
	"crm_id" uuid NOT NULL,
	"shopify_updated_at" timestamp with time zone,
	"content_hash" text,
	"crm_etag" text,
	"last_synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_correlation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entity_links_store_id_shopify_type_shopify_gid_key" UNIQUE("store_id","shopify_type","shopify_gid"),
	CONSTRAINT "entity_links_shopify_gid_format" CHECK ("entity_links"."shopify_gid" like 'gid://shopify/%')
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"topic" text NOT NULL,
	"webhook_id" text,
	"shopify_triggered_at" timestamp with time zone,
	"headers" jsonb NOT NULL,
	"body" text NOT NULL,
	"correlation_id" uuid NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "webhook_deliveries_store_id_event_id_topic_key" UNIQUE("store_id","event_id","topic")
);
--> statement-breakpoint
CREATE TABLE "sync_cursors" (
	"store_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"cursor_updated_at" timestamp with time zone NOT NULL,
	"cursor_gid" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_cursors_pkey" PRIMARY KEY("store_id","entity")
);
--> statement-breakpoint
CREATE TABLE "sync_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"correlation_id" uuid NOT NULL,
	"store_id" uuid NOT NULL,
	"org_id" uuid,
	"entity" text NOT NULL,
	"shopify_gid" text,
	"order_name" text,
	"email" text,
	"crm_table" text,
	"crm_id" uuid,
	"direction" "sync_direction" NOT NULL,
	"outcome" "sync_outcome" NOT NULL,
	"error_class" "error_class",
	"error_code" text,
	"error_message" text,
	"request" jsonb,
	"response" jsonb,
	"attempt" integer DEFAULT 1 NOT NULL,
	"duration_ms" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "sync_attempts_email_lower_case" CHECK ("sync_attempts"."email" = lower("sync_attempts"."email")),
	CONSTRAINT "sync_attempts_attempt_positive" CHECK ("sync_attempts"."attempt" >= 1)
);
--> statement-breakpoint
CREATE TABLE "merge_queue" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"shopify_type" "shopify_type" NOT NULL,
	"shopify_gid" text NOT NULL,
	"reason" text NOT NULL,
	"candidates" jsonb NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "merge_status" DEFAULT 'open' NOT NULL,
	"resolution" jsonb,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"correlation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "merge_queue_resolved_at_matches_status" CHECK (("merge_queue"."status" = 'open') = ("merge_queue"."resolved_at" is null))
);
--> statement-breakpoint
CREATE TABLE "dead_letters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"task_identifier" text NOT NULL,
	"job_key" text,
	"payload" jsonb NOT NULL,
	"correlation_id" uuid NOT NULL,
	"error_class" "error_class" NOT NULL,
	"error_code" text NOT NULL,
	"error_message" text NOT NULL,
	"attempts" integer NOT NULL,
	"failed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"replayed_at" timestamp with time zone,
	"replayed_by" text
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor" text NOT NULL,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"store_id" uuid,
	"org_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"correlation_id" uuid,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_prefix" text NOT NULL,
	"role" "api_token_role" NOT NULL,
	"org_id" uuid,
	"store_id" uuid,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_key" UNIQUE("token_hash"),
	CONSTRAINT "api_tokens_token_hash_format" CHECK ("api_tokens"."token_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "api_tokens_one_scope" CHECK (num_nonnulls("api_tokens"."org_id", "api_tokens"."store_id") <= 1)
);
--> statement-breakpoint
CREATE TABLE "worker_heartbeats" (
	"worker_id" text PRIMARY KEY NOT NULL,
	"hostname" text NOT NULL,
	"pid" integer NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "store_connections" ADD CONSTRAINT "store_connections_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "store_connections" ADD CONSTRAINT "store_connections_org_id_crm_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."crm_orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mappings" ADD CONSTRAINT "mappings_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_links" ADD CONSTRAINT "entity_links_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entity_links" ADD CONSTRAINT "entity_links_org_id_crm_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."crm_orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_cursors" ADD CONSTRAINT "sync_cursors_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_attempts" ADD CONSTRAINT "sync_attempts_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_attempts" ADD CONSTRAINT "sync_attempts_org_id_crm_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."crm_orgs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_queue" ADD CONSTRAINT "merge_queue_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "merge_queue" ADD CONSTRAINT "merge_queue_org_id_crm_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."crm_orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD CONSTRAINT "dead_letters_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_org_id_crm_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."crm_orgs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_org_id_crm_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."crm_orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "store_connections_org_id_idx" ON "store_connections" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mappings_store_id_entity_active_key" ON "mappings" USING btree ("store_id","entity") WHERE "mappings"."is_active";--> statement-breakpoint
CREATE INDEX "entity_links_org_id_crm_table_crm_id_idx" ON "entity_links" USING btree ("org_id","crm_table","crm_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_store_id_received_at_idx" ON "webhook_deliveries" USING btree ("store_id","received_at");--> statement-breakpoint
CREATE INDEX "sync_attempts_correlation_id_idx" ON "sync_attempts" USING btree ("correlation_id");--> statement-breakpoint
CREATE INDEX "sync_attempts_store_id_order_name_idx" ON "sync_attempts" USING btree ("store_id","order_name") WHERE "sync_attempts"."order_name" is not null;--> statement-breakpoint
CREATE INDEX "sync_attempts_store_id_email_idx" ON "sync_attempts" USING btree ("store_id","email") WHERE "sync_attempts"."email" is not null;--> statement-breakpoint
CREATE INDEX "sync_attempts_crm_id_idx" ON "sync_attempts" USING btree ("crm_id") WHERE "sync_attempts"."crm_id" is not null;--> statement-breakpoint
CREATE INDEX "sync_attempts_store_id_shopify_gid_idx" ON "sync_attempts" USING btree ("store_id","shopify_gid") WHERE "sync_attempts"."shopify_gid" is not null;--> statement-breakpoint
CREATE INDEX "sync_attempts_started_at_idx" ON "sync_attempts" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "sync_attempts_store_id_outcome_started_at_idx" ON "sync_attempts" USING btree ("store_id","outcome","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "merge_queue_store_id_shopify_type_shopify_gid_open_key" ON "merge_queue" USING btree ("store_id","shopify_type","shopify_gid") WHERE "merge_queue"."status" = 'open';--> statement-breakpoint
CREATE INDEX "merge_queue_store_id_status_created_at_idx" ON "merge_queue" USING btree ("store_id","status","created_at");--> statement-breakpoint
CREATE INDEX "dead_letters_store_id_failed_at_idx" ON "dead_letters" USING btree ("store_id","failed_at");--> statement-breakpoint
CREATE INDEX "audit_events_occurred_at_idx" ON "audit_events" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "audit_events_store_id_occurred_at_idx" ON "audit_events" USING btree ("store_id","occurred_at");