import {
  DateSchema,
  LeaveAdjustmentInputSchema,
  LeaveGrantInputSchema,
  LeaveRateOverrideSchema,
  LeaveRecordInputSchema,
  LeaveTypeInputSchema,
  LeaveTypeUpdateSchema,
} from '@timecard/domain';
import { z } from 'zod';
import { IdParamsSchema, IdSchema } from '../common.ts';
import { defineRoute } from '../route.ts';

const Day = z.string().meta({ example: '2025-04-01' });
const Unit = z
  .enum(['full', 'am', 'pm', 'hours'])
  .meta({ description: '全日 / 午前半休 / 午後半休 / 時間単位' });
const Split = z.object({ days: z.number(), hours: z.number() }).meta({ description: '「8日5時間」' });

export const LeaveTypeSchema = z
  .object({
    id: z.number().int(),
    kind: z
      .enum(['annual', 'special', 'unpaid'])
      .meta({ description: '有給休暇 (built in) / 特別休暇 / 無給休暇' }),
    name: z.string(),
    paid: z.boolean(),
    allowFull: z.boolean(),
    allowHalf: z.boolean().meta({ description: '午前半休 and 午後半休' }),
    allowHours: z.boolean().meta({ description: '時間単位 (有給休暇 only, 5 days’ worth a year, 39条4項)' }),
    archived: z.boolean(),
  })
  .meta({ id: 'LeaveType', description: '休暇区分 of the contract.' });

const TYPE_EXAMPLE = {
  id: 1,
  kind: 'annual',
  name: '有給休暇',
  paid: true,
  allowFull: true,
  allowHalf: true,
  allowHours: false,
  archived: false,
};

const FiveDay = z
  .object({
    grantDate: Day,
    deadline: Day,
    taken: z.number(),
    short: z.number(),
    atRisk: z.boolean(),
  })
  .meta({ id: 'LeaveFiveDay', description: '年5日取得義務 of the grant whose year contains the date.' });

const GrantSchema = z
  .object({
    id: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'null: the law’s grant, not yet written by the daily job' }),
    grantDate: Day,
    days: z.number(),
    expiresOn: Day.meta({ description: '基準日 + 2 years − 1 day' }),
    source: z.enum(['statutory', 'manual']),
    serviceYears: z.number().nullable(),
    used: z.number(),
    remaining: z.number(),
    remainingSplit: Split,
    valid: z.boolean(),
    expiringSoon: z.boolean().meta({ description: '失効予定: expires within 3 months with days left' }),
    fiveDayObligation: z.boolean(),
    fiveDayDeadline: Day.nullable(),
    fiveDayTaken: z.number().nullable(),
    attendanceRate: z.number().nullable().meta({ description: '出勤率 of the year before the 基準日 (0–1)' }),
    reason: z.string(),
    projected: z.boolean(),
  })
  .meta({ id: 'LeaveGrant' });

const Skipped = z.object({
  grantDate: Day,
  attendanceRate: z.number().nullable(),
  reason: z.string(),
});

const RecordSchema = z
  .object({
    id: z.number().int(),
    date: Day,
    leaveTypeId: z.number().int(),
    leaveTypeName: z.string(),
    kind: z.enum(['leave', 'adjustment']),
    unit: Unit,
    hours: z.number().int().nullable(),
    reason: z.string(),
    requestId: z.number().int().nullable(),
  })
  .meta({ id: 'LeaveRecord' });

const AsOfQuery = z.object({
  asOf: DateSchema.optional().meta({ description: 'Default: today in the contract’s zone' }),
});

