-- 労務アラート's recompute (issue 19, ADR 018) leaves out the punches a correction replaced, for a
-- batch of people at once: it reads the corrections of those people as one hashed set. Without an
-- index on (person, replaced punch) for correction rows only, that read went through every punch
-- of the people (a third of a second per batch of 357 people × a year). Corrections are few, so
-- the index is small.
CREATE INDEX punches_corrections_by_staff_idx ON punches (contract_id, staff_id, supersedes_id)
  WHERE supersedes_id IS NOT NULL;
