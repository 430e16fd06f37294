-- "A person's latest effective punch" orders by (punched_at DESC, id DESC). With id in the index,
-- a backward scan stops at the first effective row instead of sorting every punch of the person
-- (measured: 0.46 ms a person with 120 punches, growing with the history; bench/punch-load).
-- It covers every use of the index it replaces (same leading columns).
CREATE INDEX punches_staff_latest_idx ON punches (contract_id, staff_id, punched_at, id);
DROP INDEX punches_staff_time_idx;