/** 休暇管理 (プレミアムプラス and up, issue 17). */
export const leaveRoutes = {
  listTypes: defineRoute({
    id: 'leave.listTypes',
    method: 'GET',
    path: '/leave/types',
    summary: 'List the 休暇区分 of the contract (有給休暇 first)',
    tag: 'leave',
    auth: ['console', 'token'],
    scope: 'leave:read',
    feature: 'leave',
    status: [200],
    response: z.object({ items: z.array(LeaveTypeSchema) }),
    exampleResponse: { items: [TYPE_EXAMPLE] },
  }),
  createType: defineRoute({
    id: 'leave.createType',
    method: 'POST',
    path: '/leave/types',
    summary: 'Add a 特別休暇 or 無給休暇 (administrators)',
    tag: 'leave',
    auth: ['console'],
    feature: 'leave',
    body: LeaveTypeInputSchema,
    status: [201],
    response: LeaveTypeSchema,
    errors: ['name_required', 'leave_unit_required'],
    exampleBody: { kind: 'special', name: '慶弔休暇', paid: true },
  }),
  updateType: defineRoute({
    id: 'leave.updateType',
    method: 'PATCH',
    path: '/leave/types/{id}',
    summary: 'Change a 休暇区分 (有給休暇: only 半休 and 時間単位)',
    tag: 'leave',
    auth: ['console'],
    feature: 'leave',
    params: IdParamsSchema,
    body: LeaveTypeUpdateSchema,
    status: [200],
    response: LeaveTypeSchema,
    errors: ['leave_type_not_found', 'leave_unit_required'],
    exampleBody: { allowHours: true },
  }),
  overview: defineRoute({
    id: 'leave.overview',
    method: 'GET',
    path: '/leave',
    summary: 'Everyone’s 有給 balance on a date, and 年5日 at risk',
    tag: 'leave',
    auth: ['console', 'token'],
    scope: 'leave:read',
    feature: 'leave',
    query: AsOfQuery,
    status: [200],
    response: z.object({
      asOf: Day,
      rows: z.array(
        z.object({
          staffId: z.number().int(),
          name: z.string(),
          code: z.string().nullable(),
          hiredOn: Day.nullable(),
          validDays: z.number(),
          valid: Split,
          expiringSoonDays: z.number(),
          nextGrant: z.object({ date: Day, days: z.number() }).nullable(),
          fiveDay: FiveDay.nullable(),
        }),
      ),
      atRisk: z.array(
        FiveDay.extend({ staffId: z.number().int(), name: z.string(), code: z.string().nullable() }),
      ),
      types: z.array(LeaveTypeSchema),
    }),
  }),
  staff: defineRoute({
    id: 'leave.staff',
    method: 'GET',
    path: '/leave/staff/{id}',
    summary: 'One person’s grants, balance, skipped 基準日 and leave taken',
    tag: 'leave',
    auth: ['console', 'token'],
    scope: 'leave:read',
    feature: 'leave',
    params: IdParamsSchema,
    query: AsOfQuery,
    status: [200],
    response: z.object({
      staff: z.object({
        id: z.number().int(),
        name: z.string(),
        code: z.string().nullable(),
        hiredOn: Day.nullable(),
        retiredOn: Day.nullable(),
        weeklyDays: z.number().int(),
        weeklyHours: z.number(),
        leaveGrantMode: z.enum(['statutory', 'manual']),
      }),
      asOf: Day,
      hoursPerDay: z.number().int(),
      validDays: z.number(),
      valid: Split,
      expiringSoonDays: z.number(),
      nextGrant: z.object({ date: Day, days: z.number() }).nullable(),
      grants: z.array(GrantSchema),
      skipped: z.array(Skipped),
      records: z.array(RecordSchema),
    }),
    errors: ['staff_not_found'],
  }),
  record: defineRoute({
    id: 'leave.record',
    method: 'POST',
    path: '/leave/records',
    summary: 'Record leave of a person on a date (実績 編集)',
    tag: 'leave',
    auth: ['console', 'token'],
    scope: 'leave:write',
    feature: 'leave',
    body: LeaveRecordInputSchema,
    status: [201],
    response: z.object({
      id: z.number().int(),
      staffId: z.number().int(),
      date: Day,
      leaveTypeId: z.number().int(),
      leaveTypeName: z.string(),
      unit: Unit,
      hours: z.number().int().nullable(),
      reason: z.string(),
      requestId: z.number().int().nullable(),
      remainingDays: z.number().nullable().meta({ description: '有給 days valid on the date, after this' }),
    }),
    errors: [
      'staff_not_found',
      'leave_type_not_found',
      'leave_unit_invalid',
      'leave_hours_invalid',
      'leave_hours_limit',
      'leave_balance_insufficient',
      'leave_day_taken',
      'leave_outside_employment',
    ],
    exampleBody: { staffId: 7, date: '2025-06-02', leaveTypeId: 1, unit: 'full' },
  }),
  deleteRecord: defineRoute({
    id: 'leave.deleteRecord',
    method: 'DELETE',
    path: '/leave/records/{id}',
    summary: 'Cancel recorded leave (実績 編集)',
    tag: 'leave',
    auth: ['console', 'token'],
    scope: 'leave:write',
    feature: 'leave',
    params: IdParamsSchema,
    status: [204],
    errors: ['leave_record_not_found'],
  }),
  grant: defineRoute({
    id: 'leave.grant',
    method: 'POST',
    path: '/leave/staff/{id}/grants',
    summary: 'Grant paid leave by hand, with a reason (a balance carried in; administrators)',
    tag: 'leave',
    auth: ['console'],
    feature: 'leave',
    params: IdParamsSchema,
    body: LeaveGrantInputSchema,
    status: [201],
    response: z.object({ id: z.number().int() }),
    errors: ['staff_not_found', 'leave_days_invalid', 'leave_reason_required'],
    exampleBody: { grantDate: '2025-04-01', days: 7.5, reason: '旧システムからの繰越' },
  }),
  adjust: defineRoute({
    id: 'leave.adjust',
    method: 'POST',
    path: '/leave/staff/{id}/adjustments',
    summary: 'Adjust the paid-leave balance with a reason (days used before; administrators)',
    tag: 'leave',
    auth: ['console'],
    feature: 'leave',
    params: IdParamsSchema,
    body: LeaveAdjustmentInputSchema,
    status: [201],
    response: z.object({ id: z.number().int() }),
    errors: ['staff_not_found', 'leave_balance_insufficient', 'leave_reason_required'],
    exampleBody: { date: '2025-04-01', unit: 'full', reason: '旧システムでの取得分' },
  }),
  overrideRate: defineRoute({
    id: 'leave.overrideRate',
    method: 'PUT',
    path: '/leave/staff/{id}/attendance-rates',
    summary: 'Set the 出勤率 of the year before a 基準日, with a reason (administrators)',
    tag: 'leave',
    auth: ['console'],
    feature: 'leave',
    params: IdParamsSchema,
    body: LeaveRateOverrideSchema,
    status: [204],
    errors: ['staff_not_found', 'leave_reason_required'],
    exampleBody: { grantDate: '2025-10-01', ratePercent: 85, reason: '業務災害による休業を出勤扱い' },
  }),
  register: defineRoute({
    id: 'leave.register',
    method: 'GET',
    path: '/leave/register',
    summary: '年次有給休暇管理簿 (労基則24条の7): per person and grant, the days taken and left',
    tag: 'leave',
    auth: ['console', 'token'],
    scope: 'leave:read',
    feature: 'leave',
    query: AsOfQuery.extend({ staffId: IdSchema.optional() }),
    status: [200],
    response: z.object({
      asOf: Day,
      people: z.array(
        z.object({
          staffId: z.number().int(),
          name: z.string(),
          code: z.string().nullable(),
          hiredOn: Day.nullable(),
          validDays: z.number(),
          grants: z.array(
            z.object({
              grantDate: Day,
              days: z.number(),
              expiresOn: Day,
              fiveDayObligation: z.boolean(),
              fiveDayDeadline: Day.nullable(),
              used: z.number(),
              remaining: z.number(),
              taken: z.array(
                z.object({
                  date: Day,
                  days: z.number(),
                  unit: Unit,
                  hours: z.number().int().nullable(),
                  kind: z.enum(['leave', 'adjustment']),
                }),
              ),
            }),
          ),
        }),
      ),
    }),
  }),
  registerCsv: defineRoute({
    id: 'leave.registerCsv',
    method: 'GET',
    path: '/leave/register.csv',
    summary: '年次有給休暇管理簿 as CSV (formula-safe; UTF-8 with BOM or Shift_JIS)',
    tag: 'leave',
    auth: ['console', 'token'],
    scope: 'leave:read',
    feature: 'leave',
    query: AsOfQuery.extend({
      staffId: IdSchema.optional(),
      encoding: z.enum(['utf-8', 'shift_jis']).default('utf-8'),
    }),
    status: [200],
    produces: 'text/csv',
  }),
} as const;
