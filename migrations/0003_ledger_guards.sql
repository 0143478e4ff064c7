-- Ledger entries are immutable: corrections are new entries, never updates or deletes.
CREATE OR REPLACE FUNCTION ledger_entry_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'ledger_entry is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ledger_entry_append_only
  BEFORE UPDATE OR DELETE ON ledger_entry
  FOR EACH ROW EXECUTE FUNCTION ledger_entry_refuse_change();
--> statement-breakpoint
-- Spending never takes a balance below zero (deductions for violations may).
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_spend_covered CHECK (kind NOT IN ('redeem', 'offset') OR balance_after >= 0);
--> statement-breakpoint
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_sign CHECK (
  (kind IN ('earn', 'refund') AND amount > 0) OR (kind IN ('deduct', 'redeem', 'offset') AND amount < 0) OR (kind = 'adjust' AND amount <> 0)
);
