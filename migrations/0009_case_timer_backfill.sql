-- Deadlines of cases filed before the SLA engine: what is still owed becomes a timer row, so the
-- scheduler scan (server/modules/cases/sla.ts) flags and escalates it like any other.
INSERT INTO "case_timer" ("case_id", "kind", "started_at", "due_at", "state", "created_at")
SELECT "id", 'check', "created_at", "check_due_at", 'pending', now() FROM "civic_case"
WHERE "state" = 'reported' AND NOT EXISTS (SELECT 1 FROM "case_timer" t WHERE t."case_id" = "civic_case"."id");
--> statement-breakpoint
INSERT INTO "case_timer" ("case_id", "kind", "started_at", "due_at", "state", "created_at")
SELECT "id", 'accept', "updated_at", "accept_due_at", 'pending', now() FROM "civic_case"
WHERE "state" = 'dispatched' AND "accept_due_at" IS NOT NULL
AND NOT EXISTS (SELECT 1 FROM "case_timer" t WHERE t."case_id" = "civic_case"."id");
--> statement-breakpoint
INSERT INTO "case_timer" ("case_id", "kind", "started_at", "due_at", "state", "created_at")
SELECT "id", 'resolve', "updated_at", "resolve_due_at", 'pending', now() FROM "civic_case"
WHERE "state" = 'in_progress' AND "resolve_due_at" IS NOT NULL
AND NOT EXISTS (SELECT 1 FROM "case_timer" t WHERE t."case_id" = "civic_case"."id");
--> statement-breakpoint
INSERT INTO "case_timer" ("case_id", "whistle_id", "kind", "started_at", "due_at", "state", "created_at")
SELECT "case_id", "id", 'respond', "created_at", "respond_due_at", 'pending', now() FROM "case_whistle"
WHERE "state" = 'whistled' AND "escalated_at" IS NULL
AND NOT EXISTS (SELECT 1 FROM "case_timer" t WHERE t."whistle_id" = "case_whistle"."id");
--> statement-breakpoint
INSERT INTO "case_timer" ("case_id", "whistle_id", "kind", "started_at", "due_at", "state", "created_at")
SELECT "case_id", "id", 'resolve', "created_at", "deadline", 'pending', now() FROM "case_whistle"
WHERE "state" <> 'resolved' AND "escalated_at" IS NULL
AND NOT EXISTS (SELECT 1 FROM "case_timer" t WHERE t."whistle_id" = "case_whistle"."id" AND t."kind" = 'resolve');
