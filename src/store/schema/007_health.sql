-- 007_health: one row /healthz rewrites (at most every few seconds) to prove
-- the write path works: a full disk or a read-only file answers 503.
CREATE TABLE IF NOT EXISTS health_probe (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  at          INTEGER NOT NULL                 -- unix seconds of the last probe
);
