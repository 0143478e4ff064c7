CREATE TABLE "case_timer" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"whistle_id" uuid,
	"kind" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"met_at" timestamp with time zone,
	"met_by" uuid,
	"breached_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"notified_user_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"escalated_to" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_roster" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"community_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"user_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_ballot" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"motion_id" uuid NOT NULL,
	"elector_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"voter_person_id" uuid,
	"entered_by" uuid,
	"note" text,
	"choice" integer,
	"cast_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_count" (
	"motion_id" uuid NOT NULL,
	"option" integer NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"area_centi" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_elector" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"motion_id" uuid NOT NULL,
	"household_id" uuid,
	"person_id" uuid,
	"label" text NOT NULL,
	"area_centi" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_motion" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"meeting_id" uuid,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"options" text[] NOT NULL,
	"rule" text NOT NULL,
	"quorum_num" integer,
	"quorum_den" integer,
	"electorate" text NOT NULL,
	"member_person_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"secret" boolean DEFAULT false NOT NULL,
	"state" text NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_motion_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"motion_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_result" (
	"motion_id" uuid PRIMARY KEY NOT NULL,
	"electorate_count" integer NOT NULL,
	"electorate_area_centi" bigint NOT NULL,
	"tally" jsonb NOT NULL,
	"checks" jsonb NOT NULL,
	"cast" integer NOT NULL,
	"cast_area_centi" bigint NOT NULL,
	"winner" integer,
	"outcome" text NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "livelihood_project" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"year" integer NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"responsible_unit" text NOT NULL,
	"partner_unit_id" uuid,
	"department_id" uuid,
	"lead_name" text NOT NULL,
	"deadline" date NOT NULL,
	"budget_fen" bigint NOT NULL,
	"spent_fen" bigint DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'planned' NOT NULL,
	"started_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "livelihood_project_budget_ck" CHECK ("livelihood_project"."budget_fen" >= 0 and "livelihood_project"."spent_fen" >= 0)
);
--> statement-breakpoint
CREATE TABLE "project_milestone" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid,
	"project_id" uuid,
	"seq" integer NOT NULL,
	"title" text NOT NULL,
	"owner_name" text DEFAULT '' NOT NULL,
	"due_date" date NOT NULL,
	"done_at" timestamp with time zone,
	"note" text DEFAULT '' NOT NULL,
	CONSTRAINT "project_milestone_owner_ck" CHECK (("project_milestone"."plan_id" is null) <> ("project_milestone"."project_id" is null))
);
--> statement-breakpoint
CREATE TABLE "project_plan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"case_id" uuid,
	"title" text NOT NULL,
	"problem" text NOT NULL,
	"goal" text NOT NULL,
	"task_force" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_rating" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"user_id" uuid,
	"score" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_rating_score_ck" CHECK ("project_rating"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "project_update" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid,
	"project_id" uuid,
	"action" text DEFAULT 'progress' NOT NULL,
	"note" text NOT NULL,
	"photo_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"spent_fen" bigint,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "open311_client" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"name" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid
);
--> statement-breakpoint
CREATE TABLE "open311_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"account_id" text,
	"device_id" text,
	"email" text,
	"phone" text,
	"first_name" text,
	"last_name" text,
	"media_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "venue" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"address" text DEFAULT '' NOT NULL,
	"facilities" text[] DEFAULT '{}'::text[] NOT NULL,
	"opening_hours" text DEFAULT '' NOT NULL,
	"capacity" integer,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agenda_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"case_id" uuid,
	"project_id" uuid,
	"title" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "body_member" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"body_id" uuid NOT NULL,
	"role" text NOT NULL,
	"person_id" uuid,
	"user_id" uuid,
	"partner_unit_id" uuid,
	"name" text NOT NULL,
	"affiliation" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliberative_body" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"level" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"open_to_residents" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"venue_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"minutes_text" text,
	"minutes_drafted_by" uuid,
	"minutes_drafted_by_name" text,
	"minutes_drafted_at" timestamp with time zone,
	"minutes_approved_by" uuid,
	"minutes_approved_by_name" text,
	"minutes_approved_at" timestamp with time zone,
	"attendance_snapshot" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"attendee_key" text NOT NULL,
	"person_id" uuid,
	"user_id" uuid,
	"name" text NOT NULL,
	"member" boolean DEFAULT false NOT NULL,
	"via" text NOT NULL,
	"code_step" bigint,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_decision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"agenda_item_id" uuid,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"case_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_registration" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"attendee_key" text NOT NULL,
	"person_id" uuid,
	"user_id" uuid,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_task" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"title" text NOT NULL,
	"owner_name" text NOT NULL,
	"owner_user_id" uuid,
	"due_on" date NOT NULL,
	"state" text NOT NULL,
	"result" text,
	"done_at" timestamp with time zone,
	"done_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_category" ADD COLUMN "respond_seconds" integer;--> statement-breakpoint
