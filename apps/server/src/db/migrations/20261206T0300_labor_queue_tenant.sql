-- 労務アラート's queue of contracts with stale totals becomes a tenant table (ADR 018, 020): the
-- trigger on punches that fills it runs, on Citus, on the node holding the punch's shard, where it
-- can write only tables co-located by contract_id (as staff_month_totals already is). The key was
-- contract_id already; the table now has row-level security like every tenant table and is
-- distributed with them (docs/operations.md). The worker finds due contracts with one
-- `cross-tenant: job-claim` read and then claims each by its contract_id (a router statement).
ALTER TABLE labor_totals_queue ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON labor_totals_queue TO timecard_app
  USING (contract_id = current_setting('app.contract_id', true))
  WITH CHECK (contract_id = current_setting('app.contract_id', true));
-- The worker's read across contracts: due rows, oldest first.
CREATE INDEX labor_totals_queue_due_idx ON labor_totals_queue (queued_at);
