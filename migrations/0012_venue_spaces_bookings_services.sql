CREATE TABLE "service_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"provider_name" text NOT NULL,
	"provider_team_id" uuid,
	"provider_unit_id" uuid,
	"weekdays" integer[] NOT NULL,
	"every_weeks" integer DEFAULT 1 NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"active" boolean DEFAULT true NOT NULL,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"series_id" uuid NOT NULL,
	"venue_id" uuid NOT NULL,
	"space_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"booking_id" uuid,
	"state" text DEFAULT 'scheduled' NOT NULL,
	"visits" integer,
	"visitor_person_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"visits_recorded_at" timestamp with time zone,
	"visits_recorded_by_name" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "venue_booking" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"space_id" uuid NOT NULL,
	"venue_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"during" "tstzrange" GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED NOT NULL,
	"purpose" text NOT NULL,
	"kind" text DEFAULT 'other' NOT NULL,
	"booked_by_user_id" uuid,
	"booked_by_name" text NOT NULL,
	"activity_id" uuid,
	"meeting_id" uuid,
	"state" text DEFAULT 'booked' NOT NULL,
	"cancelled_at" timestamp with time zone,
	"cancelled_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "venue_space" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"venue_id" uuid NOT NULL,
	"name" text NOT NULL,
	"capacity" integer,
	"facilities" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "venue" ADD COLUMN "weekly_hours" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "service_series" ADD CONSTRAINT "service_series_venue_id_venue_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venue"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_series" ADD CONSTRAINT "service_series_space_id_venue_space_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."venue_space"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_session" ADD CONSTRAINT "service_session_series_id_service_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."service_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_session" ADD CONSTRAINT "service_session_booking_id_venue_booking_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."venue_booking"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_booking" ADD CONSTRAINT "venue_booking_space_id_venue_space_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."venue_space"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_booking" ADD CONSTRAINT "venue_booking_venue_id_venue_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venue"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "venue_space" ADD CONSTRAINT "venue_space_venue_id_venue_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venue"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_series_venue_idx" ON "service_series" USING btree ("venue_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_session_series_start_uq" ON "service_session" USING btree ("series_id","starts_at");--> statement-breakpoint
CREATE INDEX "service_session_venue_idx" ON "service_session" USING btree ("venue_id","starts_at");--> statement-breakpoint
CREATE INDEX "service_session_path_idx" ON "service_session" USING btree ("org_path");--> statement-breakpoint
CREATE INDEX "venue_booking_venue_idx" ON "venue_booking" USING btree ("venue_id","starts_at");--> statement-breakpoint
CREATE INDEX "venue_booking_path_idx" ON "venue_booking" USING btree ("org_path");--> statement-breakpoint
CREATE UNIQUE INDEX "venue_space_name_uq" ON "venue_space" USING btree ("venue_id","name");