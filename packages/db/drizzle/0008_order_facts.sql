CREATE TABLE "order_facts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"shopify_gid" text NOT NULL,
	"order_name" text NOT NULL,
	"crm_table" text NOT NULL,
	"crm_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"total" numeric(19, 4) NOT NULL,
	"refunded" numeric(19, 4) DEFAULT '0' NOT NULL,
	"locale" text NOT NULL,
	"status" text NOT NULL,
	"customer_crm_id" uuid,
	"processed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_facts_store_id_shopify_gid_key" UNIQUE("store_id","shopify_gid"),
	CONSTRAINT "order_facts_shopify_gid_format" CHECK ("order_facts"."shopify_gid" like 'gid://shopify/Order/%'),
	CONSTRAINT "order_facts_currency_format" CHECK ("order_facts"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "order_facts_amounts" CHECK ("order_facts"."total" >= 0 and "order_facts"."refunded" >= 0),
	CONSTRAINT "order_facts_status" CHECK ("order_facts"."status" in ('open', 'fulfilled', 'cancelled', 'refunded', 'partially_refunded'))
);
--> statement-breakpoint
ALTER TABLE "order_facts" ADD CONSTRAINT "order_facts_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_facts" ADD CONSTRAINT "order_facts_org_id_crm_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."crm_orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_facts_org_id_processed_at_idx" ON "order_facts" USING btree ("org_id","processed_at");