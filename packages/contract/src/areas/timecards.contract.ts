import {
  AddPunchSchema,
  ChangePunchSchema,
  DateSchema,
  DayCorrectionSchema,
  DeletePunchSchema,
  type LaborSettings,
  MINUTE_TOTAL_FIELDS,
  PeriodLockPreviewSchema,
  PeriodLockSchema,
  PUNCH_TYPES,
  type ShiftRounding,
  type WorkRules,
  WorkRulesSchema,
} from '@timecard/domain';
import { z } from 'zod';
import { IdParamsSchema, IdSchema } from '../common.ts';
import { defineRoute } from '../route.ts';

// タイムカード (勤怠 > 実績), corrections with 修正履歴, 締め処理 and 勤務ルール (issue 6).

const Minutes = z.number().int();
const WallMinute = z
  .string()
  .meta({ example: '2026-10-05T09:00', description: 'YYYY-MM-DDTHH:mm in the contract’s zone' });
const Day = z.string().meta({ example: '2026-10-05', description: 'YYYY-MM-DD' });
const Instant = z.string().meta({ description: 'ISO 8601 instant' });
const Period = z.object({ from: Day, to: Day });
const PunchType = z.enum(PUNCH_TYPES);

type MinuteField = (typeof MINUTE_TOTAL_FIELDS)[number];
const minuteShape = Object.fromEntries(MINUTE_TOTAL_FIELDS.map((field) => [field, Minutes])) as {
  [K in MinuteField]: typeof Minutes;
};

export const FiguresSchema = z
  .object({
    ...minuteShape,
    absenceDays: z.number().meta({ description: '欠勤日数' }),
    paidLeaveDays: z.number().meta({ description: '有給日数' }),
  })
  .meta({
    id: 'Figures',
    description: 'The engine’s figures of labor-rules.md §4: minutes, and days for the last two.',
  });

const PunchVersionSchema = z.object({ type: PunchType, at: WallMinute });

export const TimecardPunchSchema = z
  .object({
    id: z.number().int(),
    type: PunchType,
    at: WallMinute,
    countedAt: WallMinute.optional().meta({
      description: 'シフト丸め: the time the punch is counted from (or to), when it differs.',
    }),
    source: z.string().meta({ description: 'Where it came from: terminal, app, admin, import …' }),
    corrected: z.boolean(),
    original: PunchVersionSchema.nullable().meta({
      description: 'The punch as first recorded, if corrected.',
    }),
    flags: z.record(z.string(), z.unknown()).meta({
      description:
        'offline, clockSkewSeconds, previousShiftOpen; with punch evidence (issue 20) location {lat, lng, accuracyM}, ' +
        'geofence {distanceM, accuracyM, radiusM, outside} and outsideGeofence.',
    }),
    photoPunchId: z.number().int().optional().meta({
      description: 'The punch whose photo to show (GET /punches/{id}/photo), when one was taken.',
    }),
    history: z
      .array(
        z.object({
          by: z.string().nullable(),
          at: Instant,
          reason: z.string().nullable(),
          requestId: z
            .number()
            .int()
            .optional()
            .meta({ description: 'The 申請 (ワークフロー) whose approval made this version.' }),
          before: PunchVersionSchema.nullable(),
          after: PunchVersionSchema,
        }),
      )
      .meta({ description: '修正履歴, oldest first.' }),
  })
  .meta({ id: 'TimecardPunch' });

