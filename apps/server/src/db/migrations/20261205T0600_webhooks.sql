-- Webhooks (issue 14, エンタープライズ, ADR 021): signed notifications to other programs.
--
-- webhook_endpoints: where to send and which events. The signing secret is kept as it is (it must
-- be read back to sign each delivery; there is no key store to encrypt it with): never logged, never
-- shown again after the answer that made it.
-- webhook_events: the transactional outbox. An event is written by emitEvent in the same
-- transaction as the change it tells of, and only when an active endpoint subscribes; `body` is the
-- exact JSON sent (the signature covers these bytes), `public_id` (evt_…) the receiver's
-- de-duplication key.
-- webhook_deliveries: one row per event and subscribed endpoint (and per 再送), claimed by the
-- delivery worker with FOR UPDATE SKIP LOCKED and a lease (next_attempt_at moved ahead): a worker
-- killed mid-send leaves the row due again when the lease ends (at least once).
CREATE TABLE webhook_endpoints (
  contract_id text NOT NULL REFERENCES contracts (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  url text NOT NULL,
  events text[] NOT NULL,
  secret text NOT NULL,
  state text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'disabled')),
  -- Failed attempts since the last success, and since when (the disable rule, ADR 021).
  consecutive_failures integer NOT NULL DEFAULT 0,
  failing_since timestamptz,
  disabled_at timestamptz,
  created_by_staff_id integer,
  created_by_account_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  PRIMARY KEY (contract_id, id)
);

CREATE TABLE webhook_events (
  contract_id text NOT NULL REFERENCES contracts (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  public_id text NOT NULL,
  type text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, id),
  UNIQUE (contract_id, public_id)
);

CREATE TABLE webhook_deliveries (
  contract_id text NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  endpoint_id bigint NOT NULL,
  event_id bigint NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_attempt_at timestamptz,
  last_status_code integer,
  last_error text,
  delivered_at timestamptz,
  -- A 再送 of an earlier delivery (same event, same endpoint).
  redelivery_of bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, id),
  FOREIGN KEY (contract_id, endpoint_id) REFERENCES webhook_endpoints (contract_id, id),
  FOREIGN KEY (contract_id, event_id) REFERENCES webhook_events (contract_id, id)
);
-- The worker's look for due work, across contracts; then it claims per contract.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_contract_due ON webhook_deliveries (contract_id, next_attempt_at)
  WHERE status = 'pending';
-- The delivery log of an endpoint, newest first.
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (contract_id, endpoint_id, id DESC);

ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_endpoints TO timecard_app
  USING (contract_id = current_setting('app.contract_id', true))
  WITH CHECK (contract_id = current_setting('app.contract_id', true));
CREATE POLICY tenant_isolation ON webhook_events TO timecard_app
  USING (contract_id = current_setting('app.contract_id', true))
  WITH CHECK (contract_id = current_setting('app.contract_id', true));
CREATE POLICY tenant_isolation ON webhook_deliveries TO timecard_app
  USING (contract_id = current_setting('app.contract_id', true))
  WITH CHECK (contract_id = current_setting('app.contract_id', true));
GRANT SELECT, INSERT ON webhook_endpoints TO timecard_app;
GRANT UPDATE (state, consecutive_failures, failing_since, disabled_at, deleted_at) ON webhook_endpoints
  TO timecard_app;
GRANT SELECT, INSERT ON webhook_events TO timecard_app;
GRANT SELECT, INSERT ON webhook_deliveries TO timecard_app;
GRANT UPDATE (status, attempts, next_attempt_at, last_attempt_at, last_status_code, last_error, delivered_at)
  ON webhook_deliveries TO timecard_app;
