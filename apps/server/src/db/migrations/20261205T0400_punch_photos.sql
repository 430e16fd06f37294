-- Punch evidence (issue 20, ADR 019): the photo taken with a punch, in its own table so that the
-- punches stay small and the photos can be purged after the contract's retention (default 90 days)
-- while the punches are kept for years (労働基準法 109条). A photo is keyed by its punch's
-- idempotency key and written before the punch enters the group commit: the punch path (ADR 006)
-- is unchanged, a retry with the same key keeps the first photo (ON CONFLICT DO NOTHING), and a
-- photo whose punch was refused is an orphan the purge job removes after a day.
CREATE TABLE punch_photos (
  contract_id text NOT NULL REFERENCES contracts (id),
  idempotency_key text NOT NULL,
  staff_id integer NOT NULL,
  received_at timestamptz NOT NULL,
  jpeg bytea NOT NULL CHECK (octet_length(jpeg) <= 204800),
  PRIMARY KEY (contract_id, idempotency_key),
  FOREIGN KEY (contract_id, staff_id) REFERENCES staff (contract_id, id)
);
CREATE INDEX punch_photos_received_idx ON punch_photos (contract_id, received_at);
ALTER TABLE punch_photos ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON punch_photos TO timecard_app
  USING (contract_id = current_setting('app.contract_id', true))
  WITH CHECK (contract_id = current_setting('app.contract_id', true));
GRANT SELECT, INSERT, DELETE ON punch_photos TO timecard_app;
-- SELECT … FOR UPDATE SKIP LOCKED (the purge job's claim) needs UPDATE on one column; nothing updates it.
GRANT UPDATE (received_at) ON punch_photos TO timecard_app;
