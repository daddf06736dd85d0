-- 014_register: the practitioners register (workforce/register.c).
-- One row per person, all five professions: what the public RPPS extraction
-- says (rpps, name, profession, main site) refreshed by every import, and
-- what the team adds because no public file gives it (birth year, FTE or
-- yearly activity, intended retirement date, new patients as médecin
-- traitant, a second site).  A re-import never touches the team's columns;
-- a person the latest extraction no longer lists gets missing_since, and is
-- kept.  import_id holds import_log.id without a foreign key on purpose:
-- the register outlives the import rows a later import replaces.
CREATE TABLE practitioner_register (
  id             INTEGER PRIMARY KEY,
  rpps           TEXT UNIQUE,             -- NULL for a manual entry
  profession     TEXT NOT NULL CHECK (profession IN
                   ('mg', 'dentiste', 'sage_femme', 'infirmier', 'kine')),
  last_name      TEXT NOT NULL DEFAULT '',
  first_name     TEXT NOT NULL DEFAULT '',
  commune        TEXT NOT NULL,           -- INSEE code of the main site
  mode           TEXT NOT NULL DEFAULT '', -- L libéral, S salarié, B bénévole
  site_name      TEXT NOT NULL DEFAULT '', -- raison sociale du site
  origin         TEXT NOT NULL CHECK (origin IN ('rpps', 'manuel')),
  import_id      INTEGER,                 -- last import listing him
  missing_since  TEXT,                    -- YYYY-MM-DD, NULL while listed
  -- the team's entries
  birth_year     INTEGER,
  fte            REAL,                    -- full-time equivalent, 0..1.5
  acts           REAL,                    -- yearly acts
  retire_on      TEXT,                    -- intended retirement, YYYY-MM-DD
  new_patients   INTEGER,                 -- 1 yes, 0 no, NULL unknown
  commune2       TEXT,                    -- second practice site
  is_new_liberal INTEGER NOT NULL DEFAULT 0, -- liberal, no activity last year
  is_centre      INTEGER NOT NULL DEFAULT 0, -- salaried in a centre de santé
  updated_at     TEXT NOT NULL
);
CREATE INDEX practitioner_register_commune ON practitioner_register(commune);
CREATE INDEX practitioner_register_commune2 ON practitioner_register(commune2);

-- Structures: MSP, centres de santé, CPTS, pharmacies, assisted
-- teleconsultation points; from a FINESS extraction or entered.
CREATE TABLE health_structures (
  id         INTEGER PRIMARY KEY,
  finess     TEXT UNIQUE,                 -- nofinesset, NULL when entered
  kind       TEXT NOT NULL CHECK (kind IN
               ('msp', 'centre_sante', 'cpts', 'pharmacie', 'teleconsultation')),
  name       TEXT NOT NULL,
  commune    TEXT NOT NULL,
  fte        REAL,                        -- GP FTE when known
  opened_on  TEXT,
  origin     TEXT NOT NULL CHECK (origin IN ('finess', 'manuel')),
  import_id  INTEGER,
  missing_since TEXT,
  updated_at TEXT NOT NULL
);
CREATE INDEX health_structures_commune ON health_structures(commune);

-- Patients without a médecin traitant, per commune or EPCI and year.
CREATE TABLE patients_without_gp (
  level      TEXT NOT NULL CHECK (level IN ('commune', 'epci')),
  code       TEXT NOT NULL,
  year       INTEGER NOT NULL,
  patients   INTEGER NOT NULL,            -- people aged 17+ without one
  share      REAL,                        -- of the people aged 17+, 0..1
  origin     TEXT NOT NULL,               -- 'import' or 'manuel'
  updated_at TEXT NOT NULL,
  PRIMARY KEY (level, code, year)
);
