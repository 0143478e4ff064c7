CREATE TABLE "file_object" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"storage_key" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"org_path" text NOT NULL,
	"household_id" uuid,
	"uploaded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "award" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"year" integer NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"participant" text,
	"state" text NOT NULL,
	"published_at" timestamp with time zone,
	"snapshot" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "award_winner" (
	"award_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"points" integer NOT NULL,
	"citation" text
);
--> statement-breakpoint
CREATE TABLE "claim" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"household_id" uuid,
	"account_id" uuid NOT NULL,
	"person_id" uuid,
	"participant" text NOT NULL,
	"rule_id" uuid NOT NULL,
	"rulebook_id" uuid NOT NULL,
	"rulebook_version" integer NOT NULL,
	"kind" text NOT NULL,
	"quantity" integer NOT NULL,
	"points" integer NOT NULL,
	"deed_date" date NOT NULL,
	"description" text NOT NULL,
	"photo_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"declared_via" text NOT NULL,
	"declared_by" uuid,
	"checked_by" uuid,
	"approved_by" uuid,
	"posting_id" uuid,
	"source_key" text,
	"state" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "claim_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"claim_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "convention" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"effective_from" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_entry" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"district_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"balance_after" integer NOT NULL,
	"cause_type" text NOT NULL,
	"cause_id" text NOT NULL,
	"rule_id" uuid,
	"rulebook_version" integer,
	"idempotency_key" text NOT NULL,
	"actor_user_id" uuid,
	"note" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objection" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"posting_id" uuid NOT NULL,
	"claim_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"objector_user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"state" text NOT NULL,
	"decided_by" uuid,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "points_account" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"owner_type" text NOT NULL,
	"person_id" uuid,
	"partner_unit_id" uuid,
	"display_name" text NOT NULL,
	"balance" integer DEFAULT 0 NOT NULL,
	"public_consent" boolean DEFAULT false NOT NULL,
	"consent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "points_settings" (
	"community_id" uuid PRIMARY KEY NOT NULL,
	"posting_window_days" integer DEFAULT 7 NOT NULL,
	"posting_cadence" text DEFAULT 'monthly' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "posting" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"period" text NOT NULL,
	"state" text NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"snapshot" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rulebook_id" uuid NOT NULL,
	"article_id" uuid NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"points_per_unit" integer NOT NULL,
	"unit" text NOT NULL,
	"evidence" text NOT NULL,
	"cap_day" integer,
	"cap_month" integer,
	"cap_year" integer,
	"declarers" text[] DEFAULT '{}'::text[] NOT NULL,
	"participants" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rulebook" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"effective_from" date,
	"effective_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rulebook_article" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rulebook_id" uuid NOT NULL,
	"chapter_id" uuid NOT NULL,
	"no" integer NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rulebook_chapter" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rulebook_id" uuid NOT NULL,
	"no" integer NOT NULL,
	"title" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "award_winner" ADD CONSTRAINT "award_winner_award_id_award_id_fk" FOREIGN KEY ("award_id") REFERENCES "public"."award"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "award_winner" ADD CONSTRAINT "award_winner_account_id_points_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."points_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim" ADD CONSTRAINT "claim_account_id_points_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."points_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim" ADD CONSTRAINT "claim_rule_id_rule_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."rule"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_event" ADD CONSTRAINT "claim_event_claim_id_claim_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claim"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_entry" ADD CONSTRAINT "ledger_entry_account_id_points_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."points_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection" ADD CONSTRAINT "objection_posting_id_posting_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."posting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objection" ADD CONSTRAINT "objection_claim_id_claim_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claim"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule" ADD CONSTRAINT "rule_rulebook_id_rulebook_id_fk" FOREIGN KEY ("rulebook_id") REFERENCES "public"."rulebook"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule" ADD CONSTRAINT "rule_article_id_rulebook_article_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."rulebook_article"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rulebook_article" ADD CONSTRAINT "rulebook_article_rulebook_id_rulebook_id_fk" FOREIGN KEY ("rulebook_id") REFERENCES "public"."rulebook"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rulebook_article" ADD CONSTRAINT "rulebook_article_chapter_id_rulebook_chapter_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."rulebook_chapter"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rulebook_chapter" ADD CONSTRAINT "rulebook_chapter_rulebook_id_rulebook_id_fk" FOREIGN KEY ("rulebook_id") REFERENCES "public"."rulebook"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "file_object_path_idx" ON "file_object" USING btree ("org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "award_category_idx" ON "award" USING btree ("community_id","year","category");--> statement-breakpoint
CREATE UNIQUE INDEX "award_winner_idx" ON "award_winner" USING btree ("award_id","account_id");--> statement-breakpoint
CREATE INDEX "claim_path_idx" ON "claim" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "claim_state_idx" ON "claim" USING btree ("community_id","state");--> statement-breakpoint
CREATE INDEX "claim_account_idx" ON "claim" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "claim_source_idx" ON "claim" USING btree ("source_key");--> statement-breakpoint
CREATE INDEX "claim_event_claim_idx" ON "claim_event" USING btree ("claim_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "convention_version_idx" ON "convention" USING btree ("org_unit_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_entry_idem_idx" ON "ledger_entry" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "ledger_entry_account_idx" ON "ledger_entry" USING btree ("account_id","id");--> statement-breakpoint
CREATE INDEX "objection_posting_idx" ON "objection" USING btree ("posting_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_account_person_idx" ON "points_account" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "points_account_partner_idx" ON "points_account" USING btree ("partner_unit_id");--> statement-breakpoint
CREATE INDEX "points_account_path_idx" ON "points_account" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "posting_period_idx" ON "posting" USING btree ("community_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_code_idx" ON "rule" USING btree ("rulebook_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "rulebook_version_idx" ON "rulebook" USING btree ("org_unit_id","version");