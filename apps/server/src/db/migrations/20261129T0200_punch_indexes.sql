-- "Is this punch replaced by a later version?" is asked for every state lookup; without this
-- index each check scanned the contract's punches (measured: 21 ms a punch on PostgreSQL).
CREATE INDEX punches_supersedes_idx ON punches (contract_id, supersedes_id) WHERE supersedes_id IS NOT NULL;
