-- A space is never double-booked: two live bookings of one space may not overlap ([start, end) ranges,
-- so back-to-back bookings are fine). btree_gist gives gist its "=" on uuid.
create extension if not exists btree_gist;--> statement-breakpoint
alter table "venue_booking" add constraint "venue_booking_no_overlap"
  exclude using gist ("space_id" with =, "during" with &&) where ("state" = 'booked');--> statement-breakpoint
alter table "venue_booking" add constraint "venue_booking_ends_after_start" check ("ends_at" > "starts_at");
