-- 017_scenario_structure: a what-if change can open a structure (a maison
-- de santé or a centre de santé) with its GP FTE (« une MSP de 3 ETP à
-- Autun »): its kind is recorded beside the change (scenario, seq) of
-- obs_scenario_change.  A table of its own because 017 runs before 020
-- creates the scenarios (a foreign key may name a table made later); a
-- plain change of doctors or an antenna has no row here.
CREATE TABLE obs_scenario_structure (
  scenario_id INTEGER NOT NULL REFERENCES obs_scenario(id) ON DELETE CASCADE,
  seq         INTEGER NOT NULL,
  kind        TEXT NOT NULL,               -- msp, centre_sante
  PRIMARY KEY (scenario_id, seq)
) WITHOUT ROWID;
