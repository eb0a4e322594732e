ALTER TYPE "public"."shopify_type" ADD VALUE 'address_company' BEFORE 'order';--> statement-breakpoint
ALTER TABLE "stores" ADD COLUMN "api_base_url" text;--> statement-breakpoint
ALTER TABLE "entity_links" ADD COLUMN "written_values" jsonb;