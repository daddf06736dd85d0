-- 045_case_partner_public: a partner appears on the public portal only when
-- the team chose so, and then as an organisation (name, website, its
-- general e-mail and phone): contact persons are never published.
ALTER TABLE case_partners ADD COLUMN is_public INTEGER NOT NULL DEFAULT 0
  CHECK (is_public IN (0, 1));
