import { z } from 'zod';
import {
  DateSchema,
  IdSchema,
  MonthSchema,
  QueryIdSchema,
  queryIntegerSchema,
  textSchema,
} from '../input/input.schema.ts';
import { LEAVE_UNITS } from '../leave/leave-ledger.ts';
import { PunchTypeSchema } from '../punch/punch.schema.ts';
import { CorrectionReasonSchema, WallTimeSchema } from '../timecard/timecard.schema.ts';
import { shiftDate } from '../work-rules/work-rules.ts';
import { REQUEST_KINDS, REQUEST_STATUSES } from './request-state.ts';

// The bodies of ワークフロー (issue 18): the server's services parse with them and the HTTP contract
// declares them, so the API, the forms and the docs say the same.

const HourMinuteSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'date_invalid' });

/** 打刻修正申請: one work day's punches as they should be, with a reason (the day as a whole). */
export const PunchCorrectionRequestSchema = z
  .object({
    kind: z.literal('punch_correction'),
    date: DateSchema,
    punches: z
      .array(z.object({ type: PunchTypeSchema, at: WallTimeSchema }).strict())
      .max(20, { message: 'bad_request' }),
    reason: CorrectionReasonSchema,
  })
  .strict();

/**
 * 休暇申請: a 休暇区分 (leave type id), dates, and 全日 / 半休 (午前・午後) / 時間 — the units and hours of
 * 休暇管理's records (`recordLeave`), which the approval writes one per date.
 */
export const LeaveRequestSchema = z
  .object({
    kind: z.literal('leave'),
    leaveTypeId: IdSchema,
    from: DateSchema,
    to: DateSchema,
    unit: z.enum(LEAVE_UNITS, { message: 'leave_unit_invalid' }),
    hours: z
      .int({ message: 'leave_hours_invalid' })
      .min(1, { message: 'leave_hours_invalid' })
      .max(23, { message: 'leave_hours_invalid' })
      .optional(),
    reason: textSchema({ multiline: true }).max(500, { message: 'text_too_long' }).default(''),
  })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'date_invalid', path: ['to'] })
  // A range of at most 31 days; 半休 and 時間 are for one day.
  .refine((r) => r.to <= shiftDate(r.from, 30), { message: 'date_invalid', path: ['to'] })
  .refine((r) => r.unit === 'full' || r.from === r.to, { message: 'date_invalid', path: ['to'] })
  .refine((r) => (r.unit === 'hours') === (r.hours !== undefined), {
    message: 'leave_hours_invalid',
    path: ['hours'],
  });

