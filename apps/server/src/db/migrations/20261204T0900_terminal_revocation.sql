-- 端末一覧 and 解除 (issue 12 §4): the open terminals of a contract are listed per office, and a
-- staff member's app terminals are revoked when they are stopped. revoked_at, last_seen_at and
-- opened_by_account_id exist since 20261129T0100; these indexes keep both lookups off a full scan.
CREATE INDEX terminals_open_idx ON terminals (contract_id, office_id) WHERE revoked_at IS NULL;
CREATE INDEX terminals_opened_by_idx ON terminals (contract_id, opened_by_account_id)
  WHERE revoked_at IS NULL AND opened_by_account_id IS NOT NULL;

-- App terminals of people already stopped before this release end now, as they would have when
-- stopped (ログイン停止, 利用しない, or a 退職日 already past). A day's margin on 退職日: the
-- contract's zone is not known here, and a terminal ended a day late is what it was before.
UPDATE terminals t
SET revoked_at = now()
WHERE t.kind = 'app'
  AND t.revoked_at IS NULL
  AND t.opened_by_account_id IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM staff s
    WHERE s.contract_id = t.contract_id
      AND s.account_id = t.opened_by_account_id
      AND s.login_status = 'allowed'
      AND s.usage = 'active'
      AND (s.retired_on IS NULL OR s.retired_on >= current_date - 1)
  );