export const TimecardDaySchema = z
  .object({
    date: Day,
    standing: z.enum(['before_hire', 'after_retire', 'not_ended', 'ended']).meta({
      description: 'Outside the employment, not over yet (neither 欠勤 nor 未打刻 yet), or over.',
    }),
    shift: z
      .object({ off: z.boolean(), start: z.string().nullable(), end: z.string().nullable() })
      .nullable()
      .optional()
      .meta({
        description: 'シフト制 staff: the day’s published shift (null: none); absent for 固定 staff.',
      }),
    holiday: z.string().nullable().meta({ description: 'The 祝日’s name' }),
    leave: z
      .array(
        z.object({
          id: z.number().int(),
          typeName: z.string().meta({ description: '休暇区分 (有給休暇, 慶弔休暇 …)' }),
          kind: z.enum(['annual', 'special', 'unpaid']),
          unit: z
            .enum(['full', 'am', 'pm', 'hours'])
            .meta({ description: '全日 / 午前半休 / 午後半休 / 時間単位' }),
          hours: z.number().int().nullable(),
        }),
      )
      .optional()
      .meta({ description: '休暇 of the day (issue 17): a day of leave is no 欠勤.' }),
    punches: z.array(TimecardPunchSchema),
    removed: z
      .array(
        z.object({
          type: PunchType,
          at: WallMinute,
          by: z.string().nullable(),
          reason: z.string().nullable(),
          requestId: z.number().int().optional(),
          removedAt: Instant,
        }),
      )
      .meta({ description: 'Punches deleted by a correction, shown struck through with who and why.' }),
    figures: FiguresSchema,
    unapprovedOvertime: z.array(z.object({ from: WallMinute, to: WallMinute, minutes: Minutes })).meta({
      description:
        '未承認残業 (issue 18): with `overtimeNeedsApproval`, work past the scheduled end (or the approved 残業申請’s planned end) from `from` to the clock-out `to`; not in the figures, the punches stay as punched.',
    }),
    overtimeSteps: z
      .object({ day: Minutes, week: Minutes, period: Minutes })
      .optional()
      .meta({ description: 'Under 変形: which step made the day’s overtime (日 / 週 / 変形期間).' }),
    warnings: z.array(z.string()).meta({ description: '`CODE@YYYY-MM-DD`' }),
    incomplete: z.array(z.string()).meta({ description: 'Codes of what is missing (未打刻).' }),
  })
  .meta({ id: 'TimecardDay' });

export const TimecardSchema = z
  .object({
    staff: z.object({
      id: z.number().int(),
      name: z.string(),
      code: z.string().nullable(),
      hiredOn: z.string().nullable(),
      retiredOn: z.string().nullable(),
    }),
    period: Period,
    lastEnded: Day.meta({
      description: 'The last work date that is over: later days are neither 欠勤 nor 未打刻 yet.',
    }),
    settings: z.object({
      monthStartDay: z.number().int(),
      weekStart: z.string().meta({ example: 'sun' }),
      dayBoundary: z.string().meta({ example: '05:00' }),
    }),
    locked: z.boolean().meta({ description: 'The pay period is closed (締め処理).' }),
    days: z.array(TimecardDaySchema),
    totals: FiguresSchema.extend({
      attendedDays: z.number().int(),
      incompleteDays: z.number().int(),
      unapprovedOvertime: Minutes.meta({
        description: '未承認残業 of the period (minutes), not in the figures.',
      }),
      rounded: z
        .object({
          statutoryOvertime: Minutes,
          statutoryOvertimeUpTo60h: Minutes,
          statutoryOvertimeOver60h: Minutes,
          legalHolidayWork: Minutes,
          lateNight: Minutes,
        })
        .optional()
        .meta({ description: '`monthlyRounding: "half_hour"`: the premium totals rounded per month.' }),
    }),
    warnings: z.array(z.string()),
    agreement36: z.object({
      overtimeMinutes: Minutes,
      overtimePlusLegalHolidayMinutes: Minutes,
      exceeds45h: z.boolean(),
      reaches100h: z.boolean(),
    }),
    variablePeriods: z
      .array(
        z.object({
          from: Day,
          to: Day,
          frameMinutes: Minutes,
          scheduledMinutes: Minutes,
          workedMinutes: Minutes.nullable(),
        }),
      )
      .optional()
      .meta({
        description:
          'Under 1か月単位の変形労働時間制: each 変形期間, its legal frame, plan and (for the whole period) work.',
      }),
  })
  .meta({ id: 'Timecard', description: 'One person’s タイムカード for a pay period or a range.' });

