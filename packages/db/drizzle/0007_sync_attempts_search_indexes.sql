DROP INDEX "sync_attempts_store_id_order_name_idx";--> statement-breakpoint
DROP INDEX "sync_attempts_store_id_email_idx";--> statement-breakpoint
DROP INDEX "sync_attempts_store_id_shopify_gid_idx";--> statement-breakpoint
CREATE INDEX "sync_attempts_order_name_store_id_idx" ON "sync_attempts" USING btree ("order_name","store_id") WHERE "sync_attempts"."order_name" is not null;--> statement-breakpoint
CREATE INDEX "sync_attempts_email_store_id_idx" ON "sync_attempts" USING btree ("email","store_id") WHERE "sync_attempts"."email" is not null;--> statement-breakpoint
CREATE INDEX "sync_attempts_shopify_gid_store_id_idx" ON "sync_attempts" USING btree ("shopify_gid","store_id") WHERE "sync_attempts"."shopify_gid" is not null;--> statement-breakpoint
CREATE INDEX "sync_attempts_outcome_started_at_idx" ON "sync_attempts" USING btree ("outcome","started_at");