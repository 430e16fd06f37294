-- Punches that arrive for a closed period (締め済み) — a terminal's late offline punch, or any punch
-- while the current period is closed — are never written into the period and never lost: they
-- wait here for an administrator, who takes them in (after reopening the period) or discards them
-- (issue 11 §4). Same fields as punches; the idempotency key makes a retried punch answer the same.
CREATE TABLE held_punches (
  contract_id text NOT NULL REFERENCES contracts (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  staff_id integer NOT NULL,
  office_id integer,
  type text NOT NULL CHECK (type IN ('clock_in', 'clock_out', 'break_start', 'break_end')),
  punched_at timestamptz NOT NULL,
  device_at timestamptz,
  work_date date NOT NULL,
  source text NOT NULL CHECK (source IN ('web_clock', 'app', 'personal', 'import', 'admin')),
  idempotency_key text NOT NULL,
  terminal_id bigint,
  actor_account_id bigint,
  flags jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolution text CHECK (resolution IN ('accepted', 'discarded')),
  resolved_at timestamptz,
  resolved_by_account_id bigint,
  PRIMARY KEY (contract_id, id),
  UNIQUE (contract_id, idempotency_key),
  FOREIGN KEY (contract_id, staff_id) REFERENCES staff (contract_id, id)
);
CREATE INDEX held_punches_open_idx ON held_punches (contract_id) WHERE resolution IS NULL;
ALTER TABLE held_punches ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON held_punches TO timecard_app
  USING (contract_id = current_setting('app.contract_id', true))
  WITH CHECK (contract_id = current_setting('app.contract_id', true));
GRANT SELECT, INSERT ON held_punches TO timecard_app;
GRANT UPDATE (resolution, resolved_at, resolved_by_account_id) ON held_punches TO timecard_app;
