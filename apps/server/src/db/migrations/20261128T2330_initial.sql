-- Initial schema: contracts, accounts, offices, staff, per-office rights, sessions, one-time tokens,
-- the append-only audit log and the mail outbox.
--
-- Data model rules (architecture.md): every tenant table has contract_id first in its primary key
-- and in every foreign key to another tenant table, and row-level security restricts it to the
-- contract set by the request's transaction (app.contract_id) for the non-owner role timecard_app.
-- Global tables (no contract_id): contracts, accounts, sessions, auth_tokens, mail_outbox,
-- login_throttle. They are listed in tenancy.db.test.ts.

-- The role requests run as (SET LOCAL ROLE), so that RLS applies even to a superuser connection.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'timecard_app') THEN
    CREATE ROLE timecard_app NOLOGIN NOBYPASSRLS;
  END IF;
END
$$;
GRANT timecard_app TO CURRENT_USER;
GRANT USAGE ON SCHEMA public TO timecard_app;

CREATE TABLE contracts (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{3,20}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  plan text NOT NULL CHECK (plan IN ('standard', 'premium', 'premium_plus', 'enterprise')),
  time_zone text NOT NULL DEFAULT 'Asia/Tokyo',
  -- 出退勤画面用PINコード: 4 digits, default 0000, always on (product.md §3). Administrators must be
  -- able to read it back (the seed tells them to look it up), so it is stored as set.
  clock_pin text NOT NULL DEFAULT '0000' CHECK (clock_pin ~ '^[0-9]{4}$'),
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE accounts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  -- アカウントID: optional, 3–20 half-width alphanumerics, unique (case-insensitive).
  login_id text CHECK (login_id ~ '^[A-Za-z0-9]{3,20}$'),
  name text NOT NULL DEFAULT '',
  password_hash text,
  email_verified_at timestamptz,
  password_changed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_email_key ON accounts (email);
CREATE UNIQUE INDEX accounts_login_id_key ON accounts (lower(login_id));

-- Per-contract counters, so that the ids users see (offices, staff) are small and start at 1.
CREATE TABLE id_counters (
  contract_id text NOT NULL REFERENCES contracts (id),
  name text NOT NULL,
  last_id integer NOT NULL,
  PRIMARY KEY (contract_id, name)
);

CREATE TABLE offices (
  contract_id text NOT NULL REFERENCES contracts (id),
  id integer NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  short_name text NOT NULL DEFAULT '',
  kana text NOT NULL DEFAULT '',
  address text NOT NULL DEFAULT '',
  -- 従業員パスコード設定: whether the terminal asks each person's 4-digit パスコード.
  passcode_required boolean NOT NULL DEFAULT false,
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, id)
);

CREATE TABLE staff (
  contract_id text NOT NULL REFERENCES contracts (id),
  id integer NOT NULL,
  account_id bigint REFERENCES accounts (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  kana text NOT NULL DEFAULT '',
  code text,
  email text CHECK (email IS NULL OR email = lower(email)),
  employment_type text NOT NULL DEFAULT 'full_time'
    CHECK (employment_type IN ('full_time', 'part_time', 'contract', 'temporary', 'other')),
  hired_on date,
  retired_on date,
  passcode_hash text,
  -- 利用設定: 利用する (active) / 利用しない (inactive). Staff are never hard-deleted while they
  -- have attendance records (労働基準法109条: keep records 5 years).
  usage text NOT NULL DEFAULT 'active' CHECK (usage IN ('active', 'inactive')),
  -- スタッフの状態: ログイン可 (allowed) / ログイン停止 (stopped).
  login_status text NOT NULL DEFAULT 'allowed' CHECK (login_status IN ('allowed', 'stopped')),
  -- 権限: システム管理者 or none.
  is_admin boolean NOT NULL DEFAULT false,
  -- 認証済 when the 認証メール was followed; until then スタッフ管理 shows メールが認証できていません.
  verified_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, id)
);
CREATE UNIQUE INDEX staff_code_key ON staff (contract_id, code) WHERE code IS NOT NULL;
CREATE UNIQUE INDEX staff_email_key ON staff (contract_id, email) WHERE email IS NOT NULL;
CREATE INDEX staff_account_idx ON staff (account_id);