ALTER TABLE "case_category" ADD COLUMN "arrive_seconds" integer;--> statement-breakpoint
ALTER TABLE "case_timer" ADD CONSTRAINT "case_timer_case_id_civic_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."civic_case"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_timer" ADD CONSTRAINT "case_timer_whistle_id_case_whistle_id_fk" FOREIGN KEY ("whistle_id") REFERENCES "public"."case_whistle"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_ballot" ADD CONSTRAINT "vote_ballot_motion_id_vote_motion_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."vote_motion"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_ballot" ADD CONSTRAINT "vote_ballot_elector_id_vote_elector_id_fk" FOREIGN KEY ("elector_id") REFERENCES "public"."vote_elector"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_count" ADD CONSTRAINT "vote_count_motion_id_vote_motion_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."vote_motion"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_elector" ADD CONSTRAINT "vote_elector_motion_id_vote_motion_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."vote_motion"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_motion_event" ADD CONSTRAINT "vote_motion_event_motion_id_vote_motion_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."vote_motion"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_result" ADD CONSTRAINT "vote_result_motion_id_vote_motion_id_fk" FOREIGN KEY ("motion_id") REFERENCES "public"."vote_motion"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestone" ADD CONSTRAINT "project_milestone_plan_id_project_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."project_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestone" ADD CONSTRAINT "project_milestone_project_id_livelihood_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."livelihood_project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_rating" ADD CONSTRAINT "project_rating_project_id_livelihood_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."livelihood_project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_update" ADD CONSTRAINT "project_update_plan_id_project_plan_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."project_plan"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_update" ADD CONSTRAINT "project_update_project_id_livelihood_project_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."livelihood_project"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "open311_request" ADD CONSTRAINT "open311_request_client_id_open311_client_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."open311_client"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_item" ADD CONSTRAINT "agenda_item_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "body_member" ADD CONSTRAINT "body_member_body_id_deliberative_body_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."deliberative_body"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting" ADD CONSTRAINT "meeting_body_id_deliberative_body_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."deliberative_body"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_decision" ADD CONSTRAINT "meeting_decision_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_event" ADD CONSTRAINT "meeting_event_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_registration" ADD CONSTRAINT "meeting_registration_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_task" ADD CONSTRAINT "meeting_task_meeting_id_meeting_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meeting"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_task" ADD CONSTRAINT "meeting_task_decision_id_meeting_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."meeting_decision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_timer_due_idx" ON "case_timer" USING btree ("due_at") WHERE "case_timer"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "case_timer_case_idx" ON "case_timer" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "duty_roster_community_idx" ON "duty_roster" USING btree ("community_id","ends_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_ballot_once_idx" ON "vote_ballot" USING btree ("motion_id","elector_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_count_option_idx" ON "vote_count" USING btree ("motion_id","option");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_elector_household_idx" ON "vote_elector" USING btree ("motion_id","household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_elector_person_idx" ON "vote_elector" USING btree ("motion_id","person_id");--> statement-breakpoint
CREATE INDEX "vote_motion_path_idx" ON "vote_motion" USING btree ("org_path");--> statement-breakpoint
CREATE INDEX "vote_motion_due_idx" ON "vote_motion" USING btree ("state","closes_at");--> statement-breakpoint
CREATE INDEX "vote_motion_meeting_idx" ON "vote_motion" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "vote_motion_event_motion_idx" ON "vote_motion_event" USING btree ("motion_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "livelihood_project_number_idx" ON "livelihood_project" USING btree ("org_unit_id","year","number");--> statement-breakpoint
CREATE INDEX "livelihood_project_path_idx" ON "livelihood_project" USING btree ("org_path","year");--> statement-breakpoint
CREATE INDEX "livelihood_project_deadline_idx" ON "livelihood_project" USING btree ("deadline");--> statement-breakpoint
CREATE INDEX "project_milestone_plan_idx" ON "project_milestone" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "project_milestone_project_idx" ON "project_milestone" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_plan_path_idx" ON "project_plan" USING btree ("org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "project_rating_once_idx" ON "project_rating" USING btree ("project_id","person_id");--> statement-breakpoint
CREATE INDEX "project_update_plan_idx" ON "project_update" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "project_update_project_idx" ON "project_update" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "open311_client_key_idx" ON "open311_client" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "open311_client_path_idx" ON "open311_client" USING btree ("org_path");--> statement-breakpoint
CREATE INDEX "open311_request_case_idx" ON "open311_request" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "open311_request_client_idx" ON "open311_request" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "venue_path_idx" ON "venue" USING btree ("org_path");--> statement-breakpoint
CREATE INDEX "agenda_item_meeting_idx" ON "agenda_item" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "agenda_item_case_idx" ON "agenda_item" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "body_member_body_idx" ON "body_member" USING btree ("body_id");--> statement-breakpoint
CREATE INDEX "body_member_person_idx" ON "body_member" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "deliberative_body_path_idx" ON "deliberative_body" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "meeting_path_idx" ON "meeting" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "meeting_body_idx" ON "meeting" USING btree ("body_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_attendance_key_idx" ON "meeting_attendance" USING btree ("meeting_id","attendee_key");--> statement-breakpoint
CREATE INDEX "meeting_decision_meeting_idx" ON "meeting_decision" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_event_meeting_idx" ON "meeting_event" USING btree ("meeting_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_registration_key_idx" ON "meeting_registration" USING btree ("meeting_id","attendee_key");--> statement-breakpoint
CREATE INDEX "meeting_task_meeting_idx" ON "meeting_task" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "meeting_task_due_idx" ON "meeting_task" USING btree ("state","due_on");--> statement-breakpoint
CREATE INDEX "meeting_task_path_idx" ON "meeting_task" USING btree ("org_path" text_pattern_ops);