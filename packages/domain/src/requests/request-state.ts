/**
 * ワークフロー (issue 18): the states of a 申請 and what each decision does. Pure: the service locks
 * the request row, asks `decide` what the decision leads to, and applies the change only when the
 * answer says `apply` — the one place a request's change is ever applied.
 */
export const REQUEST_KINDS = ['punch_correction', 'leave', 'overtime', 'attendance_confirmation'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** 申請中 / 承認 / 却下 / 差戻し / 取消 / 再開 (a 勤怠確定 an administrator reopened). */
export const REQUEST_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'returned',
  'cancelled',
  'reopened',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const REQUEST_ACTIONS = ['approve', 'reject', 'return', 'cancel', 'resend', 'reopen'] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** Where a request stands: its status and, while 申請中, the step of its 承認経路 (0-based). */
export interface RequestPosition {
  status: RequestStatus;
  step: number;
  /** How many steps the request's 承認経路 has (1–3). */
  steps: number;
}

export type Decision =
  | { ok: true; next: RequestPosition; apply: boolean }
  | { ok: false; code: 'request_not_pending' | 'request_not_returned' | 'request_not_reopenable' };

/**
 * What an action does to a request at `position`. Only the approval of the last step answers
 * `apply: true`, and only from 申請中: a request decided once (承認, 却下, 取消) takes no further
 * decision, so its change can never be applied twice, nor after a 却下.
 *
 * @example
 *   decide('punch_correction', { status: 'pending', step: 0, steps: 1 }, 'approve')
 *   // → { ok: true, next: { status: 'approved', step: 0, steps: 1 }, apply: true }
 */
export function decide(kind: RequestKind, position: RequestPosition, action: RequestAction): Decision {
  const { status, step, steps } = position;
  switch (action) {
    case 'approve':
      if (status !== 'pending') return { ok: false, code: 'request_not_pending' };
      if (step + 1 < steps) return { ok: true, next: { status, step: step + 1, steps }, apply: false };
      return { ok: true, next: { status: 'approved', step, steps }, apply: true };
    case 'reject':
      if (status !== 'pending') return { ok: false, code: 'request_not_pending' };
      return { ok: true, next: { status: 'rejected', step, steps }, apply: false };
    case 'return':
      if (status !== 'pending') return { ok: false, code: 'request_not_pending' };
      return { ok: true, next: { status: 'returned', step, steps }, apply: false };
    case 'cancel':
      // The applicant withdraws while 申請中, or instead of resending a 差戻し.
      if (status !== 'pending' && status !== 'returned') return { ok: false, code: 'request_not_pending' };
      return { ok: true, next: { status: 'cancelled', step, steps }, apply: false };
    case 'resend':
      if (status !== 'returned') return { ok: false, code: 'request_not_returned' };
      return { ok: true, next: { status: 'pending', step: 0, steps }, apply: false };
    case 'reopen':
      // 勤怠確定 only: an administrator opens a signed-off period again (nothing to undo).
      if (kind !== 'attendance_confirmation' || status !== 'approved') {
        return { ok: false, code: 'request_not_reopenable' };
      }
      return { ok: true, next: { status: 'reopened', step, steps }, apply: false };
  }
}

/** Whether a request still waits for someone: 申請中 (approvers) or 差戻し (the applicant). */
export function isOpen(status: RequestStatus): boolean {
  return status === 'pending' || status === 'returned';
}

export const requestKindLabels: Record<RequestKind, { ja: string; en: string }> = {
  punch_correction: { ja: '打刻修正申請', en: 'Punch correction' },
  leave: { ja: '休暇申請', en: 'Leave' },
  overtime: { ja: '残業申請', en: 'Overtime' },
  attendance_confirmation: { ja: '勤怠確定', en: 'Timecard sign-off' },
};

export const requestStatusLabels: Record<RequestStatus, { ja: string; en: string }> = {
  pending: { ja: '申請中', en: 'Pending' },
  approved: { ja: '承認', en: 'Approved' },
  rejected: { ja: '却下', en: 'Rejected' },
  returned: { ja: '差戻し', en: 'Returned' },
  cancelled: { ja: '取消', en: 'Cancelled' },
  reopened: { ja: '確定解除', en: 'Reopened' },
};
