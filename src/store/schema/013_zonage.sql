-- 013_zonage: the official zonage of each ARS, per commune and profession,
-- imported from the arrêtés as published (`oasis zonage import`).  History is
-- kept: a later arrêté for a commune supersedes an earlier one (the current
-- class is the row with the latest date_arrete); several regions' files add up.
CREATE TABLE IF NOT EXISTS zonage (
  id          INTEGER PRIMARY KEY,
  commune     TEXT NOT NULL,
  profession  TEXT NOT NULL DEFAULT 'medecin',
  zone        TEXT NOT NULL CHECK (zone IN ('ZIP', 'ZAC', 'ZAR', 'HORS',
                'TRES_SOUS_DOTEE', 'SOUS_DOTEE', 'INTERMEDIAIRE',
                'TRES_DOTEE', 'SUR_DOTEE')),
  label       TEXT NOT NULL,                  -- the class as written in the file
  date_arrete TEXT,                           -- YYYY-MM-DD, NULL when not given
  reference   TEXT,                           -- arrêté reference, as given
  vintage     INTEGER,
  import_id   INTEGER NOT NULL REFERENCES import_log(id),
  UNIQUE (commune, profession, zone, date_arrete, reference)
);
CREATE INDEX IF NOT EXISTS zonage_commune ON zonage(commune, profession, date_arrete);
