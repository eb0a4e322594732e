CREATE TABLE "crm_change_cursors" (
	"org_id" uuid NOT NULL,
	"crm_table" text NOT NULL,
	"delta_link" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "crm_change_cursors_pkey" PRIMARY KEY("org_id","crm_table")
);
--> statement-breakpoint
ALTER TABLE "crm_change_cursors" ADD CONSTRAINT "crm_change_cursors_org_id_crm_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."crm_orgs"("id") ON DELETE cascade ON UPDATE no action;