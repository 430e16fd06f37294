-- 休暇管理 (issue 17): 休暇区分 per contract, each staff member's 週所定 for 比例付与, paid-leave grants
-- (by law from 入社日, once per 基準日, or entered by hand), 出勤率 overrides, and the leave taken.
ALTER TABLE staff
  ADD COLUMN weekly_days smallint NOT NULL DEFAULT 5 CHECK (weekly_days BETWEEN 1 AND 7),
  ADD COLUMN weekly_minutes integer NOT NULL DEFAULT 2400 CHECK (weekly_minutes BETWEEN 0 AND 10080),
  ADD COLUMN leave_grant_mode text NOT NULL DEFAULT 'statutory' CHECK (leave_grant_mode IN ('statutory', 'manual'));

-- 休暇区分. kind 'annual' is the built-in 有給休暇 (one per contract, made on first use);
-- 'special' a 特別休暇 (paid or unpaid), 'unpaid' a 無給休暇.
CREATE TABLE leave_types (
  contract_id text NOT NULL REFERENCES contracts (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  kind text NOT NULL CHECK (kind IN ('annual', 'special', 'unpaid')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 30),
  paid boolean NOT NULL,
  allow_full boolean NOT NULL DEFAULT true,
  allow_half boolean NOT NULL DEFAULT true,
  allow_hours boolean NOT NULL DEFAULT false CHECK (NOT allow_hours OR kind = 'annual'),
  archived boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, id),
  CHECK (kind <> 'annual' OR paid),
  CHECK (kind <> 'unpaid' OR NOT paid)
);
CREATE UNIQUE INDEX leave_types_annual_key ON leave_types (contract_id, kind) WHERE kind = 'annual';

-- A grant of 有給休暇. source 'statutory' rows are written by the daily job, at most one per person and
-- 基準日 (the unique index below: several processes, or a rerun, insert it once); a 基準日 whose
-- 出勤率 was under 80 % is kept as a row with skipped = true and 0 days, so the reason shows.
-- source 'manual' is a grant entered by hand (a balance carried in from a previous system).
CREATE TABLE leave_grants (
  contract_id text NOT NULL REFERENCES contracts (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  staff_id integer NOT NULL,
  grant_date date NOT NULL,
  days numeric(4, 1) NOT NULL CHECK (days >= 0 AND days <= 40),
  expires_on date NOT NULL CHECK (expires_on >= grant_date),
  source text NOT NULL CHECK (source IN ('statutory', 'manual')),
  service_years numeric(4, 1),
  skipped boolean NOT NULL DEFAULT false,
  attendance_rate numeric(5, 4),
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by_staff_id integer,
  PRIMARY KEY (contract_id, id),
  FOREIGN KEY (contract_id, staff_id) REFERENCES staff (contract_id, id)
);
CREATE UNIQUE INDEX leave_grants_statutory_key ON leave_grants (contract_id, staff_id, grant_date)
  WHERE source = 'statutory';
CREATE INDEX leave_grants_staff_idx ON leave_grants (contract_id, staff_id, grant_date);

-- 出勤率 of the attendance year that leads to a 基準日, set by an administrator with a reason.
CREATE TABLE leave_rate_overrides (
  contract_id text NOT NULL REFERENCES contracts (id),
  staff_id integer NOT NULL,
  grant_date date NOT NULL,
  rate numeric(5, 4) NOT NULL CHECK (rate >= 0 AND rate <= 1),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by_staff_id integer,
  PRIMARY KEY (contract_id, staff_id, grant_date),
  FOREIGN KEY (contract_id, staff_id) REFERENCES staff (contract_id, id)
);

-- Leave taken (or planned) on a date: 全日, 午前半休, 午後半休 or 時間単位 (hours). kind 'adjustment' is a
-- correction of the 有給 balance with a reason (days used in a previous system): it consumes like
-- leave but is no day off on the timecard. request_id names the ワークフロー request it came from.
CREATE TABLE leave_records (
  contract_id text NOT NULL REFERENCES contracts (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  staff_id integer NOT NULL,
  leave_date date NOT NULL,
  leave_type_id bigint NOT NULL,
  kind text NOT NULL DEFAULT 'leave' CHECK (kind IN ('leave', 'adjustment')),
  unit text NOT NULL CHECK (unit IN ('full', 'am', 'pm', 'hours')),
  hours smallint CHECK (hours BETWEEN 1 AND 23),
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
  request_id bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by_staff_id integer,
  PRIMARY KEY (contract_id, id),
  FOREIGN KEY (contract_id, staff_id) REFERENCES staff (contract_id, id),
  FOREIGN KEY (contract_id, leave_type_id) REFERENCES leave_types (contract_id, id),
  CHECK ((unit = 'hours') = (hours IS NOT NULL))
);
CREATE INDEX leave_records_staff_date_idx ON leave_records (contract_id, staff_id, leave_date);
CREATE UNIQUE INDEX leave_records_request_key ON leave_records (contract_id, request_id)
  WHERE request_id IS NOT NULL;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['leave_types', 'leave_grants', 'leave_rate_overrides', 'leave_records'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO timecard_app '
      'USING (contract_id = current_setting(''app.contract_id'', true)) '
      'WITH CHECK (contract_id = current_setting(''app.contract_id'', true))', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO timecard_app', t);
  END LOOP;
END
$$;
