-- API tokens (issue 14, エンタープライズ): another program calls /api/v1 with
-- `Authorization: Bearer <token>`, limited to its scopes (`<area>:read` / `<area>:write`). Only the
-- token's SHA-256 is kept; the token is shown once, when it is made. Deleting keeps the row (the
-- 操作ログ names it) and ends the token at once.
CREATE TABLE api_tokens (
  contract_id text NOT NULL REFERENCES contracts (id),
  id integer GENERATED ALWAYS AS IDENTITY,
  name text NOT NULL,
  token_hash bytea NOT NULL UNIQUE,
  -- The first characters, shown in lists so that a person can tell tokens apart.
  prefix text NOT NULL,
  scopes text[] NOT NULL,
  created_by_staff_id integer,
  created_by_account_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  deleted_at timestamptz,
  PRIMARY KEY (contract_id, id)
);
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_tokens TO timecard_app
  USING (contract_id = current_setting('app.contract_id', true))
  WITH CHECK (contract_id = current_setting('app.contract_id', true));
GRANT SELECT, INSERT ON api_tokens TO timecard_app;
GRANT UPDATE (last_used_at, deleted_at) ON api_tokens TO timecard_app;
