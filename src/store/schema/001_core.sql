-- 001_core: import provenance shared by every importer.
-- Migration numbers by module: 001-009 core/web/admin, 010-019 territory and
-- workforce, 020-029 observatory, 030-039 aids, 040-049 cases, 050-059 centres,
-- 060-069 placements, 070-079 portal, 080-089 plan.
CREATE TABLE import_log (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,          -- communes, population, rpps, supply, apl-reference, matrix, ...
  file_name   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  n_rows      INTEGER NOT NULL,
  vintage     INTEGER,
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  note        TEXT
);
