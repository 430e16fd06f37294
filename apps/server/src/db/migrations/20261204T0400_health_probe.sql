-- /readyz writes one row here, updated in place, to prove that the database accepts writes: a full
-- disk or a read-only database still answers reads (issue 12 §10). Not tenant data: no contract_id,
-- no row-level security, left out of backups. The row is upserted by the probe (none at first), so
-- a restored backup never collides with it.
CREATE TABLE health_probe (
  id smallint PRIMARY KEY CHECK (id = 1),
  checked_at timestamptz NOT NULL
);
