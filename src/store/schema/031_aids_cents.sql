-- 031_aids_cents: money of the commitments register in integer cents, as
-- everywhere else (docs/conventions.md).  The euros stored as REAL become
-- cents exactly: round(x * 100).  The old euro columns are dropped.

ALTER TABLE aid_commitment
  ADD COLUMN amount_cents INTEGER NOT NULL DEFAULT 0 CHECK (amount_cents >= 0);
ALTER TABLE aid_commitment
  ADD COLUMN due_cents INTEGER CHECK (due_cents IS NULL OR due_cents >= 0);
UPDATE aid_commitment
   SET amount_cents = CAST(round(amount * 100) AS INTEGER),
       due_cents = CASE WHEN due IS NULL THEN NULL
                        ELSE CAST(round(due * 100) AS INTEGER) END;
ALTER TABLE aid_commitment DROP COLUMN amount;
ALTER TABLE aid_commitment DROP COLUMN due;

-- Payments are positive (checked by aids/commit.c; a CHECK > 0 cannot be
-- added to a column that rows already hold).
ALTER TABLE aid_payment
  ADD COLUMN amount_cents INTEGER NOT NULL DEFAULT 0 CHECK (amount_cents >= 0);
UPDATE aid_payment SET amount_cents = CAST(round(amount * 100) AS INTEGER);
ALTER TABLE aid_payment DROP COLUMN amount;
