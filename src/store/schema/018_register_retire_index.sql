-- 018_register_retire_index: the observatory's projection reads, on every
-- commune sheet, the few practitioners whose retirement date the team
-- declared (wf_each_declared_retirement); a partial index holds only them,
-- so a national register of 1.5 M people is not scanned for a handful.
CREATE INDEX practitioner_register_retire ON practitioner_register(retire_on)
  WHERE retire_on IS NOT NULL;
