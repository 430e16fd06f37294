import { z } from 'zod';
import { DateSchema, IdSchema, MonthSchema, QueryIdSchema, textSchema } from '../input/input.schema.ts';
import { PunchTypeSchema } from '../punch/punch.schema.ts';
import { ExportLayoutRefSchema } from '../reports/export-layout.ts';
import { shiftDate } from '../work-rules/work-rules.ts';

// The request schemas of タイムカード, corrections, 締め処理 and 集計・出力 (issue 6): the server's
// services parse with them and the HTTP contract (@timecard/contract) declares them.

/** A timecard's period: a pay period by month (from the 締め日) or a range of at most 63 days. */
export const TimecardPeriodSchema = z.union([
  z.object({ month: MonthSchema }),
  z.object({ from: DateSchema, to: DateSchema }),
]);

/** Why a punch was corrected: required, shown in the 修正履歴. */
export const CorrectionReasonSchema = textSchema({ message: 'reason_required', multiline: true })
  .min(1, { message: 'reason_required' })
  .max(500, { message: 'text_too_long' });

/** A wall-clock minute in the contract's zone: `YYYY-MM-DDTHH:mm`. */
export const WallTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, { message: 'date_invalid' });

export const AddPunchSchema = z
  .object({ type: PunchTypeSchema, at: WallTimeSchema, reason: CorrectionReasonSchema })
  .strict();
export const ChangePunchSchema = z
  .object({ type: PunchTypeSchema.optional(), at: WallTimeSchema.optional(), reason: CorrectionReasonSchema })
  .strict();
export const DeletePunchSchema = z.object({ reason: CorrectionReasonSchema }).strict();

/** A day's punches as wanted: existing ones (by id) kept or changed, new ones without an id. */
export const DayCorrectionSchema = z
  .object({
    punches: z
      .array(z.object({ id: IdSchema.optional(), type: PunchTypeSchema, at: WallTimeSchema }).strict())
      .max(50, { message: 'bad_request' }),
    reason: CorrectionReasonSchema,
  })
  .strict();

/** 締め処理: the pay period containing `date`; `confirm` closes one not over or with 未打刻 days. */
export const PeriodLockSchema = z.object({ date: DateSchema, confirm: z.boolean().optional() }).strict();
export const PeriodLockPreviewSchema = z.object({ date: DateSchema }).strict();

/** 集計・出力: a range of at most 371 days, an office or a person, and the CSV's form. */
const reportQueryShape = {
  from: DateSchema,
  to: DateSchema,
  officeId: QueryIdSchema.optional(),
  staffCode: textSchema().min(1).max(50, { message: 'text_too_long' }).optional(),
  encoding: z.enum(['utf-8', 'shift_jis']).default('utf-8'),
  hours: z.enum(['decimal', 'hmm']).default('hmm'),
};
// Only once both are real dates: shiftDate of a malformed one throws (a 500 before issue 12).
const inRange = (q: { from: string; to: string }) => q.from <= q.to && shiftDate(q.from, 370) >= q.to;
const rangeIssue = () => ({
  message: 'date_invalid',
  path: ['to'],
  when: (payload: { issues: unknown[] }) => payload.issues.length === 0,
});
export const ReportQuerySchema = z.object(reportQueryShape).refine(inRange, rangeIssue());
/**
 * The CSV download: the same, and a saved 出力レイアウト by id or name (issue 14). With a layout,
 * its own encoding and time format apply and `encoding` / `hours` are not used.
 */
export const AttendanceCsvQuerySchema = z
  .object({ ...reportQueryShape, layout: ExportLayoutRefSchema.optional() })
  .refine(inRange, rangeIssue());
export type AttendanceCsvQuery = z.input<typeof AttendanceCsvQuerySchema>;
export type ReportQuery = z.input<typeof ReportQuerySchema>;
