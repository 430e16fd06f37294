-- ワークフロー (issue 18): 申請 (打刻修正申請, 休暇申請, 残業申請, 勤怠確定), each decision kept with
-- who, when and comment, custom 承認経路 (エンタープライズ), and the queue of approver digests.
CREATE TABLE requests (
  contract_id text NOT NULL REFERENCES contracts (id),
  -- Per contract (id_counters 'request'): 申請No. 1, 2, 3 … as people quote them.
  id integer NOT NULL,
  staff_id integer NOT NULL,
  -- The applicant's office when the request was made: whose managers decide it.
  office_id integer,
  kind text NOT NULL CHECK (kind IN ('punch_correction', 'leave', 'overtime', 'attendance_confirmation')),
  status text NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'approved', 'rejected', 'returned', 'cancelled', 'reopened')),
  -- The 承認経路 as it was when the request was made (a later change does not move it), and the
  -- step waiting for a decision (0-based).
  route jsonb NOT NULL,
  step integer NOT NULL DEFAULT 0,
  -- The work dates the request is about: the period filter and the 締め check read them.
  date_from date NOT NULL,
  date_to date NOT NULL CHECK (date_to >= date_from),
  body jsonb NOT NULL,
  -- 打刻修正申請: the day as it was when the request was made (the detail shows before / after).
  before jsonb,
  reason text NOT NULL DEFAULT '',
  applied_at timestamptz,
  -- Set once the approvers of the current step have had their digest mail.
  notified_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, id),
  FOREIGN KEY (contract_id, staff_id) REFERENCES staff (contract_id, id),
  FOREIGN KEY (contract_id, office_id) REFERENCES offices (contract_id, id)
);
CREATE INDEX requests_status_idx ON requests (contract_id, status, id);
CREATE INDEX requests_staff_idx ON requests (contract_id, staff_id, id);
CREATE INDEX requests_unnotified_idx ON requests (contract_id, id) WHERE notified_at IS NULL AND status = 'pending';

-- Every step of a request: 申請, 再申請, 承認, 却下, 差戻し, 取消, 確定解除, with who, when and why.
CREATE TABLE request_events (
  contract_id text NOT NULL REFERENCES contracts (id),
  id bigint GENERATED ALWAYS AS IDENTITY,
  request_id integer NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'resend', 'approve', 'reject', 'return', 'cancel', 'reopen')),
  step integer NOT NULL,
  actor_staff_id integer,
  actor_account_id bigint,
  comment text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, id),
  FOREIGN KEY (contract_id, request_id) REFERENCES requests (contract_id, id)
);
CREATE INDEX request_events_request_idx ON request_events (contract_id, request_id, id);

-- 承認経路 (エンタープライズ): up to 3 steps per office and kind; no row is the default route.
CREATE TABLE approval_routes (
  contract_id text NOT NULL REFERENCES contracts (id),
  office_id integer NOT NULL,
  kind text NOT NULL CHECK (kind IN ('punch_correction', 'leave', 'overtime', 'attendance_confirmation')),
  steps jsonb NOT NULL CHECK (jsonb_typeof(steps) = 'array' AND jsonb_array_length(steps) BETWEEN 1 AND 3),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (contract_id, office_id, kind),
  FOREIGN KEY (contract_id, office_id) REFERENCES offices (contract_id, id)
);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['requests', 'request_events', 'approval_routes'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO timecard_app '
      'USING (contract_id = current_setting(''app.contract_id'', true)) '
      'WITH CHECK (contract_id = current_setting(''app.contract_id'', true))', t);
  END LOOP;
END
$$;
GRANT SELECT, INSERT, UPDATE ON requests TO timecard_app;
GRANT SELECT, INSERT ON request_events TO timecard_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON approval_routes TO timecard_app;

-- Contracts with approver digests due (global, like mail_outbox): the digest job claims a row with
-- FOR UPDATE SKIP LOCKED, mails that contract's approvers in the same transaction and deletes the
-- row, so each digest is sent once however many server processes run the job.
CREATE TABLE request_digests (
  contract_id text PRIMARY KEY REFERENCES contracts (id),
  due_at timestamptz NOT NULL
);
GRANT SELECT, INSERT, UPDATE, DELETE ON request_digests TO timecard_app;

-- A 休暇申請 covers one or more dates: its approval records one leave row per date, each naming the
-- request (休暇管理's key allowed one row per request). Still once per request and date.
DROP INDEX leave_records_request_key;
CREATE UNIQUE INDEX leave_records_request_key ON leave_records (contract_id, request_id, leave_date)
  WHERE request_id IS NOT NULL;
