CREATE TABLE "tool" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"venue_id" uuid NOT NULL,
	"org_unit_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"community_path" text NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"stock" integer NOT NULL,
	"units_out" integer DEFAULT 0 NOT NULL,
	"loan_days" integer DEFAULT 7 NOT NULL,
	"deposit_note" text DEFAULT '' NOT NULL,
	"condition_notes" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tool_units_out_within_stock" CHECK ("tool"."units_out" >= 0 and "tool"."units_out" <= "tool"."stock")
);
--> statement-breakpoint
CREATE TABLE "tool_loan" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"district_id" uuid NOT NULL,
	"tool_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"community_path" text NOT NULL,
	"person_id" uuid NOT NULL,
	"borrower_name" text NOT NULL,
	"state" text NOT NULL,
	"lent_at" timestamp with time zone NOT NULL,
	"lent_by" uuid,
	"lent_by_name" text NOT NULL,
	"due_date" date NOT NULL,
	"extended" boolean DEFAULT false NOT NULL,
	"returned_at" timestamp with time zone,
	"return_condition" text,
	"note" text,
	"overdue_reminders" integer DEFAULT 0 NOT NULL,
	"staff_alerted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tool_loan_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"loan_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"actor_user_id" uuid,
	"actor_name" text NOT NULL,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tool_loan" ADD CONSTRAINT "tool_loan_tool_id_tool_id_fk" FOREIGN KEY ("tool_id") REFERENCES "public"."tool"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tool_loan_event" ADD CONSTRAINT "tool_loan_event_loan_id_tool_loan_id_fk" FOREIGN KEY ("loan_id") REFERENCES "public"."tool_loan"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tool_path_idx" ON "tool" USING btree ("org_path");--> statement-breakpoint
CREATE INDEX "tool_community_idx" ON "tool" USING btree ("community_path");--> statement-breakpoint
CREATE INDEX "tool_loan_tool_idx" ON "tool_loan" USING btree ("tool_id","lent_at");--> statement-breakpoint
CREATE INDEX "tool_loan_person_idx" ON "tool_loan" USING btree ("person_id","lent_at");--> statement-breakpoint
CREATE INDEX "tool_loan_due_idx" ON "tool_loan" USING btree ("state","due_date");--> statement-breakpoint
CREATE INDEX "tool_loan_path_idx" ON "tool_loan" USING btree ("org_path");--> statement-breakpoint
CREATE INDEX "tool_loan_event_loan_idx" ON "tool_loan_event" USING btree ("loan_id","at");