import { z } from 'zod';
import { EmailSchema } from '../contract/contract.schema.ts';
import { digitCodeSchema } from '../input/digits.ts';
import { DateSchema, IdSchema, MAX_ID, queryIntegerSchema, textSchema } from '../input/input.schema.ts';

export const RIGHTS = ['none', 'view', 'edit'] as const;
export type Right = (typeof RIGHTS)[number];
export const EMPLOYMENT_TYPES = ['full_time', 'part_time', 'contract', 'temporary', 'other'] as const;

const RightSchema = z.enum(RIGHTS);

/** Full-width katakana, the long-vowel mark, ・ and spaces: how フリガナ is written on payroll forms. */
export const KANA_PATTERN = /^[\u30A1-\u30FA\u30FC\u30FB\u3000 ]*$/;

/** フリガナ (staff, offices): the same rule in the form, the API and every import. */
export const KanaSchema = textSchema()
  .max(100, { message: 'text_too_long' })
  .regex(KANA_PATTERN, { message: 'kana_invalid' });

/** パスコード: the personal 4-digit code asked by terminals when the office requires it. */
export const PasscodeSchema = digitCodeSchema(4, 'passcode_invalid');

export const OfficeRoleSchema = z.object({
  officeId: IdSchema,
  shiftPlan: RightSchema.default('none'),
  attendance: RightSchema.default('none'),
  officeManage: RightSchema.default('none'),
  staffManage: RightSchema.default('none'),
});
export type OfficeRole = z.output<typeof OfficeRoleSchema>;

const staffFields = {
  name: textSchema({ message: 'name_required' })
    .min(1, { message: 'name_required' })
    .max(100, { message: 'text_too_long' }),
  kana: KanaSchema,
  code: textSchema().max(50, { message: 'text_too_long' }).nullable(),
  email: EmailSchema.nullable(),
  employmentType: z.enum(EMPLOYMENT_TYPES),
  hiredOn: DateSchema.nullable(),
  retiredOn: DateSchema.nullable(),
  usage: z.enum(['active', 'inactive']),
  /** 勤務形態: 固定 (the work rules' schedule) or シフト制 (the published shifts, product.md §6). */
  workStyle: z.enum(['fixed', 'shift'], { message: 'work_style_invalid' }),
  /** 週所定労働日数 (1–7) and 週所定労働時間 (hours, to the minute): 比例付与 of paid leave (issue 17). */
  weeklyDays: z.int({ message: 'weekly_days_invalid' }).min(1, { message: 'weekly_days_invalid' }).max(7, {
    message: 'weekly_days_invalid',
  }),
  weeklyHours: z
    .number({ message: 'weekly_hours_invalid' })
    .min(0, { message: 'weekly_hours_invalid' })
    .max(168, { message: 'weekly_hours_invalid' })
    .refine((h) => Number.isInteger(Math.round(h * 60 * 1000) / 1000), { message: 'weekly_hours_invalid' }),
  /** 有給の付与方式: 法定どおり (from 入社日, by the daily job) or 手動 (grants entered by hand). */
  leaveGrantMode: z.enum(['statutory', 'manual'], { message: 'bad_request' }),
  loginStatus: z.enum(['allowed', 'stopped']),
  isAdmin: z.boolean(),
  passcode: PasscodeSchema.nullable(),
  offices: z.array(OfficeRoleSchema).max(500),
};

function datesInOrder(value: { hiredOn?: string | null; retiredOn?: string | null }) {
  return !value.hiredOn || !value.retiredOn || value.retiredOn >= value.hiredOn;
}

/** A new staff member (product.md §4). Empty strings from forms count as "not set". */
export const StaffCreateSchema = z
  .preprocess(
    emptyToNull,
    z.object({
      ...staffFields,
      kana: staffFields.kana.default(''),
      code: staffFields.code.default(null),
      email: staffFields.email.default(null),
      employmentType: staffFields.employmentType.default('full_time'),
      hiredOn: staffFields.hiredOn.default(null),
      retiredOn: staffFields.retiredOn.default(null),
      usage: staffFields.usage.default('active'),
      workStyle: staffFields.workStyle.default('fixed'),
      weeklyDays: staffFields.weeklyDays.default(5),
      weeklyHours: staffFields.weeklyHours.default(40),
      leaveGrantMode: staffFields.leaveGrantMode.default('statutory'),
      loginStatus: staffFields.loginStatus.default('allowed'),
      isAdmin: staffFields.isAdmin.default(false),
      passcode: staffFields.passcode.default(null),
      offices: staffFields.offices.default([]),
    }),
  )
  .refine(datesInOrder, { message: 'retired_before_hired', path: ['retiredOn'] });
export type StaffCreate = z.output<typeof StaffCreateSchema>;

export const StaffUpdateSchema = z
  .preprocess(emptyToNull, z.object(staffFields).partial().strict())
  .refine(datesInOrder, { message: 'retired_before_hired', path: ['retiredOn'] });
export type StaffUpdate = z.output<typeof StaffUpdateSchema>;
/** What a client sends to create (with `name`) or change a staff member (the schemas' input side). */
export type StaffInput = Partial<z.input<z.ZodObject<typeof staffFields>>>;

function emptyToNull(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const nullable = new Set(['code', 'email', 'hiredOn', 'retiredOn', 'passcode']);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      nullable.has(k) && v === '' ? null : v,
    ]),
  );
}

/**
 * GET /staff: `q` searches name, フリガナ, e-mail and code; pages by `cursor` (the last id shown)
 * and `limit` (at most 200, architecture.md).
 */
export const StaffListQuerySchema = z.object({
  q: textSchema().max(100, { message: 'text_too_long' }).optional(),
  verification: z.enum(['pending']).optional(),
  usage: z.enum(['active', 'inactive', 'all']).default('active'),
  cursor: queryIntegerSchema(1, MAX_ID).optional(),
  limit: queryIntegerSchema(1, 200).default(50),
});
export type StaffListQuery = z.input<typeof StaffListQuerySchema>;
