-- 016_register_nocheck: the register without its CHECK constraints.  A
-- national RPPS import writes two million rows through one upsert, and the
-- constraints cost a third of its time (bench/rpps.sh); the values they
-- checked come from closed lists in C (wf_professions, the literal
-- origins) and the field tables of the pages and the API.
CREATE TABLE practitioner_register_new (
  id             INTEGER PRIMARY KEY,
  rpps           TEXT UNIQUE,             -- NULL for a manual entry
  profession     TEXT NOT NULL,           -- mg, dentiste, sage_femme, infirmier, kine
  last_name      TEXT NOT NULL DEFAULT '',
  first_name     TEXT NOT NULL DEFAULT '',
  commune        TEXT NOT NULL,           -- INSEE code of the main site
  mode           TEXT NOT NULL DEFAULT '', -- L libéral, S salarié, B bénévole
  site_name      TEXT NOT NULL DEFAULT '', -- raison sociale du site
  origin         TEXT NOT NULL,           -- rpps, manuel
  import_id      INTEGER,                 -- last import listing him
  missing_since  TEXT,                    -- YYYY-MM-DD, NULL while listed
  birth_year     INTEGER,
  fte            REAL,
  acts           REAL,
  retire_on      TEXT,
  new_patients   INTEGER,
  commune2       TEXT,
  is_new_liberal INTEGER NOT NULL DEFAULT 0,
  is_centre      INTEGER NOT NULL DEFAULT 0,
  updated_at     TEXT NOT NULL
);
INSERT INTO practitioner_register_new SELECT id, rpps, profession, last_name,
  first_name, commune, mode, site_name, origin, import_id, missing_since,
  birth_year, fte, acts, retire_on, new_patients, commune2, is_new_liberal,
  is_centre, updated_at FROM practitioner_register;
DROP TABLE practitioner_register;
ALTER TABLE practitioner_register_new RENAME TO practitioner_register;
CREATE INDEX practitioner_register_commune ON practitioner_register(commune);
CREATE INDEX practitioner_register_commune2 ON practitioner_register(commune2)
  WHERE commune2 IS NOT NULL;
