-- 020_observatory: stored APL runs with their provenance, the zone class
-- of every commune for the aids module, and saved what-if scenarios.

-- One computed run: key (vintage, supply source, parameters) and the
-- import ids of its inputs (import_log), so every stored figure names
-- its files.
CREATE TABLE apl_run (
  id            INTEGER PRIMARY KEY,
  vintage       INTEGER NOT NULL,
  supply        TEXT NOT NULL,            -- supply_count source or 'praticiens'
  params        TEXT NOT NULL,            -- JSON of the engine parameters
  params_text   TEXT NOT NULL,            -- the same, in French, for people
  is_default    INTEGER NOT NULL DEFAULT 0,
  id_communes   INTEGER,
  id_population INTEGER,
  id_supply     INTEGER,
  id_pract      INTEGER,
  provenance    TEXT NOT NULL,            -- French lines, one per input
  n_communes    INTEGER NOT NULL,
  apl_mean      REAL,                     -- population-weighted, France
  seconds       REAL,                     -- load + graph + APL
  created       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX apl_run_key ON apl_run(vintage, supply, is_default);

CREATE TABLE apl_result (
  run_id        INTEGER NOT NULL REFERENCES apl_run(id) ON DELETE CASCADE,
  commune       TEXT NOT NULL,
  apl           REAL NOT NULL,
  zone          INTEGER NOT NULL,         -- 0 sous-dense, 1 intermédiaire, 2 non zoné
  supply_reach  REAL,
  demand_reach  REAL,
  count         REAL,
  pop           REAL,
  density       REAL,
  PRIMARY KEY (run_id, commune)
) WITHOUT ROWID;
CREATE INDEX apl_result_commune ON apl_result(commune);

-- Read by the aids module (its migration 030 creates it the same way).
CREATE TABLE IF NOT EXISTS commune_zone (
  commune TEXT NOT NULL,
  vintage INTEGER NOT NULL,
  apl     REAL,
  zone    TEXT NOT NULL CHECK (zone IN ('ZIP', 'ZAC', 'HORS')),
  PRIMARY KEY (commune, vintage)
);

-- Saved what-if scenarios and their changes.
CREATE TABLE obs_scenario (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL CHECK (length(name) > 0),
  author    TEXT,
  vintage   INTEGER NOT NULL,
  supply    TEXT NOT NULL,
  params    TEXT NOT NULL,                -- JSON, as apl_run.params
  created   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE obs_scenario_change (
  scenario_id INTEGER NOT NULL REFERENCES obs_scenario(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  commune     TEXT NOT NULL,
  fte         REAL NOT NULL,
  is_antenna  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (scenario_id, seq)
) WITHOUT ROWID;
