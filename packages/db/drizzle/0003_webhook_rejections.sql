CREATE TABLE "webhook_rejections" (
	"shop_domain" text NOT NULL,
	"reason" text NOT NULL,
	"day" date NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "webhook_rejections_pkey" PRIMARY KEY("shop_domain","reason","day"),
	CONSTRAINT "webhook_rejections_count_positive" CHECK ("webhook_rejections"."count" >= 0)
);
