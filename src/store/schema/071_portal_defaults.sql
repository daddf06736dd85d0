-- 071_portal_defaults: the texts a new instance starts with; the team edits
-- them at /portail/admin (nothing here needs a rebuild to change).
INSERT INTO portal_settings (key, value) VALUES
  ('name', 'Votre territoire'),
  ('tagline', 'Venez exercer chez nous'),
  ('logo_url', ''),
  ('color_primary', '#1f3f8f'),
  ('color_accent', '#146346'),
  ('intro', 'Un territoire qui accueille ses soignants : des aides à l''installation, des centres de santé qui recrutent, des stages pour les internes et une équipe qui vous accompagne de la première visite à l''installation.'),
  ('why_md', '- **Une équipe dédiée** vous accompagne dans toutes vos démarches : logement, emploi du conjoint, scolarité des enfants.
- **Des aides cumulables** de l''État, de l''Assurance maladie et des collectivités.
- **Des postes salariés** dans les centres de santé et des **stages** pour les internes, avec hébergement.'),
  ('contact', 'Écrivez-nous par le formulaire « Demander un accompagnement » : un chargé de mission vous répond.'),
  ('widget_origins', '');

INSERT INTO portal_pages (slug, title, body_md, status, published_at) VALUES
  ('accessibilite', 'Accessibilité du portail',
   'Ce portail est **partiellement conforme** au référentiel général d''amélioration de l''accessibilité (RGAA 4.1).

La déclaration complète, avec ce qui a été vérifié et les voies de recours, est sur la page [Déclaration d''accessibilité](/accessibilite).

Si un contenu vous est inaccessible, écrivez-nous : nous vous le fournirons sous une autre forme.',
   'publie', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
