-- A vacancy says what it offers (issue 18): the contract, the gross yearly
-- salary range in cents, the start date and the benefits.  NULL: not said.
ALTER TABLE centre_vacancy ADD COLUMN contract TEXT
  CHECK (contract IS NULL OR contract IN ('cdi', 'cdd', 'vacations'));
ALTER TABLE centre_vacancy ADD COLUMN salary_min_cents INTEGER
  CHECK (salary_min_cents IS NULL OR salary_min_cents > 0);
ALTER TABLE centre_vacancy ADD COLUMN salary_max_cents INTEGER
  CHECK (salary_max_cents IS NULL OR salary_max_cents > 0);
ALTER TABLE centre_vacancy ADD COLUMN start_on TEXT;
ALTER TABLE centre_vacancy ADD COLUMN benefits TEXT;