-- 所属事業所 and the per-office rights (閲覧 view / 編集 edit) of a staff member.
CREATE TABLE staff_offices (
  contract_id text NOT NULL,
  staff_id integer NOT NULL,
  office_id integer NOT NULL,
  shift_plan text NOT NULL DEFAULT 'none' CHECK (shift_plan IN ('none', 'view', 'edit')),
  attendance text NOT NULL DEFAULT 'none' CHECK (attendance IN ('none', 'view', 'edit')),
  office_manage text NOT NULL DEFAULT 'none' CHECK (office_manage IN ('none', 'view', 'edit')),
  staff_manage text NOT NULL DEFAULT 'none' CHECK (staff_manage IN ('none', 'view', 'edit')),
  PRIMARY KEY (contract_id, staff_id, office_id),
  FOREIGN KEY (contract_id, staff_id) REFERENCES staff (contract_id, id),
  FOREIGN KEY (contract_id, office_id) REFERENCES offices (contract_id, id)
);
CREATE INDEX staff_offices_office_idx ON staff_offices (contract_id, office_id);

-- Sessions of the 管理画面 and the app. The token is random (256 bits) and only its SHA-256 is kept.
-- contract_id is the contract chosen after login (null until chosen).
CREATE TABLE sessions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash bytea NOT NULL UNIQUE,
  account_id bigint NOT NULL REFERENCES accounts (id),
  contract_id text REFERENCES contracts (id),
  kind text NOT NULL CHECK (kind IN ('console', 'app')),
  login_email text NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_account_idx ON sessions (account_id, contract_id);

-- Single-use links: 認証メール (verify) and パスワード再発行 (reset). Only the token's hash is kept.
CREATE TABLE auth_tokens (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash bytea NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('verify', 'reset')),
  account_id bigint NOT NULL REFERENCES accounts (id),
  contract_id text REFERENCES contracts (id),
  staff_id integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Throttling state lives in the database so that any number of app processes share it.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  blocked_until timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- 操作ログ: append-only. Each row carries the hash of the previous row of its contract, so that a
-- removed or altered row breaks the chain (tamper-evident, product.md §8).
CREATE TABLE audit_log (
  contract_id text NOT NULL REFERENCES contracts (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_account_id bigint,
  actor_staff_id integer,
  action text NOT NULL,
  target text,
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  ip text,
  prev_hash text,
  hash text NOT NULL,
  PRIMARY KEY (contract_id, id)
);

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'append_only: % rows cannot be %d', TG_TABLE_NAME, lower(TG_OP);
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Outgoing mail. Sending goes through this table with retries, so a mail server outage loses
-- nothing; without SMTP_URL the rows are the dev mailbox.
CREATE TABLE mail_outbox (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contract_id text REFERENCES contracts (id),
  to_address text NOT NULL,
  subject text NOT NULL,
  body_text text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'kept')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX mail_outbox_pending_idx ON mail_outbox (next_attempt_at) WHERE status = 'pending';

-- Row-level security on every tenant table: the second wall behind the code's own contract filter.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['id_counters', 'offices', 'staff', 'staff_offices', 'audit_log'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO timecard_app '
      'USING (contract_id = current_setting(''app.contract_id'', true)) '
      'WITH CHECK (contract_id = current_setting(''app.contract_id'', true))', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO timecard_app', t);
  END LOOP;
END
$$;
REVOKE UPDATE, DELETE ON audit_log FROM timecard_app;
GRANT SELECT ON contracts TO timecard_app;
GRANT UPDATE (name, plan, time_zone, clock_pin, settings, updated_at) ON contracts TO timecard_app;
GRANT SELECT ON accounts TO timecard_app;
GRANT SELECT, INSERT ON mail_outbox TO timecard_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO timecard_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE ON SEQUENCES TO timecard_app;
