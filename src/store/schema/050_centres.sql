-- 050_centres: the centres de santé of a network (usually a département's),
-- their sites (main site and antennas), staff, vacancies, monthly activity,
-- monthly finance and the published yearly figures kept as such.
-- Dates are ISO text 'YYYY-MM-DD', months 'YYYY-MM', money in cents.
-- Commune codes are INSEE codes (text), not foreign keys: the territory
-- tables may be loaded after the centres.
CREATE TABLE centre_network (
  id          INTEGER PRIMARY KEY,
  code        TEXT NOT NULL UNIQUE,          -- short stable code, e.g. 'CSD71'
  name        TEXT NOT NULL,
  dep         TEXT,                          -- département that runs it
  source      TEXT,                          -- where the description comes from
  note        TEXT
);

CREATE TABLE centre (
  id          INTEGER PRIMARY KEY,
  network_id  INTEGER NOT NULL REFERENCES centre_network(id) ON DELETE CASCADE,
  code        TEXT NOT NULL UNIQUE,
  name        TEXT NOT NULL,
  opened_on   TEXT,
  note        TEXT
);
CREATE INDEX centre_by_network ON centre(network_id);

CREATE TABLE centre_site (
  id              INTEGER PRIMARY KEY,
  centre_id       INTEGER NOT NULL REFERENCES centre(id) ON DELETE CASCADE,
  code            TEXT NOT NULL UNIQUE,      -- used by the CSV import
  kind            TEXT NOT NULL CHECK (kind IN ('principal', 'antenne')),
  name            TEXT NOT NULL,
  commune         TEXT NOT NULL,             -- INSEE code
  address         TEXT,
  opened_on       TEXT,
  closed_on       TEXT,
  lender_kind     TEXT CHECK (lender_kind IN ('commune', 'epci', 'departement', 'autre')),
  lender_name     TEXT,
  convention_start TEXT,
  convention_end  TEXT,
  svc_consult     INTEGER NOT NULL DEFAULT 1,  -- consultations
  svc_home        INTEGER NOT NULL DEFAULT 0,  -- home visits
  svc_telepoint   INTEGER NOT NULL DEFAULT 0,  -- teleconsultation point
  svc_teleassist  INTEGER NOT NULL DEFAULT 0,  -- assisted (nurse / pharmacist)
  illustrative    INTEGER NOT NULL DEFAULT 0,  -- demo location, not a published fact
  note            TEXT
);
CREATE INDEX centre_site_by_centre ON centre_site(centre_id);
CREATE INDEX centre_site_by_commune ON centre_site(commune);

-- Opening hours: one row per opening range (weekday 1 = Monday).
CREATE TABLE centre_site_hours (
  site_id   INTEGER NOT NULL REFERENCES centre_site(id) ON DELETE CASCADE,
  weekday   INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  opens     TEXT NOT NULL,                   -- 'HH:MM'
  closes    TEXT NOT NULL,
  PRIMARY KEY (site_id, weekday, opens)
);

CREATE TABLE centre_staff (
  id          INTEGER PRIMARY KEY,
  network_id  INTEGER NOT NULL REFERENCES centre_network(id) ON DELETE CASCADE,
  first_name  TEXT NOT NULL,
  last_name   TEXT NOT NULL,
  category    TEXT NOT NULL CHECK (category IN
                ('medecin', 'paramedical', 'secretaire', 'administratif')),
  job         TEXT,                          -- e.g. 'infirmière', 'médecin généraliste'
  contract_start TEXT NOT NULL,
  contract_end   TEXT                        -- NULL: open-ended
);
CREATE INDEX centre_staff_by_network ON centre_staff(network_id);

-- Where a person works and for what share of a full time (sum <= 1).
CREATE TABLE centre_staff_site (
  staff_id  INTEGER NOT NULL REFERENCES centre_staff(id) ON DELETE CASCADE,
  site_id   INTEGER NOT NULL REFERENCES centre_site(id) ON DELETE CASCADE,
  fte       REAL NOT NULL CHECK (fte > 0 AND fte <= 1),
  PRIMARY KEY (staff_id, site_id)
);
CREATE INDEX centre_staff_site_by_site ON centre_staff_site(site_id);

CREATE TABLE centre_vacancy (
  id          INTEGER PRIMARY KEY,
  site_id     INTEGER NOT NULL REFERENCES centre_site(id) ON DELETE CASCADE,
  category    TEXT NOT NULL CHECK (category IN
                ('medecin', 'paramedical', 'secretaire', 'administratif')),
  title       TEXT NOT NULL,
  fte         REAL NOT NULL CHECK (fte > 0 AND fte <= 1),
  description TEXT,
  posted_on   TEXT NOT NULL,
  closed_on   TEXT,                          -- NULL: still open
  is_public   INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX centre_vacancy_by_site ON centre_vacancy(site_id);

CREATE TABLE centre_activity (
  site_id           INTEGER NOT NULL REFERENCES centre_site(id) ON DELETE CASCADE,
  month             TEXT NOT NULL,           -- 'YYYY-MM'
  consultations     INTEGER NOT NULL CHECK (consultations >= 0),
  home_visits       INTEGER NOT NULL CHECK (home_visits >= 0),
  teleconsultations INTEGER NOT NULL CHECK (teleconsultations >= 0),
  unscheduled_pct   REAL CHECK (unscheduled_pct BETWEEN 0 AND 100),
  new_mt_patients   INTEGER NOT NULL CHECK (new_mt_patients >= 0),
  cum_mt_patients   INTEGER NOT NULL CHECK (cum_mt_patients >= 0),
  PRIMARY KEY (site_id, month)
);

CREATE TABLE centre_finance (
  centre_id       INTEGER NOT NULL REFERENCES centre(id) ON DELETE CASCADE,
  month           TEXT NOT NULL,
  salaries_cents  INTEGER NOT NULL CHECK (salaries_cents >= 0),
  charges_cents   INTEGER NOT NULL CHECK (charges_cents >= 0),
  reimbursements_cents INTEGER NOT NULL CHECK (reimbursements_cents >= 0),
  PRIMARY KEY (centre_id, month)
);

-- Figures published for a whole network (or a centre) over one year or a
-- span of years, kept exactly as published: never split into months.
CREATE TABLE centre_published (
  id          INTEGER PRIMARY KEY,
  network_id  INTEGER NOT NULL REFERENCES centre_network(id) ON DELETE CASCADE,
  centre_id   INTEGER REFERENCES centre(id) ON DELETE CASCADE,
  metric      TEXT NOT NULL,
  year_from   INTEGER NOT NULL,
  year_to     INTEGER NOT NULL CHECK (year_to >= year_from),
  value       REAL NOT NULL,
  source      TEXT NOT NULL,
  note        TEXT
);
CREATE UNIQUE INDEX centre_published_key ON centre_published
  (network_id, coalesce(centre_id, 0), metric, year_from, year_to);
