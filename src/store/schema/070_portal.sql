-- 070_portal: the public welcome site: territory settings, Markdown pages,
-- events and their registrations, commune fiches written by the team.
-- Settings are key/value so a new text needs no migration; the keys are
-- listed (with their French labels) in src/portal/settings.c.
CREATE TABLE portal_settings (
  key         TEXT PRIMARY KEY,
  value       TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE portal_pages (
  id           INTEGER PRIMARY KEY,
  slug         TEXT NOT NULL UNIQUE,          -- [a-z0-9-], the URL /portail/pages/SLUG
  title        TEXT NOT NULL,
  body_md      TEXT NOT NULL DEFAULT '',      -- CommonMark, rendered with raw HTML escaped
  status       TEXT NOT NULL DEFAULT 'brouillon'
               CHECK (status IN ('brouillon', 'publie')),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  published_at TEXT
);

CREATE TABLE portal_events (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL
               CHECK (kind IN ('salon', 'congres', 'portes-ouvertes', 'lycee', 'autre')),
  title        TEXT NOT NULL,
  starts_on    TEXT NOT NULL,                 -- YYYY-MM-DD
  start_time   TEXT NOT NULL DEFAULT '',      -- HH:MM or ''
  place        TEXT NOT NULL DEFAULT '',
  body_md      TEXT NOT NULL DEFAULT '',
  capacity     INTEGER NOT NULL DEFAULT 0 CHECK (capacity >= 0),   -- 0: no limit
  is_published INTEGER NOT NULL DEFAULT 1,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX portal_events_date ON portal_events(starts_on);

-- Personal data: kept in the database only, never logged.
CREATE TABLE portal_registrations (
  id          INTEGER PRIMARY KEY,
  event_id    INTEGER NOT NULL REFERENCES portal_events(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  email       TEXT NOT NULL,
  profile     TEXT NOT NULL,                  -- code of src/portal/rules.c profiles
  consent_at  TEXT NOT NULL,                  -- when the GDPR consent box was ticked
  created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (event_id, email)
);

-- What the team writes about a commune for candidates (presentation,
-- contact).  Figures (zone, APL) come from the observatory, never from here.
CREATE TABLE portal_communes (
  code        TEXT PRIMARY KEY,               -- INSEE code
  name        TEXT NOT NULL,
  epci        TEXT NOT NULL DEFAULT '',       -- EPCI name, as the team writes it
  body_md     TEXT NOT NULL DEFAULT '',
  contact     TEXT NOT NULL DEFAULT '',
  updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
) WITHOUT ROWID;
