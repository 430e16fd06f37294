import { z } from 'zod';
import { DateSchema, IdSchema, textSchema } from '../input/input.schema.ts';
import { LEAVE_UNITS } from './leave-ledger.ts';

/** 休暇区分 kinds: the built-in 有給休暇, a 特別休暇 (paid or unpaid), a 無給休暇. */
export const LEAVE_KINDS = ['annual', 'special', 'unpaid'] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];

const reason = textSchema().max(200, { message: 'text_too_long' });

/** A 休暇区分 as an administrator adds it (特別休暇 or 無給休暇; 有給休暇 is built in). */
export const LeaveTypeInputSchema = z
  .object({
    kind: z.enum(['special', 'unpaid'], { message: 'bad_request' }),
    name: textSchema({ message: 'name_required' })
      .min(1, { message: 'name_required' })
      .max(30, { message: 'text_too_long' }),
    /** Only for 特別休暇: paid (有給の特別休暇, e.g. 慶弔休暇) or not. */
    paid: z.boolean().default(false),
    allowFull: z.boolean().default(true),
    allowHalf: z.boolean().default(true),
  })
  .strict()
  .refine((v) => v.allowFull || v.allowHalf, { message: 'leave_unit_required', path: ['allowFull'] });
export type LeaveTypeInput = z.output<typeof LeaveTypeInputSchema>;

/** Changes to a 休暇区分; for 有給休暇 only `allowHalf` and `allowHours` (時間単位, 39条4項). */
export const LeaveTypeUpdateSchema = z
  .object({
    name: textSchema({ message: 'name_required' })
      .min(1, { message: 'name_required' })
      .max(30, { message: 'text_too_long' }),
    paid: z.boolean(),
    allowFull: z.boolean(),
    allowHalf: z.boolean(),
    allowHours: z.boolean(),
    archived: z.boolean(),
  })
  .partial()
  .strict();
export type LeaveTypeUpdate = z.output<typeof LeaveTypeUpdateSchema>;

/** Leave taken (or planned) by a staff member on a date. */
export const LeaveRecordInputSchema = z
  .object({
    staffId: IdSchema,
    date: DateSchema,
    leaveTypeId: IdSchema,
    unit: z.enum(LEAVE_UNITS, { message: 'leave_unit_invalid' }),
    hours: z
      .int({ message: 'leave_hours_invalid' })
      .min(1, { message: 'leave_hours_invalid' })
      .max(23, {
        message: 'leave_hours_invalid',
      })
      .optional(),
    reason: reason.default(''),
  })
  .strict()
  .refine((v) => (v.unit === 'hours') === (v.hours !== undefined), {
    message: 'leave_hours_invalid',
    path: ['hours'],
  });
export type LeaveRecordInput = z.output<typeof LeaveRecordInputSchema>;

/** A grant entered by hand (a balance carried in from a previous system), with its reason. */
export const LeaveGrantInputSchema = z
  .object({
    grantDate: DateSchema,
    days: z
      .number({ message: 'leave_days_invalid' })
      .min(0.5, { message: 'leave_days_invalid' })
      .max(40, { message: 'leave_days_invalid' })
      .refine((d) => Number.isInteger(d * 2), { message: 'leave_days_invalid' }),
    /** Default: 基準日 + 2 years − 1 day. */
    expiresOn: DateSchema.optional(),
    reason: textSchema({ message: 'leave_reason_required' })
      .min(1, { message: 'leave_reason_required' })
      .max(200, { message: 'text_too_long' }),
  })
  .strict()
  .refine((v) => v.expiresOn === undefined || v.expiresOn >= v.grantDate, {
    message: 'date_invalid',
    path: ['expiresOn'],
  });
export type LeaveGrantInput = z.output<typeof LeaveGrantInputSchema>;

/** A correction of the 有給 balance with its reason: days (and hours) used before, on a date. */
export const LeaveAdjustmentInputSchema = z
  .object({
    date: DateSchema,
    unit: z.enum(LEAVE_UNITS, { message: 'leave_unit_invalid' }),
    hours: z.int({ message: 'leave_hours_invalid' }).min(1).max(23).optional(),
    reason: textSchema({ message: 'leave_reason_required' })
      .min(1, { message: 'leave_reason_required' })
      .max(200, { message: 'text_too_long' }),
  })
  .strict()
  .refine((v) => (v.unit === 'hours') === (v.hours !== undefined), {
    message: 'leave_hours_invalid',
    path: ['hours'],
  });
export type LeaveAdjustmentInput = z.output<typeof LeaveAdjustmentInputSchema>;

/** 出勤率 of the attendance year leading to a 基準日, set by an administrator with a reason. */
export const LeaveRateOverrideSchema = z
  .object({
    grantDate: DateSchema,
    /** Percent, 0–100. */
    ratePercent: z.number({ message: 'bad_request' }).min(0).max(100),
    reason: textSchema({ message: 'leave_reason_required' })
      .min(1, { message: 'leave_reason_required' })
      .max(200, { message: 'text_too_long' }),
  })
  .strict();
export type LeaveRateOverride = z.output<typeof LeaveRateOverrideSchema>;
