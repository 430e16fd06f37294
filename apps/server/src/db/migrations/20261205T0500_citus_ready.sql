-- Ready for Citus (issue 21): a distributed table's unique constraints must include its
-- distribution column (contract_id). A terminal's and an API token's token_hash were unique on their
-- own, because a token arrives before its contract is known. Now each is unique per contract, and
-- the global table token_directory (a Citus reference table) answers which contract a token
-- belongs to; the terminal or token itself is then read with its contract (a router query).
CREATE TABLE token_directory (
  token_hash bytea PRIMARY KEY,
  contract_id text NOT NULL REFERENCES contracts (id),
  kind text NOT NULL CHECK (kind IN ('terminal', 'api_token')),
  created_at timestamptz NOT NULL DEFAULT now()
);
-- Written in the transaction that makes the terminal or the token (inside the contract's scope).
GRANT SELECT, INSERT ON token_directory TO timecard_app;

INSERT INTO token_directory (token_hash, contract_id, kind, created_at)
SELECT token_hash, contract_id, 'terminal', created_at FROM terminals;
INSERT INTO token_directory (token_hash, contract_id, kind, created_at)
SELECT token_hash, contract_id, 'api_token', created_at FROM api_tokens;

ALTER TABLE terminals DROP CONSTRAINT terminals_token_hash_key;
ALTER TABLE terminals ADD CONSTRAINT terminals_token_hash_key UNIQUE (contract_id, token_hash);
ALTER TABLE api_tokens DROP CONSTRAINT api_tokens_token_hash_key;
ALTER TABLE api_tokens ADD CONSTRAINT api_tokens_token_hash_key UNIQUE (contract_id, token_hash);

-- Citus distributes identity columns of type bigint only (each node draws from its own range).
ALTER TABLE api_tokens ALTER COLUMN id TYPE bigint;

-- An account's contracts are found at login, before a contract is chosen. Reading staff by
-- account_id would ask every node; account_memberships (a reference table) names the contracts
-- where the account has a staff row, and each staff row is then read within its contract. A row is
-- written with the staff row's account (never removed: a stale one only finds no staff row).
CREATE TABLE account_memberships (
  account_id bigint NOT NULL REFERENCES accounts (id),
  contract_id text NOT NULL REFERENCES contracts (id),
  PRIMARY KEY (account_id, contract_id)
);
GRANT SELECT, INSERT ON account_memberships TO timecard_app;
INSERT INTO account_memberships (account_id, contract_id)
SELECT DISTINCT account_id, contract_id FROM staff WHERE account_id IS NOT NULL;

-- Units of background work done exactly once across server processes (jobs/exactly-once.ts): a
-- unit's row is inserted in the transaction that does the work, so the row exists if and only if
-- the work committed. A second process's insert waits for the first's transaction and then does
-- nothing; a process killed mid-unit rolls back both, and the unit is free again.
CREATE TABLE job_runs (
  contract_id text NOT NULL REFERENCES contracts (id),
  job text NOT NULL,
  unit_key text NOT NULL,
  done_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, job, unit_key)
);
ALTER TABLE job_runs ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON job_runs TO timecard_app
  USING (contract_id = current_setting('app.contract_id', true))
  WITH CHECK (contract_id = current_setting('app.contract_id', true));
GRANT SELECT, INSERT ON job_runs TO timecard_app;
