CREATE INDEX "case_event_photo_idx" ON "case_event" USING gin ("photo_ids");--> statement-breakpoint
CREATE INDEX "civic_case_photo_idx" ON "civic_case" USING gin ("photo_ids");--> statement-breakpoint
CREATE INDEX "project_update_photo_idx" ON "project_update" USING gin ("photo_ids");