export const PeriodLockRowSchema = z
  .object({ periodFrom: Day, periodTo: Day, lockedAt: Instant })
  .meta({ id: 'PeriodLock', description: 'A closed pay period (締め処理).' });

const LockPeriodOut = z.object({ period: Period, locked: z.boolean() });

const isObject = (value: unknown) => typeof value === 'object' && value !== null && !Array.isArray(value);
/** 勤務ルール as stored and merged are the engine's settings: typed here, checked by the service. */
const Rules = <T>(description: string) => z.custom<T>(isObject).meta({ type: 'object', description });
type EffectiveRules = Omit<LaborSettings, 'timezone' | 'nationalHolidays'> & {
  dayBoundary: string;
  shiftRounding: ShiftRounding;
};

export const WorkRulesAnswerSchema = z
  .object({
    level: z.enum(['contract', 'office', 'staff']),
    overrides: Rules<WorkRules>('This level’s own rules (WorkRules fields); {} when it overrides nothing.'),
    effective: Rules<EffectiveRules>(
      'The rules in force at this level, all layers merged (the engine’s settings, labor-rules.md §12).',
    ),
    defaults: Rules<Required<WorkRules>>('A new contract’s rules.'),
  })
  .meta({
    id: 'WorkRulesAnswer',
    description: '勤務ルール at one level: its overrides and what is in force.',
  });

const StaffDayParams = z.object({ id: IdSchema, date: DateSchema });

const TimecardQuery = z.object({
  month: z
    .string()
    .optional()
    .meta({ description: 'YYYY-MM: the pay period of that month (締め日)', example: '2026-10' }),
  from: z
    .string()
    .optional()
    .meta({ description: 'YYYY-MM-DD, with `to` instead of `month` (at most 63 days)' }),
  to: z.string().optional().meta({ description: 'YYYY-MM-DD' }),
});

const CORRECTION_ERRORS = [
  'forbidden',
  'reason_required',
  'date_invalid',
  'punch_type_invalid',
  'period_locked',
  'punch_sequence_invalid',
  'punch_out_before_in',
  'punch_overlap',
  'punch_outside_day',
] as const;

