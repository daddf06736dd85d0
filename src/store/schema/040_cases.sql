-- 040_cases: the guichet unique's dossiers (one request of a doctor or a
-- student), their sub-tasks (one per need), state transitions, private notes
-- and messages with the requester.  Owned by src/cases/store.c.
-- Personal fields (names, contact, free text) are erased by anonymisation;
-- the coded fields and dates stay for the statistics.
-- agent_id/actor_id hold users.id without a foreign key on purpose: the
-- history must outlive an account, and it names the person in *_name.
CREATE TABLE case_dossiers (
  id              INTEGER PRIMARY KEY,
  ref_year        INTEGER NOT NULL,
  ref_seq         INTEGER NOT NULL,
  reference       TEXT NOT NULL UNIQUE,            -- BD-2026-0042
  state           TEXT NOT NULL DEFAULT 'nouveau' CHECK (state IN
                    ('nouveau', 'en_cours', 'attente_demandeur',
                     'attente_partenaire', 'clos')),
  channel         TEXT NOT NULL,                   -- formulaire, telephone, ...
  first_name      TEXT NOT NULL DEFAULT '',
  last_name       TEXT NOT NULL DEFAULT '',
  email           TEXT NOT NULL DEFAULT '',
  phone           TEXT NOT NULL DEFAULT '',
  profession      TEXT NOT NULL,
  status          TEXT NOT NULL,
  project         TEXT NOT NULL,
  territory_kind  TEXT NOT NULL,                   -- commune, epci, indecis
  territory_code  TEXT NOT NULL DEFAULT '',
  territory_label TEXT NOT NULL DEFAULT '',
  wished_date     TEXT NOT NULL DEFAULT '',        -- YYYY-MM
  message         TEXT NOT NULL DEFAULT '',
  consent_at      TEXT NOT NULL,
  idem_token      TEXT UNIQUE,                     -- one dossier per form display
  agent_id        INTEGER,                         -- users.id, NULL: unassigned
  agent_name      TEXT NOT NULL DEFAULT '',
  outcome         TEXT CHECK (outcome IS NULL OR outcome IN
                    ('installe', 'remplacant', 'stage', 'reoriente',
                     'abandon', 'sans_suite')),
  outcome_commune TEXT NOT NULL DEFAULT '',
  outcome_date    TEXT NOT NULL DEFAULT '',
  created_at      TEXT NOT NULL,
  first_contact_at TEXT,
  closed_at       TEXT,
  updated_at      TEXT NOT NULL,                   -- last activity (reminders)
  anonymised_at   TEXT,
  UNIQUE (ref_year, ref_seq),
  CHECK ((state = 'clos') = (outcome IS NOT NULL))
);
CREATE INDEX case_dossiers_state ON case_dossiers(state, updated_at);
CREATE INDEX case_dossiers_created ON case_dossiers(created_at);
CREATE INDEX case_dossiers_email ON case_dossiers(email COLLATE NOCASE);
CREATE INDEX case_dossiers_closed ON case_dossiers(closed_at)
  WHERE anonymised_at IS NULL;

-- One sub-task per need of the request; may be handed to a partner.
CREATE TABLE case_tasks (
  id              INTEGER PRIMARY KEY,
  dossier_id      INTEGER NOT NULL REFERENCES case_dossiers(id) ON DELETE CASCADE,
  need            TEXT NOT NULL,                   -- demarches, aides, ...
  state           TEXT NOT NULL DEFAULT 'a_faire' CHECK (state IN
                    ('a_faire', 'en_cours', 'partenaire', 'fait', 'sans_objet')),
  due_date        TEXT NOT NULL DEFAULT '',        -- YYYY-MM-DD
  notes           TEXT NOT NULL DEFAULT '',
  partner_id      INTEGER REFERENCES case_partners(id) ON DELETE SET NULL,
  follow_up       TEXT NOT NULL DEFAULT '',        -- YYYY-MM-DD
  updated_at      TEXT NOT NULL,
  UNIQUE (dossier_id, need)
);
CREATE INDEX case_tasks_partner ON case_tasks(partner_id);

-- Every change of state: who, when, why.  from_state NULL: creation.
CREATE TABLE case_transitions (
  id              INTEGER PRIMARY KEY,
  dossier_id      INTEGER NOT NULL REFERENCES case_dossiers(id) ON DELETE CASCADE,
  at              TEXT NOT NULL,
  from_state      TEXT,
  to_state        TEXT NOT NULL,
  outcome         TEXT,
  actor_id        INTEGER,                         -- users.id; NULL: requester/system
  actor_name      TEXT NOT NULL DEFAULT '',
  reason          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_transitions_dossier ON case_transitions(dossier_id, id);

-- Private notes of the team (never shown to the requester).
CREATE TABLE case_notes (
  id              INTEGER PRIMARY KEY,
  dossier_id      INTEGER NOT NULL REFERENCES case_dossiers(id) ON DELETE CASCADE,
  at              TEXT NOT NULL,
  author_id       INTEGER,
  author_name     TEXT NOT NULL DEFAULT '',
  body            TEXT NOT NULL
);
CREATE INDEX case_notes_dossier ON case_notes(dossier_id, id);

-- Messages exchanged with the requester (sent by e-mail when configured).
CREATE TABLE case_messages (
  id              INTEGER PRIMARY KEY,
  dossier_id      INTEGER NOT NULL REFERENCES case_dossiers(id) ON DELETE CASCADE,
  at              TEXT NOT NULL,
  direction       TEXT NOT NULL CHECK (direction IN ('entrant', 'sortant')),
  author_id       INTEGER,
  author_name     TEXT NOT NULL DEFAULT '',
  body            TEXT NOT NULL,
  emailed         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX case_messages_dossier ON case_messages(dossier_id, id);
