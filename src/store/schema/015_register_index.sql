-- 015_register_index: the second site is rare (entered by the team), so
-- its index holds only the rows that have one: a national RPPS import no
-- longer inserts two million NULL keys into it.
DROP INDEX practitioner_register_commune2;
CREATE INDEX practitioner_register_commune2 ON practitioner_register(commune2)
  WHERE commune2 IS NOT NULL;
