-- 010_territory: communes, their grouping (départements, régions, EPCI),
-- demand (population), supply counts, reference APL tables and travel times.
-- Every data row carries the import_log id it came from (provenance).

-- Provenance details every importer records (see src/store/provenance.h).
ALTER TABLE import_log ADD COLUMN source TEXT;        -- supply source, e.g. 'generaliste'
ALTER TABLE import_log ADD COLUMN n_read INTEGER;     -- data rows read
ALTER TABLE import_log ADD COLUMN n_skipped INTEGER;  -- rows left out (reasons in note)
ALTER TABLE import_log ADD COLUMN duration_s REAL;
CREATE INDEX import_log_kind ON import_log(kind, vintage, source);

-- Communes (COM) and municipal arrondissements (ARM, with their parent).
CREATE TABLE communes (
  code         TEXT PRIMARY KEY,          -- INSEE COG code, 5 chars
  type         TEXT NOT NULL CHECK (type IN ('COM', 'ARM')),
  parent       TEXT,                      -- ARM: the commune (75056, 69123, 13055)
  name         TEXT NOT NULL,
  dep          TEXT,
  reg          TEXT,
  epci         TEXT,                      -- SIREN of the EPCI (from the cog import)
  lat          REAL,                      -- WGS84
  lon          REAL,
  point_source TEXT CHECK (point_source IN ('point', 'centroid')),
  postal_codes TEXT,                      -- space-separated
  area_km2     REAL,
  population   INTEGER,                   -- INSEE municipal population (RP)
  import_id    INTEGER NOT NULL REFERENCES import_log(id)
) WITHOUT ROWID;
CREATE INDEX communes_dep ON communes(dep);
CREATE INDEX communes_parent ON communes(parent);

-- Communes déléguées (COMD) and other old codes, mapped to their current
-- commune: lets tables on an older COG join (DREES 2022 uses COG 2023).
CREATE TABLE commune_alias (
  code       TEXT NOT NULL,
  parent     TEXT NOT NULL,               -- current commune code
  name       TEXT,
  origin     TEXT NOT NULL,               -- 'comd' (communes CSV) or 'cog' (npm COG)
  import_id  INTEGER NOT NULL REFERENCES import_log(id),
  PRIMARY KEY (code, origin)
) WITHOUT ROWID;

CREATE TABLE regions (
  code      TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  import_id INTEGER NOT NULL REFERENCES import_log(id)
) WITHOUT ROWID;

CREATE TABLE departements (
  code      TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  reg       TEXT,
  import_id INTEGER NOT NULL REFERENCES import_log(id)
) WITHOUT ROWID;

CREATE TABLE epci (
  code      TEXT PRIMARY KEY,             -- SIREN
  name      TEXT NOT NULL,
  type      TEXT,                         -- CC, CA, CU, METRO, MET69
  population INTEGER,
  import_id INTEGER NOT NULL REFERENCES import_log(id)
) WITHOUT ROWID;

CREATE TABLE epci_member (
  epci      TEXT NOT NULL,
  commune   TEXT NOT NULL,
  import_id INTEGER NOT NULL REFERENCES import_log(id),
  PRIMARY KEY (commune, epci)
) WITHOUT ROWID;

-- Demand: population per commune for one vintage (the APL vintage it
-- serves: the DREES 2022 table carries populations 2020).
CREATE TABLE population (
  vintage      INTEGER NOT NULL,
  commune      TEXT NOT NULL,             -- as in the file (may be an old code)
  standardised REAL NOT NULL,
  total        REAL,
  import_id    INTEGER NOT NULL REFERENCES import_log(id),
  PRIMARY KEY (vintage, commune)
) WITHOUT ROWID;

-- Supply counts per commune from any CSV (e.g. SIRENE 86.21Z establishments).
CREATE TABLE supply_count (
  source    TEXT NOT NULL,                -- e.g. 'generaliste'
  vintage   INTEGER NOT NULL,
  commune   TEXT NOT NULL,
  value     REAL NOT NULL,
  import_id INTEGER NOT NULL REFERENCES import_log(id),
  PRIMARY KEY (source, vintage, commune)
) WITHOUT ROWID;

-- Official APL tables (DREES), kept as published for validation.
CREATE TABLE apl_reference (
  vintage     INTEGER NOT NULL,
  commune     TEXT NOT NULL,
  name        TEXT,
  apl         REAL NOT NULL,
  apl_under65 REAL,
  pop_std     REAL,
  pop_total   REAL,
  import_id   INTEGER NOT NULL REFERENCES import_log(id),
  PRIMARY KEY (vintage, commune)
) WITHOUT ROWID;

-- Optional travel-time matrix (origin = demand, destination = supply).
CREATE TABLE travel_matrix (
  vintage     INTEGER NOT NULL,
  origin      TEXT NOT NULL,
  destination TEXT NOT NULL,
  minutes     REAL NOT NULL CHECK (minutes >= 0),
  import_id   INTEGER NOT NULL REFERENCES import_log(id),
  PRIMARY KEY (vintage, origin, destination)
) WITHOUT ROWID;
CREATE INDEX travel_matrix_import ON travel_matrix(import_id);
