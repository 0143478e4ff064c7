CREATE TABLE "case_category" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"rule_code" text,
	"check_hours" integer NOT NULL,
	"accept_hours" integer NOT NULL,
	"resolve_hours" integer NOT NULL,
	"respond_hours" integer NOT NULL,
	"rate_days" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"note" text,
	"photo_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_whistle" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"district_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"department_id" uuid NOT NULL,
	"department_name" text NOT NULL,
	"summary" text NOT NULL,
	"deadline" timestamp with time zone NOT NULL,
	"respond_due_at" timestamp with time zone NOT NULL,
	"state" text NOT NULL,
	"whistled_by" uuid,
	"reported_in_by" uuid,
	"reported_in_at" timestamp with time zone,
	"action_taken" text,
	"result" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"escalated_at" timestamp with time zone,
	"escalated_to_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "civic_case" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"community_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"household_id" uuid,
	"kind" text NOT NULL,
	"category_code" text NOT NULL,
	"category_name" text NOT NULL,
	"description" text NOT NULL,
	"photo_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"address" text,
	"lat" double precision,
	"lng" double precision,
	"anonymous" boolean DEFAULT false NOT NULL,
	"reporter_user_id" uuid,
	"reporter_person_id" uuid,
	"reporter_name" text NOT NULL,
	"reported_via" text NOT NULL,
	"state" text NOT NULL,
	"matter_level" text,
	"duplicate_of_id" uuid,
	"checked_by" uuid,
	"check_due_at" timestamp with time zone NOT NULL,
	"dispatcher_user_id" uuid,
	"assignee_type" text,
	"assignee_person_id" uuid,
	"assignee_ref" text,
	"assignee_name" text,
	"accept_due_at" timestamp with time zone,
	"resolve_due_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"rate_days" integer DEFAULT 7 NOT NULL,
	"rating" integer,
	"rating_comment" text,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"resolution" text,
	"escalated_at" timestamp with time zone,
	"meeting_id" uuid,
	"points_claim_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_event" ADD CONSTRAINT "case_event_case_id_civic_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."civic_case"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_whistle" ADD CONSTRAINT "case_whistle_case_id_civic_case_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."civic_case"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "case_category_code_idx" ON "case_category" USING btree ("org_path","code");--> statement-breakpoint
CREATE INDEX "case_event_case_idx" ON "case_event" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_whistle_department_idx" ON "case_whistle" USING btree ("department_id","state");--> statement-breakpoint
CREATE UNIQUE INDEX "case_whistle_once_idx" ON "case_whistle" USING btree ("case_id","department_id");--> statement-breakpoint
CREATE INDEX "civic_case_path_idx" ON "civic_case" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "civic_case_state_idx" ON "civic_case" USING btree ("community_id","state");--> statement-breakpoint
CREATE INDEX "civic_case_category_idx" ON "civic_case" USING btree ("category_code","created_at");--> statement-breakpoint
CREATE INDEX "civic_case_reporter_idx" ON "civic_case" USING btree ("reporter_user_id");