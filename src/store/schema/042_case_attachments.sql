-- 042_case_attachments: metadata of the files joined to a dossier.  The bytes
-- live outside the database, under the attachments directory, named by their
-- SHA-256 (so a copy can be checked and identical files are stored once).
CREATE TABLE case_attachments (
  id              INTEGER PRIMARY KEY,
  dossier_id      INTEGER NOT NULL REFERENCES case_dossiers(id) ON DELETE CASCADE,
  at              TEXT NOT NULL,
  file_name       TEXT NOT NULL,
  content_type    TEXT NOT NULL,
  size            INTEGER NOT NULL CHECK (size > 0),
  sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
  uploaded_by     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_attachments_dossier ON case_attachments(dossier_id);
CREATE INDEX case_attachments_sha ON case_attachments(sha256);
