-- 006_login_pairs: failed logins also counted per (account, address).
-- The lock belongs to the pair: a stranger's failures slow an account down
-- (per-login delays, capped) but can no longer lock its owner out.
CREATE TABLE login_failures_new (
  kind        TEXT NOT NULL CHECK (kind IN ('login', 'ip', 'pair')),
  key         TEXT NOT NULL,                   -- login, address, or login|address
  n_fail      INTEGER NOT NULL,
  last_at     INTEGER NOT NULL,                -- unix milliseconds of the last failure
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
INSERT INTO login_failures_new SELECT kind, key, n_fail, last_at FROM login_failures;
DROP TABLE login_failures;
ALTER TABLE login_failures_new RENAME TO login_failures;
