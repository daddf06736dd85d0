-- 003_sessions: server-side sessions and failed-login counters.
-- Only a hash of the session id is stored: a copy of the database does not
-- let anyone take over a live session.
CREATE TABLE sessions (
  id_hash     TEXT PRIMARY KEY,                -- hex SHA-256 of the cookie value
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at  INTEGER NOT NULL,                -- unix seconds
  seen_at     INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);

-- One row per account login or client address with recent failures.
CREATE TABLE login_failures (
  kind        TEXT NOT NULL CHECK (kind IN ('login', 'ip')),
  key         TEXT NOT NULL,
  n_fail      INTEGER NOT NULL,
  last_at     INTEGER NOT NULL,                -- unix milliseconds of the last failure
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
