-- 端末一覧 and 解除 (issue 12 §4): the open terminals of a contract are listed per office, and a
-- staff member's app terminals are revoked when they are stopped. revoked_at, last_seen_at and
-- opened_by_account_id exist since 20261129T0100; these indexes keep both lookups off a full scan.
CREATE INDEX terminals_open_idx ON terminals (contract_id, office_id) WHERE revoked_at IS NULL;
CREATE INDEX terminals_opened_by_idx ON terminals (contract_id, opened_by_account_id)
  WHERE revoked_at IS NULL AND opened_by_account_id IS NOT NULL;
