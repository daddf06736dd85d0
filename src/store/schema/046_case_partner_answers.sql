-- 046_case_partner_answers: partners answer inside oasis (issue 14).
--
-- Handing a sub-task to a partner mails its contact a private link (as the
-- requester's /suivi link: a 256-bit token, only its SHA-256 kept, expiring,
-- replaced by a new hand-off, erased with the dossier).  The partner gives
-- an « avis » from it without an account; the avis lands in the dossier.
CREATE TABLE IF NOT EXISTS case_task_links (
  task_id     INTEGER PRIMARY KEY REFERENCES case_tasks(id) ON DELETE CASCADE,
  token_hash  TEXT NOT NULL UNIQUE,
  partner_id  INTEGER REFERENCES case_partners(id) ON DELETE SET NULL,
  contact_id  INTEGER REFERENCES case_partner_contacts(id) ON DELETE SET NULL,
  created_at  INTEGER NOT NULL,               -- unix seconds
  expires_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);

-- The partners' answers.  delay_days: from the hand-off to this answer
-- (the statistics' partner delays).  seen_at: when the team read it.
CREATE TABLE IF NOT EXISTS case_opinions (
  id            INTEGER PRIMARY KEY,
  dossier_id    INTEGER NOT NULL REFERENCES case_dossiers(id) ON DELETE CASCADE,
  task_id       INTEGER NOT NULL REFERENCES case_tasks(id) ON DELETE CASCADE,
  partner_id    INTEGER REFERENCES case_partners(id) ON DELETE SET NULL,
  partner_name  TEXT NOT NULL DEFAULT '',
  at            TEXT NOT NULL,
  verdict       TEXT NOT NULL CHECK (verdict IN
                  ('favorable', 'besoin_informations', 'defavorable')),
  body          TEXT NOT NULL DEFAULT '',
  attachment_id INTEGER REFERENCES case_attachments(id) ON DELETE SET NULL,
  delay_days    REAL,
  seen_at       TEXT
);
CREATE INDEX IF NOT EXISTS case_opinions_dossier ON case_opinions(dossier_id);
CREATE INDEX IF NOT EXISTS case_opinions_partner ON case_opinions(partner_id);

-- When the sub-task was last handed to a partner (delays are measured from it).
ALTER TABLE case_tasks ADD COLUMN handed_at TEXT;
