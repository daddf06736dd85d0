-- 030_aids: the aid catalogue, the commitments register, and the zone class
-- of a commune that the simulator reads.
--
-- The catalogue files (data/aids/*.aid) are the reference text of each
-- scheme: aid_scheme.text holds that text exactly as aid_write() prints it,
-- and the other columns and tables are indexes of it for search and
-- filters, rewritten together with it (src/aids/catalog.c).

CREATE TABLE aid_scheme (
  id            TEXT PRIMARY KEY CHECK (id GLOB '[a-z0-9]*' AND length(id) < 64),
  name          TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('brouillon', 'publié', 'archivé')),
  porteur       TEXT NOT NULL,        -- level label: commune, EPCI, département…
  porteur_code  TEXT NOT NULL DEFAULT '',
  porteur_name  TEXT NOT NULL DEFAULT '',
  valid_from    TEXT NOT NULL DEFAULT '',
  valid_to      TEXT NOT NULL DEFAULT '',
  text          TEXT NOT NULL,        -- the catalogue file, canonical form
  updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

-- Territory of application: one row per code (level: commune, EPCI,
-- département, région, France).
CREATE TABLE aid_territory (
  aid   TEXT NOT NULL REFERENCES aid_scheme(id) ON DELETE CASCADE,
  level TEXT NOT NULL,
  code  TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (aid, level, code)
);
-- Filters: profession, status, benefit type (labels as in the files).
CREATE TABLE aid_tag (
  aid   TEXT NOT NULL REFERENCES aid_scheme(id) ON DELETE CASCADE,
  kind  TEXT NOT NULL CHECK (kind IN ('profession', 'statut', 'avantage')),
  value TEXT NOT NULL,
  PRIMARY KEY (aid, kind, value)
);
CREATE INDEX aid_tag_value ON aid_tag(kind, value);

-- Zone class of each commune, computed from the APL by the observatory
-- (issue 5 item 5).  Created here IF NOT EXISTS so the simulator can read it
-- before the observatory's migration exists; the observatory fills it.
--   commune  INSEE code; vintage  APL year; apl  value; zone  ZIP|ZAC|HORS
CREATE TABLE IF NOT EXISTS commune_zone (
  commune TEXT NOT NULL,
  vintage INTEGER NOT NULL,
  apl     REAL,
  zone    TEXT NOT NULL CHECK (zone IN ('ZIP', 'ZAC', 'HORS')),
  PRIMARY KEY (commune, vintage)
);

-- Commitments register (back-office).  Personal data: database only.
CREATE TABLE aid_commitment (
  id           INTEGER PRIMARY KEY,
  aid          TEXT NOT NULL REFERENCES aid_scheme(id),
  beneficiary  TEXT NOT NULL CHECK (length(beneficiary) > 0),
  signed_on    TEXT NOT NULL,
  start_on     TEXT NOT NULL,
  end_on       TEXT NOT NULL CHECK (end_on > start_on),
  place        TEXT NOT NULL,                    -- INSEE code of the commune
  amount       REAL NOT NULL CHECK (amount >= 0), -- euros granted
  repay        TEXT NOT NULL CHECK (repay IN ('inconnu', 'aucun', 'total', 'prorata')),
  status       TEXT NOT NULL DEFAULT 'en cours'
               CHECK (status IN ('en cours', 'honoré', 'rompu', 'dispensé')),
  broken_on    TEXT,
  due          REAL CHECK (due IS NULL OR due >= 0),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX aid_commitment_aid ON aid_commitment(aid);

CREATE TABLE aid_payment (
  id          INTEGER PRIMARY KEY,
  commitment  INTEGER NOT NULL REFERENCES aid_commitment(id) ON DELETE CASCADE,
  paid_on     TEXT NOT NULL,
  amount      REAL NOT NULL CHECK (amount > 0)
);
CREATE INDEX aid_payment_commitment ON aid_payment(commitment);

-- Yearly proofs of practice received.
CREATE TABLE aid_proof (
  id          INTEGER PRIMARY KEY,
  commitment  INTEGER NOT NULL REFERENCES aid_commitment(id) ON DELETE CASCADE,
  received_on TEXT NOT NULL
);
CREATE INDEX aid_proof_commitment ON aid_proof(commitment);
