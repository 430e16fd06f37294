-- 労務アラート (issue 19, ADR 018). The recompute leaves out the punches a correction replaced, for a
-- batch of people at once: it reads the corrections of those people as one hashed set. Without an
-- index on (person, replaced punch) for correction rows only, that read went through every punch
-- of the people (a third of a second per batch of 357 people × a year). Corrections are few, so
-- the index is small.
CREATE INDEX punches_corrections_by_staff_idx ON punches (contract_id, staff_id, supersedes_id)
  WHERE supersedes_id IS NOT NULL;

-- Every 労務アラート page view first marks stale the months computed before a day that has since
-- ended (markJudgedBeforeStale): only months not over when computed qualify, the current month of
-- each person, but the update read every month of the contract. Those few rows, indexed alone.
CREATE INDEX staff_month_totals_unjudged_idx ON staff_month_totals (contract_id, judged_through)
  WHERE period_to > judged_through;
