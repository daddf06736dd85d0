-- 011_workforce: practitioners (GPs) and their activity sites.
CREATE TABLE practitioners (
  id         INTEGER PRIMARY KEY,
  vintage    INTEGER NOT NULL,
  rpps       TEXT NOT NULL,               -- identification nationale PP
  birth_year INTEGER,
  import_id  INTEGER NOT NULL REFERENCES import_log(id),
  UNIQUE (vintage, rpps)
);
CREATE INDEX practitioners_import ON practitioners(import_id);

CREATE TABLE practitioner_sites (
  id              INTEGER PRIMARY KEY,
  practitioner_id INTEGER NOT NULL REFERENCES practitioners(id) ON DELETE CASCADE,
  commune         TEXT NOT NULL,          -- INSEE code of the practice site
  mode            TEXT,                   -- L libéral, S salarié, B bénévole...
  acts            REAL,                   -- yearly acts when known
  import_id       INTEGER NOT NULL REFERENCES import_log(id)
);
CREATE INDEX practitioner_sites_commune ON practitioner_sites(commune);
CREATE INDEX practitioner_sites_pract ON practitioner_sites(practitioner_id);
CREATE INDEX practitioner_sites_import ON practitioner_sites(import_id);
