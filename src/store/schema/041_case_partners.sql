-- 041_case_partners: the partners directory (CPAM, MSA, EPCI, hospitals,
-- universities, employment, housing, tourism...), their contacts, the needs
-- they help with and the territories they cover.
-- (case_tasks.partner_id refers to case_partners: SQLite resolves foreign
-- keys when rows are written, so the order of the two files is free.)
CREATE TABLE case_partners (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL,                   -- cpam, msa, epci, ...
  email           TEXT NOT NULL DEFAULT '',
  phone           TEXT NOT NULL DEFAULT '',
  website         TEXT NOT NULL DEFAULT '',
  notes           TEXT NOT NULL DEFAULT ''
);

CREATE TABLE case_partner_contacts (
  id              INTEGER PRIMARY KEY,
  partner_id      INTEGER NOT NULL REFERENCES case_partners(id) ON DELETE CASCADE,
  name            TEXT NOT NULL,
  role            TEXT NOT NULL DEFAULT '',
  email           TEXT NOT NULL DEFAULT '',
  phone           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_partner_contacts_partner ON case_partner_contacts(partner_id);

-- Needs (case_tasks.need codes) a partner helps with.
CREATE TABLE case_partner_topics (
  partner_id      INTEGER NOT NULL REFERENCES case_partners(id) ON DELETE CASCADE,
  need            TEXT NOT NULL,
  PRIMARY KEY (partner_id, need)
) WITHOUT ROWID;

-- Territories covered (commune INSEE codes, EPCI SIREN, département codes);
-- a partner with no row covers every territory.
CREATE TABLE case_partner_territories (
  partner_id      INTEGER NOT NULL REFERENCES case_partners(id) ON DELETE CASCADE,
  code            TEXT NOT NULL,
  PRIMARY KEY (partner_id, code)
) WITHOUT ROWID;
