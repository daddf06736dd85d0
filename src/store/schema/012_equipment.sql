-- 012_equipment: health equipment counted per commune by the INSEE BPE
-- (base permanente des équipements), e.g. D108 centres de santé, D113
-- maisons de santé pluridisciplinaires, D307 pharmacies.
CREATE TABLE equipment_count (
  vintage   INTEGER NOT NULL,
  commune   TEXT NOT NULL,
  kind      TEXT NOT NULL,                -- BPE equipment type, e.g. 'D113'
  n         INTEGER NOT NULL CHECK (n >= 0),
  import_id INTEGER NOT NULL REFERENCES import_log(id),
  PRIMARY KEY (vintage, commune, kind)
) WITHOUT ROWID;
CREATE INDEX equipment_count_commune ON equipment_count(commune);
