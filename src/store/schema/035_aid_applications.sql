-- 035_aid_applications: aid applications, instructed up to a signed
-- commitment (issue 14).  Owned by src/aids/applic.c.
--
-- An application is filed for one scheme with the applicant's profile as
-- the simulator read it and the simulation of that day (both JSON), then
-- instructed: déposée → complète → en commission → accordée / refusée →
-- convention signée.  Every move is logged with who and when.  On
-- signature the commitment is created in the register (aid_commitment)
-- with its payment schedule, and the application keeps its id: the link
-- both ways.  dossier_id holds case_dossiers.id as a plain integer, without
-- a foreign key: cases and aids are modules of one layer and stay apart.
-- Personal data: beneficiary (and the profile's communes); erased with the
-- commitment's retention.
CREATE TABLE IF NOT EXISTS aid_sessions (
  id          INTEGER PRIMARY KEY,
  held_on     TEXT NOT NULL,                    -- YYYY-MM-DD
  title       TEXT NOT NULL,
  created_at  TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS aid_applications (
  id            INTEGER PRIMARY KEY,
  aid           TEXT NOT NULL REFERENCES aid_scheme(id),
  dossier_id    INTEGER,                        -- case_dossiers.id or NULL
  beneficiary   TEXT NOT NULL CHECK (length(beneficiary) > 0),
  profile       TEXT NOT NULL,                  -- the simulator's inputs
  simulation    TEXT NOT NULL,                  -- the simulation at filing
  state         TEXT NOT NULL DEFAULT 'deposee' CHECK (state IN
                  ('deposee', 'complete', 'en_commission', 'accordee',
                   'refusee', 'convention_signee')),
  session_id    INTEGER REFERENCES aid_sessions(id),
  granted_cents INTEGER CHECK (granted_cents IS NULL OR granted_cents > 0),
  decision      TEXT NOT NULL DEFAULT '',       -- the commission's reasons
  decided_on    TEXT,
  place         TEXT NOT NULL DEFAULT '',       -- INSEE code, target commune
  commitment_id INTEGER REFERENCES aid_commitment(id),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS aid_applications_dossier
  ON aid_applications(dossier_id);
CREATE INDEX IF NOT EXISTS aid_applications_session
  ON aid_applications(session_id);
CREATE UNIQUE INDEX IF NOT EXISTS aid_applications_commitment
  ON aid_applications(commitment_id) WHERE commitment_id IS NOT NULL;

-- The supporting documents an application needs, and when each arrived.
CREATE TABLE IF NOT EXISTS aid_application_docs (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES aid_applications(id)
                 ON DELETE CASCADE,
  label          TEXT NOT NULL,
  received_on    TEXT,                          -- YYYY-MM-DD, NULL: awaited
  UNIQUE (application_id, label)
);

-- Every move of an application: who, when, from, to, why.
CREATE TABLE IF NOT EXISTS aid_application_log (
  id             INTEGER PRIMARY KEY,
  application_id INTEGER NOT NULL REFERENCES aid_applications(id)
                 ON DELETE CASCADE,
  at             TEXT NOT NULL,
  actor_id       INTEGER,                       -- users.id
  actor_name     TEXT NOT NULL DEFAULT '',
  from_state     TEXT,                          -- NULL: filing
  to_state       TEXT NOT NULL,
  note           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS aid_application_log_app
  ON aid_application_log(application_id, id);

-- The payment schedule of a commitment signed from an application.
CREATE TABLE IF NOT EXISTS aid_schedule (
  id             INTEGER PRIMARY KEY,
  commitment_id  INTEGER NOT NULL REFERENCES aid_commitment(id)
                 ON DELETE CASCADE,
  due_on         TEXT NOT NULL,
  amount_cents   INTEGER NOT NULL CHECK (amount_cents > 0)
);
CREATE INDEX IF NOT EXISTS aid_schedule_commitment
  ON aid_schedule(commitment_id, due_on);
