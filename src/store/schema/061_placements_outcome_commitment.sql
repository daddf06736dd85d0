-- 061_placements_outcome_commitment: a former trainee's outcome may name the
-- aids commitment (aid_commitment, migration 030) signed for settling, next
-- to the guichet unique request (case_ref).  Checked by the placements
-- module on save; kept when the commitment row goes (no foreign key: the
-- aids register has its own retention).
ALTER TABLE trainee_outcome ADD COLUMN aid_commitment_id INTEGER;