/** The 休暇申請 form's question: the balance after asking for these days. */
export const LeaveBalanceQuerySchema = z
  .object({
    leaveTypeId: QueryIdSchema.optional(),
    from: DateSchema.optional(),
    to: DateSchema.optional(),
    unit: z.enum(LEAVE_UNITS, { message: 'leave_unit_invalid' }).optional(),
    hours: queryIntegerSchema(1, 23, 'leave_hours_invalid').optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || (q.from <= q.to && q.to <= shiftDate(q.from, 30)), {
    message: 'date_invalid',
    path: ['to'],
    when: (payload) => payload.issues.length === 0,
  });

/** 残業申請 (before the fact): the work date, the planned end (HH:mm, `nextDay` past midnight). */
export const OvertimeRequestSchema = z
  .object({
    kind: z.literal('overtime'),
    date: DateSchema,
    plannedEnd: HourMinuteSchema,
    nextDay: z.boolean().default(false),
    reason: CorrectionReasonSchema,
  })
  .strict();

/** 勤怠確定: the staff member signs off the pay period of `month` (締め日). */
export const AttendanceConfirmationRequestSchema = z
  .object({
    kind: z.literal('attendance_confirmation'),
    month: MonthSchema,
    reason: textSchema({ multiline: true }).max(500, { message: 'text_too_long' }).default(''),
  })
  .strict();

export const RequestInputSchema = z.discriminatedUnion(
  'kind',
  [
    PunchCorrectionRequestSchema,
    LeaveRequestSchema,
    OvertimeRequestSchema,
    AttendanceConfirmationRequestSchema,
  ],
  { message: 'bad_request' },
);
export type RequestInput = z.output<typeof RequestInputSchema>;

/** A decision's comment: required for 却下 and 差戻し (the applicant reads why), optional otherwise. */
export const DecisionCommentSchema = z
  .object({
    comment: textSchema({ multiline: true }).max(500, { message: 'text_too_long' }).default(''),
  })
  .strict();
export const RequiredCommentSchema = z
  .object({
    comment: textSchema({ message: 'comment_required', multiline: true })
      .min(1, { message: 'comment_required' })
      .max(500, { message: 'text_too_long' }),
  })
  .strict();

export const BulkApproveSchema = z
  .object({
    ids: z.array(IdSchema).min(1, { message: 'bad_request' }).max(100, { message: 'bad_request' }),
    comment: textSchema({ multiline: true }).max(500, { message: 'text_too_long' }).default(''),
  })
  .strict();

/** 申請一覧's filters: state, kind, office, period (dates the requests are about), mine / to decide. */
export const RequestListQuerySchema = z
  .object({
    status: z.enum(REQUEST_STATUSES, { message: 'bad_request' }).optional(),
    kind: z.enum(REQUEST_KINDS, { message: 'bad_request' }).optional(),
    officeId: QueryIdSchema.optional(),
    staffId: QueryIdSchema.optional(),
    from: DateSchema.optional(),
    to: DateSchema.optional(),
    /** `mine`: the caller's own requests; `decide`: those waiting for the caller's decision. */
    view: z.enum(['mine', 'decide', 'all'], { message: 'bad_request' }).default('all'),
    cursor: z
      .string()
      .regex(/^\d{1,10}$/, { message: 'bad_request' })
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** A step of a custom 承認経路 (エンタープライズ): a person, or anyone with a right on the office. */
export const ApprovalStepSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('person'), staffId: IdSchema }).strict(),
    z
      .object({
        type: z.literal('right'),
        right: z.enum(['attendance', 'staffManage', 'officeManage', 'shiftPlan'], { message: 'bad_request' }),
        level: z.enum(['view', 'edit'], { message: 'bad_request' }),
      })
      .strict(),
    z.object({ type: z.literal('admin') }).strict(),
  ],
  { message: 'bad_request' },
);
export type ApprovalStep = z.output<typeof ApprovalStepSchema>;

export const MAX_APPROVAL_STEPS = 3;

export const ApprovalRouteInputSchema = z
  .object({
    officeId: IdSchema,
    kind: z.enum(REQUEST_KINDS, { message: 'bad_request' }),
    /** Empty: back to the default route. */
    steps: z.array(ApprovalStepSchema).max(MAX_APPROVAL_STEPS, { message: 'approval_route_too_long' }),
  })
  .strict();

/** The default 承認経路: the office's managers (実績 編集) — administrators may always decide. */
export const DEFAULT_APPROVAL_ROUTE: ApprovalStep[] = [{ type: 'right', right: 'attendance', level: 'edit' }];

export const RequestSettingsSchema = z
  .object({
    /** Overtime beyond the shift or schedule counts only when a 残業申請 approved it. */
    overtimeNeedsApproval: z.boolean(),
  })
  .strict();
export type RequestSettings = z.output<typeof RequestSettingsSchema>;

/**
 * The day as it would be: the wanted punches matched to the current ones, so that unchanged punches
 * stay, changed ones become new versions and the rest are added or deleted. Exact matches first,
 * then the remaining ones of the same type in time order (a moved 出勤 is a change, not a delete
 * plus an add: its 修正履歴 shows before and after).
 */
export function matchDay<
  C extends { id: number; type: string; at: string },
  W extends { type: string; at: string },
>(current: C[], wanted: W[]): (W & { id?: number })[] {
  const free = new Set(current.map((c) => c.id));
  const result: (W & { id?: number })[] = wanted.map((w) => ({ ...w }));
  for (const w of result) {
    const same = current.find((c) => free.has(c.id) && c.type === w.type && c.at === w.at);
    if (same) {
      w.id = same.id;
      free.delete(same.id);
    }
  }
  for (const w of result) {
    if (w.id !== undefined) continue;
    const sameType = current.find((c) => free.has(c.id) && c.type === w.type);
    if (sameType) {
      w.id = sameType.id;
      free.delete(sameType.id);
    }
  }
  return result;
}
