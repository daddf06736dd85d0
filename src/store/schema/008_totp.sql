-- Optional second factor per account: TOTP (RFC 6238, HMAC-SHA-256,
-- 6 digits, 30 s) and single-use recovery codes (admin/totp.c).
CREATE TABLE user_totp (
  user_id    INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  secret     TEXT NOT NULL,                  -- base32 of 32 random bytes
  enabled    INTEGER NOT NULL DEFAULT 0,     -- 0 until a first code confirms it
  last_step  INTEGER NOT NULL DEFAULT 0,     -- last accepted time step: a code works once
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE user_recovery_codes (
  user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  code_hash  TEXT NOT NULL,                  -- hex SHA-256 of the code
  used_at    TEXT,
  PRIMARY KEY (user_id, code_hash)
);
