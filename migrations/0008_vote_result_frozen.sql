-- A published vote result never changes: the result row is written once, at closing, and the
-- database refuses any later update or delete of it (whatever the application does).
CREATE OR REPLACE FUNCTION vote_result_frozen() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'vote_result is frozen once computed' USING ERRCODE = '55000';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER vote_result_no_change BEFORE UPDATE OR DELETE ON vote_result
  FOR EACH ROW EXECUTE FUNCTION vote_result_frozen();