export const timecardRoutes = {
  get: defineRoute({
    id: 'timecards.get',
    method: 'GET',
    path: '/timecards/{id}',
    summary: 'One person’s タイムカード for a pay period (?month=) or a range (?from=&to=)',
    description:
      'A row per day with its punches (and their 修正履歴) and the engine’s figures, and the period totals. Own timecard, administrators, or 実績 閲覧 on the person’s office; anyone else’s is 404. A bad period is 400 `validation_failed` with the field `period`.',
    tag: 'timecards',
    auth: ['console', 'token'],
    scope: 'timecards:read',
    params: IdParamsSchema,
    query: TimecardQuery,
    status: [200],
    response: TimecardSchema,
    errors: ['staff_not_found', 'date_invalid'],
  }),
  addPunch: defineRoute({
    id: 'timecards.addPunch',
    method: 'POST',
    path: '/timecards/{id}/punches',
    summary: 'Add a punch to a person’s timecard, with a reason (実績 編集)',
    tag: 'timecards',
    auth: ['console', 'token'],
    scope: 'punches:write',
    params: IdParamsSchema,
    body: AddPunchSchema,
    status: [201],
    response: z.object({ id: z.number().int().meta({ description: 'The new punch' }) }),
    errors: ['staff_not_found', ...CORRECTION_ERRORS],
    exampleBody: { type: 'clock_in', at: '2026-10-05T09:00', reason: '打刻忘れ' },
    exampleResponse: { id: 42 },
  }),
  correctDay: defineRoute({
    id: 'timecards.correctDay',
    method: 'PUT',
    path: '/timecards/{id}/days/{date}',
    summary: 'Replace a day’s punches as wanted, with one reason (実績 編集)',
    description:
      'Existing punches named by id are kept or changed, the others deleted, new ones added; every change is a new version (the raw punch stays).',
    tag: 'timecards',
    auth: ['console'],
    params: StaffDayParams,
    body: DayCorrectionSchema,
    status: [200],
    response: z.object({
      date: Day,
      changed: z.number().int().meta({ description: 'Punches added, changed or deleted' }),
    }),
    errors: ['staff_not_found', 'punch_not_found', 'punch_already_corrected', ...CORRECTION_ERRORS],
    exampleBody: {
      punches: [
        { type: 'clock_in', at: '2026-10-07T09:00' },
        { type: 'clock_out', at: '2026-10-07T18:00' },
      ],
      reason: '打刻忘れ',
    },
    exampleResponse: { date: '2026-10-07', changed: 2 },
  }),
  changePunch: defineRoute({
    id: 'timecards.changePunch',
    method: 'PATCH',
    path: '/punches/{id}',
    summary: 'Correct a punch’s type or time, with a reason (a new version; the raw punch stays)',
    tag: 'timecards',
    auth: ['console'],
    params: IdParamsSchema,
    body: ChangePunchSchema,
    status: [200],
    response: z.object({ id: z.number().int().meta({ description: 'The new version' }) }),
    errors: ['punch_not_found', 'punch_already_corrected', ...CORRECTION_ERRORS],
    exampleBody: { at: '2026-10-02T09:05', reason: '時刻の誤り' },
    exampleResponse: { id: 43 },
  }),
  deletePunch: defineRoute({
    id: 'timecards.deletePunch',
    method: 'DELETE',
    path: '/punches/{id}',
    summary: 'Delete a punch, with a reason (a deletion version; the raw punch stays)',
    tag: 'timecards',
    auth: ['console'],
    params: IdParamsSchema,
    body: DeletePunchSchema,
    status: [200],
    response: z.object({ id: z.number().int().meta({ description: 'The deletion version' }) }),
    errors: ['punch_not_found', 'punch_already_corrected', ...CORRECTION_ERRORS],
    exampleBody: { reason: '二重打刻' },
    exampleResponse: { id: 44 },
  }),
  listLocks: defineRoute({
    id: 'timecards.listLocks',
    method: 'GET',
    path: '/period-locks',
    summary: 'The contract’s closed pay periods, newest first',
    tag: 'timecards',
    auth: ['console', 'token'],
    scope: 'timecards:read',
    status: [200],
    response: z.object({ items: z.array(PeriodLockRowSchema) }),
    exampleResponse: {
      items: [{ periodFrom: '2026-09-01', periodTo: '2026-09-30', lockedAt: '2026-10-05T01:00:00.000Z' }],
    },
  }),
  previewLock: defineRoute({
    id: 'timecards.previewLock',
    method: 'GET',
    path: '/period-locks/preview',
    summary: 'What closing the pay period containing `date` would leave behind (administrators)',
    description:
      'Days not over yet (punches still to come) and people with 未打刻 days: the 締め dialog lists them.',
    tag: 'timecards',
    auth: ['console'],
    query: PeriodLockPreviewSchema,
    status: [200],
    response: z
      .object({
        period: Period,
        notEnded: z.boolean(),
        lastEnded: Day,
        incomplete: z.array(
          z.object({
            staffId: z.number().int(),
            code: z.string().nullable(),
            name: z.string(),
            incompleteDays: z.number().int(),
          }),
        ),
      })
      .meta({ id: 'PeriodLockPreview' }),
    errors: ['forbidden', 'date_invalid'],
  }),
  lock: defineRoute({
    id: 'timecards.lock',
    method: 'POST',
    path: '/period-locks',
    summary: 'Close (締め) the pay period containing `date` (administrators; recorded in the 操作ログ)',
    description:
      'A period not over yet, or with 未打刻 days, needs `confirm: true` (else 409 period_lock_unconfirmed).',
    tag: 'timecards',
    auth: ['console'],
    body: PeriodLockSchema,
    status: [200],
    response: LockPeriodOut,
    errors: ['forbidden', 'date_invalid', 'period_lock_unconfirmed'],
    exampleBody: { date: '2026-09-15', confirm: true },
    exampleResponse: { period: { from: '2026-09-01', to: '2026-09-30' }, locked: true },
  }),
  unlock: defineRoute({
    id: 'timecards.unlock',
    method: 'POST',
    path: '/period-locks/unlock',
    summary: 'Reopen the pay period containing `date` (administrators; recorded in the 操作ログ)',
    tag: 'timecards',
    auth: ['console'],
    body: PeriodLockSchema,
    status: [200],
    response: LockPeriodOut,
    errors: ['forbidden', 'date_invalid'],
    exampleBody: { date: '2026-09-15' },
    exampleResponse: { period: { from: '2026-09-01', to: '2026-09-30' }, locked: false },
  }),
  getContractRules: defineRoute({
    id: 'workRules.getContract',
    method: 'GET',
    path: '/settings/work-rules',
    summary: '勤務ルール of the contract (administrators)',
    tag: 'work-rules',
    auth: ['console'],
    status: [200],
    response: WorkRulesAnswerSchema,
    errors: ['forbidden'],
  }),
  putContractRules: defineRoute({
    id: 'workRules.putContract',
    method: 'PUT',
    path: '/settings/work-rules',
    summary: 'Replace the 勤務ルール overrides of the contract (administrators; 操作ログ)',
    description:
      'The merged result must be valid for the engine (else 400 work_rules_invalid naming the field).',
    tag: 'work-rules',
    auth: ['console'],
    body: WorkRulesSchema,
    status: [200],
    response: WorkRulesAnswerSchema,
    errors: ['forbidden', 'work_rules_invalid'],
    exampleBody: { dayBoundary: '05:00' },
  }),
  getOfficeRules: defineRoute({
    id: 'workRules.getOffice',
    method: 'GET',
    path: '/offices/{id}/work-rules',
    summary: '勤務ルール of an office (administrators)',
    tag: 'work-rules',
    auth: ['console'],
    params: IdParamsSchema,
    status: [200],
    response: WorkRulesAnswerSchema,
    errors: ['forbidden', 'office_not_found'],
  }),
  putOfficeRules: defineRoute({
    id: 'workRules.putOffice',
    method: 'PUT',
    path: '/offices/{id}/work-rules',
    summary: 'Replace the 勤務ルール overrides of an office (administrators; 操作ログ)',
    tag: 'work-rules',
    auth: ['console'],
    params: IdParamsSchema,
    body: WorkRulesSchema,
    status: [200],
    response: WorkRulesAnswerSchema,
    errors: ['forbidden', 'work_rules_invalid', 'office_not_found'],
  }),
  getStaffRules: defineRoute({
    id: 'workRules.getStaff',
    method: 'GET',
    path: '/staff/{id}/work-rules',
    summary: '勤務ルール of a staff member (administrators)',
    tag: 'work-rules',
    auth: ['console'],
    params: IdParamsSchema,
    status: [200],
    response: WorkRulesAnswerSchema,
    errors: ['forbidden', 'staff_not_found'],
  }),
  putStaffRules: defineRoute({
    id: 'workRules.putStaff',
    method: 'PUT',
    path: '/staff/{id}/work-rules',
    summary: 'Replace the 勤務ルール overrides of a staff member (administrators; 操作ログ)',
    tag: 'work-rules',
    auth: ['console'],
    params: IdParamsSchema,
    body: WorkRulesSchema,
    status: [200],
    response: WorkRulesAnswerSchema,
    errors: ['forbidden', 'work_rules_invalid', 'staff_not_found'],
  }),
} as const;
