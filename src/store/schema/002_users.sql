-- 002_users: accounts of the back-office (admin, agent, lecteur).
CREATE TABLE users (
  id          INTEGER PRIMARY KEY,
  login       TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL DEFAULT '',        -- display name
  role        TEXT NOT NULL CHECK (role IN ('admin', 'agent', 'lecteur')),
  pw_hash     TEXT NOT NULL,                   -- crypto_pwhash_str (Argon2id)
  disabled    INTEGER NOT NULL DEFAULT 0,
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
