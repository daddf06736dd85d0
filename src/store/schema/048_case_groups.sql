-- 048_case_groups: instructor groups (issue 14, item 4).  A group covers
-- territories (commune INSEE codes, EPCI SIREN, département codes; none:
-- everywhere) and needs (none: every need); a new request goes to the
-- group that fits it best, and is reminded to that group's members while
-- nobody takes it.  Members are users.id, named as they were when added.
CREATE TABLE IF NOT EXISTS case_groups (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  territories TEXT NOT NULL DEFAULT '',           -- codes, comma-separated
  needs       TEXT NOT NULL DEFAULT '',           -- need codes, comma-separated
  created_at  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS case_group_members (
  group_id    INTEGER NOT NULL REFERENCES case_groups(id) ON DELETE CASCADE,
  user_id     INTEGER NOT NULL,
  user_name   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (group_id, user_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS case_group_members_user ON case_group_members(user_id);

ALTER TABLE case_dossiers ADD COLUMN group_id INTEGER
  REFERENCES case_groups(id) ON DELETE SET NULL;
