CREATE INDEX "webhook_deliveries_received_at_idx" ON "webhook_deliveries" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "dead_letters_unresolved_record_idx" ON "dead_letters" USING btree ("store_id","shopify_gid") WHERE "dead_letters"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "api_call_stats_minute_idx" ON "api_call_stats" USING btree ("minute");