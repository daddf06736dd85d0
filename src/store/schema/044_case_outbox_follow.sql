-- 044_case_outbox_follow: the guichet's mail outbox and the requesters'
-- follow-up links.
--
-- Every e-mail is written here in the same transaction as what it reports,
-- then sent by a background thread with retries (cases/outbox.c): a slow or
-- failing SMTP server never stalls a page and loses no message; with no SMTP
-- configured, messages wait, visible to agents as « non envoyé ».  Personal
-- data: erased with the dossier.
CREATE TABLE IF NOT EXISTS case_outbox (
  id          INTEGER PRIMARY KEY,
  dossier_id  INTEGER REFERENCES case_dossiers(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,                  -- accuse, message, lien
  to_addr     TEXT NOT NULL,
  subject     TEXT NOT NULL,
  body        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,               -- unix seconds
  state       TEXT NOT NULL DEFAULT 'en_attente'
              CHECK (state IN ('en_attente', 'envoye', 'echec')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  next_at     INTEGER NOT NULL,               -- next attempt (unix seconds)
  sent_at     INTEGER,
  last_error  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS case_outbox_due ON case_outbox(state, next_at);
CREATE INDEX IF NOT EXISTS case_outbox_dossier ON case_outbox(dossier_id);

-- The requester's private follow-up link: only the SHA-256 of the token is
-- kept, so a copy of the database opens no dossier.  One live link a
-- dossier; a new one replaces it; the agent can revoke it.
CREATE TABLE IF NOT EXISTS case_follow (
  dossier_id  INTEGER PRIMARY KEY REFERENCES case_dossiers(id) ON DELETE CASCADE,
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);
