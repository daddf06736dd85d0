-- 043_case_filters_openlog: list filters saved per user, and the log of every
-- opening of a dossier (GDPR: who looked at whose data, and when).
CREATE TABLE case_saved_filters (
  id              INTEGER PRIMARY KEY,
  user_id         INTEGER NOT NULL,                -- users.id
  name            TEXT NOT NULL,
  query           TEXT NOT NULL,                   -- the list's query string
  UNIQUE (user_id, name)
);

CREATE TABLE case_open_log (
  id              INTEGER PRIMARY KEY,
  dossier_id      INTEGER NOT NULL REFERENCES case_dossiers(id) ON DELETE CASCADE,
  at              TEXT NOT NULL,
  user_id         INTEGER,
  user_name       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_open_log_dossier ON case_open_log(dossier_id);
