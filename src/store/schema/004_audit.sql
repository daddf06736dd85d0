-- 004_audit: every write, who made it, and the record before and after.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  user_id     INTEGER,                         -- NULL: command line or system
  user_login  TEXT NOT NULL DEFAULT '',        -- kept if the account goes
  entity      TEXT NOT NULL,                   -- 'user', 'aid', 'case', ...
  entity_id   INTEGER,
  action      TEXT NOT NULL,                   -- 'create', 'update', 'disable', ...
  before_json TEXT,
  after_json  TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_at ON audit_log(at);
