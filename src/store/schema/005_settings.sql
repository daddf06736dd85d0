-- 005_settings: small key/value settings (e.g. the server's signing key).
CREATE TABLE settings (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL
) WITHOUT ROWID;
