-- 勤務ルール per person (the contract's and offices' live in their settings columns), and 締め処理:
-- a locked pay period refuses punch corrections until an administrator unlocks it.
ALTER TABLE staff ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb;

CREATE TABLE period_locks (
  contract_id text NOT NULL REFERENCES contracts (id),
  period_from date NOT NULL,
  period_to date NOT NULL CHECK (period_to >= period_from),
  locked_by_account_id bigint,
  locked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, period_from)
);
ALTER TABLE period_locks ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON period_locks TO timecard_app
  USING (contract_id = current_setting('app.contract_id', true))
  WITH CHECK (contract_id = current_setting('app.contract_id', true));
GRANT SELECT, INSERT, DELETE ON period_locks TO timecard_app;
