-- commune_zone held our model's class of every commune under the words of
-- the ARS zonage (ZIP, ZAC, HORS).  Nothing reads it any more: a commune's
-- class comes from zoning_of() alone (official arrêté, else the DREES APL,
-- labelled indicative), and the model's own class stays in apl_result.zone.
-- Dropped so that no computed class is ever stored under an official name
-- (issue 13).  Numbered after 030, which created it IF NOT EXISTS.
DROP TABLE IF EXISTS commune_zone;
