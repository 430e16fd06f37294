-- シフト管理 (issue 15): patterns per office, one shift a person a day (a draft and its published
-- version), wish periods and wishes, and each staff member's 勤務形態 (固定 / シフト制). For シフト制
-- staff the published shift of a date is that day's schedule, and a date without one is a 所定休日.
ALTER TABLE staff ADD COLUMN work_style text NOT NULL DEFAULT 'fixed' CHECK (work_style IN ('fixed', 'shift'));

-- Times are wall-clock HH:mm in the contract's zone; an end at or before the start is the next day.
-- breaks: [["12:00","13:00"], …] inside the span.
CREATE TABLE shift_patterns (
  contract_id text NOT NULL REFERENCES contracts (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  office_id integer NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
  color text NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
  start_time text NOT NULL,
  end_time text NOT NULL,
  breaks jsonb NOT NULL DEFAULT '[]'::jsonb,
  archived boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, id),
  FOREIGN KEY (contract_id, office_id) REFERENCES offices (contract_id, id)
);
CREATE INDEX shift_patterns_office_idx ON shift_patterns (contract_id, office_id);

-- A cell of the shift table. The draft (start_time … is_off) is what the planner edits; the
-- published_* columns are what staff see and the engine uses, copied by 【公開】. A draft equal
-- to the published version is not a change.
CREATE TABLE shifts (
  contract_id text NOT NULL REFERENCES contracts (id),
  staff_id integer NOT NULL,
  work_date date NOT NULL,
  office_id integer NOT NULL,
  pattern_id bigint,
  is_off boolean NOT NULL DEFAULT false,
  start_time text,
  end_time text,
  breaks jsonb NOT NULL DEFAULT '[]'::jsonb,
  deleted boolean NOT NULL DEFAULT false,
  published_at timestamptz,
  published_is_off boolean,
  published_start_time text,
  published_end_time text,
  published_breaks jsonb,
  published_pattern_id bigint,
  published_deleted boolean,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by_account_id bigint,
  PRIMARY KEY (contract_id, staff_id, work_date),
  FOREIGN KEY (contract_id, staff_id) REFERENCES staff (contract_id, id),
  FOREIGN KEY (contract_id, office_id) REFERENCES offices (contract_id, id),
  FOREIGN KEY (contract_id, pattern_id) REFERENCES shift_patterns (contract_id, id),
  CHECK (is_off OR deleted OR (start_time IS NOT NULL AND end_time IS NOT NULL))
);
CREATE INDEX shifts_office_date_idx ON shifts (contract_id, office_id, work_date);

-- 希望シフト: an office opens a period for wishes until a deadline; staff write per day.
CREATE TABLE shift_wish_periods (
  contract_id text NOT NULL REFERENCES contracts (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  office_id integer NOT NULL,
  period_from date NOT NULL,
  period_to date NOT NULL CHECK (period_to >= period_from),
  deadline timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, id),
  FOREIGN KEY (contract_id, office_id) REFERENCES offices (contract_id, id)
);

CREATE TABLE shift_wishes (
  contract_id text NOT NULL REFERENCES contracts (id),
  staff_id integer NOT NULL,
  work_date date NOT NULL,
  kind text NOT NULL CHECK (kind IN ('available', 'off')),
  start_time text,
  end_time text,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 200),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, staff_id, work_date),
  FOREIGN KEY (contract_id, staff_id) REFERENCES staff (contract_id, id)
);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['shift_patterns', 'shifts', 'shift_wish_periods', 'shift_wishes'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO timecard_app '
      'USING (contract_id = current_setting(''app.contract_id'', true)) '
      'WITH CHECK (contract_id = current_setting(''app.contract_id'', true))', t);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO timecard_app', t);
  END LOOP;
END
$$;
