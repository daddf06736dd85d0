-- The published figures under the name their publisher gives them (issue 13):
-- Saône-et-Loire's 5,000 (bilan 2022) are home visits alone, not visits and
-- teleconsultations; Corrèze's 90,000 since 2019 count consultations, visits
-- and teleconsultations together, not consultations.  Databases loaded from
-- the former data/centres/published.csv are corrected here.
UPDATE centre_published
   SET metric = 'home_visits', note = 'Visites à domicile'
 WHERE metric = 'home_and_tele' AND value = 5000 AND year_from = 2022
   AND year_to = 2022
   AND source = 'Département de Saône-et-Loire, bilan 2022';
UPDATE centre_published
   SET metric = 'all_contacts',
       note = 'Consultations, visites et téléconsultations ensemble, cumul '
              || '« depuis 2019 » ; année de fin supposée (date de '
              || 'publication non précisée)'
 WHERE metric = 'consultations' AND value = 90000 AND year_from = 2019
   AND year_to = 2023 AND source = 'Département de la Corrèze';
