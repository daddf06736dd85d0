-- Trainees' personal data has an end (issue 17): erased on request or once
-- the retention period after their last placement is over.  The row stays
-- (placements, allowances paid, outcome: the statistics) without identity.
ALTER TABLE trainee ADD COLUMN erased_on TEXT;   -- NULL: not erased
