CREATE TABLE "volunteer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"availability" text[] DEFAULT '{}'::text[] NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"volunteer_id" uuid NOT NULL,
	"post_id" uuid,
	"role" text DEFAULT 'member' NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "volunteer_post" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_team" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"organiser_kind" text NOT NULL,
	"team_id" uuid,
	"venue_id" uuid,
	"partner_project_id" uuid,
	"place" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"signup_deadline" timestamp with time zone,
	"earns_points" boolean DEFAULT true NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"cancel_reason" text,
	"confirmed_at" timestamp with time zone,
	"confirmed_by" uuid,
	"confirmed_by_name" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_signup" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checked_out_at" timestamp with time zone,
	"attendance" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "volunteer_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"activity_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"name" text NOT NULL,
	"district_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"team_id" uuid,
	"venue_id" uuid,
	"partner_project_id" uuid,
	"minutes" integer NOT NULL,
	"deed_date" date NOT NULL,
	"claim_id" uuid,
	"claim_skipped" text,
	"confirmed_by" uuid,
	"confirmed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"person_id" uuid NOT NULL,
	"talents" text[] DEFAULT '{}'::text[] NOT NULL,
	"talent_note" text DEFAULT '' NOT NULL,
	"intro" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"applied_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_project" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'proposed' NOT NULL,
	"target_participants" text DEFAULT '' NOT NULL,
	"capacity" integer,
	"participant_count" integer DEFAULT 0 NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"proposed_by_person_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partner_project_capacity_ck" CHECK ("partner_project"."capacity" is null or "partner_project"."participant_count" <= "partner_project"."capacity"),
	CONSTRAINT "partner_project_count_ck" CHECK ("partner_project"."participant_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "partner_project_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_project_lead" (
	"project_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "partner_project_lead_project_id_partner_id_pk" PRIMARY KEY("project_id","partner_id")
);
--> statement-breakpoint
CREATE TABLE "partner_project_participant" (
	"project_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone,
	CONSTRAINT "partner_project_participant_project_id_person_id_pk" PRIMARY KEY("project_id","person_id")
);
--> statement-breakpoint
ALTER TABLE "volunteer_member" ADD CONSTRAINT "volunteer_member_team_id_volunteer_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."volunteer_team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_member" ADD CONSTRAINT "volunteer_member_volunteer_id_volunteer_id_fk" FOREIGN KEY ("volunteer_id") REFERENCES "public"."volunteer"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_member" ADD CONSTRAINT "volunteer_member_post_id_volunteer_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."volunteer_post"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_post" ADD CONSTRAINT "volunteer_post_team_id_volunteer_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."volunteer_team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_signup" ADD CONSTRAINT "activity_signup_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_hours" ADD CONSTRAINT "volunteer_hours_activity_id_activity_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activity"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_project_history" ADD CONSTRAINT "partner_project_history_project_id_partner_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."partner_project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_project_lead" ADD CONSTRAINT "partner_project_lead_project_id_partner_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."partner_project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_project_lead" ADD CONSTRAINT "partner_project_lead_partner_id_partner_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partner"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_project_participant" ADD CONSTRAINT "partner_project_participant_project_id_partner_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."partner_project"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_person_idx" ON "volunteer" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "volunteer_path_idx" ON "volunteer" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_member_current_idx" ON "volunteer_member" USING btree ("team_id","volunteer_id") WHERE "volunteer_member"."left_at" is null;--> statement-breakpoint
CREATE INDEX "volunteer_member_volunteer_idx" ON "volunteer_member" USING btree ("volunteer_id");--> statement-breakpoint
CREATE INDEX "volunteer_post_team_idx" ON "volunteer_post" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "volunteer_team_path_idx" ON "volunteer_team" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "activity_path_idx" ON "activity" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "activity_starts_idx" ON "activity" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "activity_team_idx" ON "activity" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "activity_venue_idx" ON "activity" USING btree ("venue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "activity_signup_person_uq" ON "activity_signup" USING btree ("activity_id","person_id");--> statement-breakpoint
CREATE INDEX "activity_signup_person_idx" ON "activity_signup" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_hours_activity_person_uq" ON "volunteer_hours" USING btree ("activity_id","person_id");--> statement-breakpoint
CREATE INDEX "volunteer_hours_person_idx" ON "volunteer_hours" USING btree ("person_id","deed_date");--> statement-breakpoint
CREATE INDEX "volunteer_hours_path_idx" ON "volunteer_hours" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "partner_person_uq" ON "partner" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "partner_path_idx" ON "partner" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "partner_talents_idx" ON "partner" USING gin ("talents");--> statement-breakpoint
CREATE INDEX "partner_project_path_idx" ON "partner_project" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "partner_project_state_idx" ON "partner_project" USING btree ("state");--> statement-breakpoint
CREATE INDEX "partner_project_history_project_idx" ON "partner_project_history" USING btree ("project_id","at");--> statement-breakpoint
CREATE INDEX "partner_project_lead_person_idx" ON "partner_project_lead" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "partner_project_participant_person_idx" ON "partner_project_participant" USING btree ("person_id");