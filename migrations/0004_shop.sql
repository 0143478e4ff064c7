CREATE TABLE "redemption" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"household_id" uuid,
	"community_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"quantity" integer NOT NULL,
	"points" integer NOT NULL,
	"cash_value_fen" integer NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"voucher_code" text NOT NULL,
	"state" text NOT NULL,
	"proxy_user_id" uuid,
	"created_by" uuid,
	"expires_at" timestamp with time zone NOT NULL,
	"fulfilled_at" timestamp with time zone,
	"fulfilled_by" uuid,
	"closed_at" timestamp with time zone,
	"closed_reason" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shop_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"photo_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"price_points" integer NOT NULL,
	"cash_value_fen" integer NOT NULL,
	"stock" integer,
	"limit_per_person" integer,
	"limit_period" text DEFAULT 'month' NOT NULL,
	"participants" text[] NOT NULL,
	"hardship_only" boolean DEFAULT false NOT NULL,
	"available_from" timestamp with time zone,
	"available_to" timestamp with time zone,
	"community_ids" uuid[] NOT NULL,
	"privilege_days" integer,
	"voucher_valid_days" integer DEFAULT 30 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shop_provider" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"ref_type" text NOT NULL,
	"ref_id" uuid NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "role_grant" ADD COLUMN "provider_id" uuid;--> statement-breakpoint
ALTER TABLE "redemption" ADD CONSTRAINT "redemption_item_id_shop_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."shop_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_item" ADD CONSTRAINT "shop_item_provider_id_shop_provider_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."shop_provider"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "redemption_idem_idx" ON "redemption" USING btree ("account_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "redemption_voucher_idx" ON "redemption" USING btree ("voucher_code");--> statement-breakpoint
CREATE INDEX "redemption_item_idx" ON "redemption" USING btree ("item_id","account_id");--> statement-breakpoint
CREATE INDEX "redemption_expiry_idx" ON "redemption" USING btree ("state","expires_at");--> statement-breakpoint
CREATE INDEX "redemption_provider_idx" ON "redemption" USING btree ("provider_id","fulfilled_at");--> statement-breakpoint
CREATE INDEX "shop_item_path_idx" ON "shop_item" USING btree ("org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "shop_provider_ref_idx" ON "shop_provider" USING btree ("ref_type","ref_id");--> statement-breakpoint
CREATE INDEX "ledger_entry_created_idx" ON "ledger_entry" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "ledger_entry_cause_idx" ON "ledger_entry" USING btree ("cause_type","cause_id");--> statement-breakpoint
ALTER TABLE "shop_item" ADD CONSTRAINT "shop_item_stock_nonneg" CHECK ("stock" IS NULL OR "stock" >= 0);--> statement-breakpoint
ALTER TABLE "redemption" ADD CONSTRAINT "redemption_quantity_pos" CHECK ("quantity" > 0);
