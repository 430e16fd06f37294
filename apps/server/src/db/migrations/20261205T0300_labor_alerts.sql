-- 労務アラート (issue 19): the contract's 36協定 settings, the 留学生 flag, per staff-month totals
-- kept current as punches arrive (a trigger marks them stale, a worker recomputes them with the
-- timecard engine), 確認済 marks and the daily digest's bookkeeping. ADR 018.

CREATE TABLE labor_alert_settings (
  contract_id text NOT NULL REFERENCES contracts (id),
  agreement_start_month text NOT NULL DEFAULT '2026-04' CHECK (agreement_start_month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  special_clause boolean NOT NULL DEFAULT false,
  -- The contract's own limits (may be lower than the law), minutes; warning at a percentage of them.
  month_limit_minutes integer NOT NULL DEFAULT 2700 CHECK (month_limit_minutes BETWEEN 0 AND 6000),
  year_limit_minutes integer NOT NULL DEFAULT 21600 CHECK (year_limit_minutes BETWEEN 0 AND 43200),
  warning_percent integer NOT NULL DEFAULT 80 CHECK (warning_percent BETWEEN 1 AND 100),
  consecutive_days integer NOT NULL DEFAULT 12 CHECK (consecutive_days BETWEEN 2 AND 60),
  interval_minutes integer NOT NULL DEFAULT 660 CHECK (interval_minutes BETWEEN 0 AND 1440),
  -- 留学生: long-vacation periods [{"from":"YYYY-MM-DD","to":"YYYY-MM-DD"}] (40 h a week, 8 h a day).
  long_vacations jsonb NOT NULL DEFAULT '[]'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id)
);

-- 資格外活動許可 of a 留学生: 28 h a week outside long vacations.
ALTER TABLE staff ADD COLUMN international_student boolean NOT NULL DEFAULT false;

-- One row per person and pay-period month (YYYY-MM). `version` grows with each punch written for
-- the person around that month; a row is current when computed_version = version. A worker claims
-- stale rows (FOR UPDATE SKIP LOCKED, a lease), recomputes them and writes back only under its
-- lease, so two processes never both apply a result and a killed worker's claim runs out.
CREATE TABLE staff_month_totals (
  contract_id text NOT NULL REFERENCES contracts (id),
  staff_id integer NOT NULL,
  month text NOT NULL CHECK (month ~ '^\d{4}-(0[1-9]|1[0-2])$'),
  version integer NOT NULL DEFAULT 1,
  computed_version integer NOT NULL DEFAULT 0,
  lease_token uuid,
  lease_until timestamptz,
  period_from date,
  period_to date,
  -- The last work date that was over when computed: 未打刻 of later days waits for a recompute.
  judged_through date,
  overtime_minutes integer NOT NULL DEFAULT 0,
  legal_holiday_minutes integer NOT NULL DEFAULT 0,
  worked_minutes integer NOT NULL DEFAULT 0,
  -- Day alerts of the month: [{"code":"BREAK_SHORTAGE","date":"2026-12-03", …}]
  items jsonb NOT NULL DEFAULT '[]'::jsonb,
  computed_at timestamptz,
  PRIMARY KEY (contract_id, staff_id, month),
  FOREIGN KEY (contract_id, staff_id) REFERENCES staff (contract_id, id)
);
CREATE INDEX staff_month_totals_stale_idx ON staff_month_totals (contract_id, staff_id, month)
  WHERE computed_version < version;
CREATE INDEX staff_month_totals_month_idx ON staff_month_totals (contract_id, month);

-- 確認済: who looked at an alert, when, and why (the comment is also in the 操作ログ).
CREATE TABLE labor_alert_acks (
  contract_id text NOT NULL REFERENCES contracts (id),
  alert_key text NOT NULL CHECK (length(alert_key) <= 200),
  staff_id integer NOT NULL,
  account_id bigint,
  comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 500),
  acknowledged_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, alert_key),
  FOREIGN KEY (contract_id, staff_id) REFERENCES staff (contract_id, id)
);

-- The daily digest: one row per contract and day (its primary key makes the mail once a day
-- across processes), and the alerts already told (only new ones make a digest).
CREATE TABLE labor_alert_digests (
  contract_id text NOT NULL REFERENCES contracts (id),
  digest_date date NOT NULL,
  alert_count integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, digest_date)
);
CREATE TABLE labor_alert_digest_seen (
  contract_id text NOT NULL REFERENCES contracts (id),
  alert_key text NOT NULL,
  digest_date date NOT NULL,
  PRIMARY KEY (contract_id, alert_key)
);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['labor_alert_settings', 'staff_month_totals', 'labor_alert_acks',
                           'labor_alert_digests', 'labor_alert_digest_seen'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO timecard_app '
      'USING (contract_id = current_setting(''app.contract_id'', true)) '
      'WITH CHECK (contract_id = current_setting(''app.contract_id'', true))', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO timecard_app', t);
  END LOOP;
END
$$;

-- Contracts with stale totals (global: the worker finds its work without scanning every tenant).
-- generation grows with every write, so a worker deletes the row only if nothing came meanwhile.
CREATE TABLE labor_totals_queue (
  contract_id text PRIMARY KEY REFERENCES contracts (id),
  generation bigint NOT NULL DEFAULT 1,
  queued_at timestamptz NOT NULL DEFAULT now(),
  lease_until timestamptz
);
GRANT SELECT, INSERT, UPDATE, DELETE ON labor_totals_queue TO timecard_app;

-- Every punch written (clock, terminal, import, correction, a held punch taken in) marks its
-- person's month and the months either side stale (weeks and pay periods cross month ends), and the
-- month of the punch a correction replaced. One statement per batch; the recompute happens later.
CREATE FUNCTION labor_totals_mark_stale() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO staff_month_totals AS t (contract_id, staff_id, month)
  SELECT DISTINCT d.contract_id, d.staff_id,
         to_char(date_trunc('month', d.work_date) + make_interval(months => m), 'YYYY-MM')
  FROM (
    SELECT n.contract_id, n.staff_id, n.work_date FROM new_punches n
    UNION
    SELECT o.contract_id, o.staff_id, o.work_date
    FROM new_punches n
    JOIN punches o ON o.contract_id = n.contract_id AND o.id = n.supersedes_id
  ) d
  CROSS JOIN generate_series(-1, 1) AS m
  ON CONFLICT (contract_id, staff_id, month) DO UPDATE SET version = t.version + 1;
  INSERT INTO labor_totals_queue (contract_id)
  SELECT DISTINCT contract_id FROM new_punches
  ON CONFLICT (contract_id) DO UPDATE SET generation = labor_totals_queue.generation + 1;
  RETURN NULL;
END
$$;
CREATE TRIGGER punches_labor_totals AFTER INSERT ON punches
  REFERENCING NEW TABLE AS new_punches
  FOR EACH STATEMENT EXECUTE FUNCTION labor_totals_mark_stale();

-- Punches stored before this migration: their months start stale, their contracts queued.
INSERT INTO staff_month_totals (contract_id, staff_id, month)
SELECT DISTINCT contract_id, staff_id,
       to_char(date_trunc('month', work_date) + make_interval(months => m), 'YYYY-MM')
FROM punches CROSS JOIN generate_series(-1, 1) AS m
ON CONFLICT DO NOTHING;
INSERT INTO labor_totals_queue (contract_id)
SELECT DISTINCT contract_id FROM punches
ON CONFLICT DO NOTHING;
