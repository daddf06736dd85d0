-- 047_case_outcomes_students: outcomes of a student's or an intern's
-- dossier that are not an installation (issue 13): « engagement signé »
-- (a CESP or an aid commitment) and « poursuite d'études », beside the
-- « stage effectué » that exists.  Only installé·e counts as an
-- installation (plan, statistics by commune).
--
-- The list lives in a CHECK of case_dossiers.  Rebuilding that table
-- inside the migrations' transaction would cascade-delete its children
-- (foreign keys cannot be switched off there), so the CHECK is widened in
-- place, as SQLite documents for loosening a constraint (ALTER TABLE,
-- "other kinds of table schema changes"): every row that passed the old
-- CHECK passes the new one.  The index created last bumps the schema
-- cookie, so every connection reloads the schema.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''abandon'', ''sans_suite''))',
                     '''abandon'', ''sans_suite'', ''engagement_signe'','
                     || ' ''poursuite_etudes''))')
 WHERE type = 'table' AND name = 'case_dossiers';
PRAGMA writable_schema = RESET;
CREATE INDEX IF NOT EXISTS case_dossiers_outcome ON case_dossiers(outcome)
  WHERE outcome IS NOT NULL;
