import {
  DateSchema,
  SHIFT_COLORS,
  ShiftCellsSchema,
  ShiftPatternInputSchema,
  ShiftWishSchema,
} from '@timecard/domain';
import { z } from 'zod';
import { IdParamsSchema, MessageSchema } from '../common.ts';
import { defineRoute } from '../route.ts';

const Time = z.string().meta({ example: '09:00', description: 'HH:mm in the contract’s zone' });
const Breaks = z
  .array(z.tuple([Time, Time]))
  .meta({ description: 'Breaks inside the span, e.g. [["12:00","13:00"]]' });

export const ShiftPatternSchema = z
  .object({
    id: z.number().int(),
    officeId: z.number().int(),
    name: z.string(),
    color: z.enum(SHIFT_COLORS),
    start: Time,
    end: Time.meta({ description: 'At or before the start: the next day' }),
    breaks: Breaks,
    minutes: z.number().int().meta({ description: 'Scheduled working minutes (span less breaks)' }),
  })
  .meta({ id: 'ShiftPattern', description: 'シフトパターン of an office (早番, 遅番, 通し …).' });

const ShiftTimesOut = z.object({
  off: z.boolean().meta({ description: '休み' }),
  patternId: z.number().int().nullable(),
  start: Time.nullable(),
  end: Time.nullable(),
  breaks: Breaks,
  minutes: z.number().int(),
});

export const ShiftCellOutSchema = z
  .object({
    staffId: z.number().int(),
    date: z.string().meta({ example: '2026-12-07' }),
    officeId: z.number().int(),
    draft: ShiftTimesOut.nullable().meta({ description: 'The cell as planned; null when cleared.' }),
    published: ShiftTimesOut.nullable().meta({
      description: 'What staff see and the engine uses; null if never published or removed.',
    }),
    status: z.enum(['draft', 'published', 'changed']).meta({
      description: 'draft: never published; published: as published; changed: edited since 【公開】',
    }),
  })
  .meta({ id: 'ShiftCell' });

const WishOut = z
  .object({
    staffId: z.number().int(),
    date: z.string(),
    kind: z.enum(['available', 'off']),
    start: Time.nullable(),
    end: Time.nullable(),
    note: z.string(),
  })
  .meta({ id: 'ShiftWish', description: '希望シフト: 出勤可 (with hours) or 休み希望.' });

const WishPeriodOut = z
  .object({
    id: z.number().int(),
    officeId: z.number().int(),
    from: z.string(),
    to: z.string(),
    deadline: z.string().meta({ description: 'ISO 8601 instant' }),
    open: z.boolean(),
  })
  .meta({ id: 'ShiftWishPeriod' });

const PeriodQuery = z.object({
  from: DateSchema.optional().meta({ description: 'Default: the pay period (締め日) containing today' }),
  to: DateSchema.optional(),
});

export const ShiftTableSchema = z
  .object({
    office: z.object({ id: z.number().int(), name: z.string() }),
    period: z.object({ from: z.string(), to: z.string() }),
    canEdit: z.boolean().meta({ description: 'シフト予定 編集 on the office' }),
    limits: z.object({
      weekStart: z.number().int().min(0).max(6),
      dailyLimitMinutes: z.number().int(),
      weeklyLimitMinutes: z.number().int(),
      variable: z.boolean().meta({ description: '1か月単位の変形労働時間制 (labor-rules.md §4.2)' }),
      frameMinutes: z.number().int().nullable().meta({ description: 'The 変形期間 frame when variable' }),
    }),
    patterns: z.array(ShiftPatternSchema),
    staff: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        code: z.string().nullable(),
        workStyle: z.enum(['fixed', 'shift']),
      }),
    ),
    cells: z.array(ShiftCellOutSchema),
    wishes: z.array(WishOut),
    wishPeriods: z.array(WishPeriodOut),
    totals: z.object({
      byStaff: z.array(
        z.object({
          staffId: z.number().int(),
          days: z.number().int(),
          minutes: z.number().int(),
          overDay: z.array(z.string()),
          overWeek: z.array(z.string()),
          overFrame: z.boolean(),
        }),
      ),
      byDate: z.array(z.object({ date: z.string(), people: z.number().int(), minutes: z.number().int() })),
    }),
    unpublished: z.number().int().meta({ description: 'Cells changed since the last 【公開】' }),
  })
  .meta({ id: 'ShiftTable', description: '月間シフト表 of an office and period, drafts and published.' });

/** シフト管理 (プレミアム and up): patterns, the shift table, 【公開】, 希望シフト, own shifts. */
export const shiftRoutes = {
  listPatterns: defineRoute({
    id: 'shifts.listPatterns',
    method: 'GET',
    path: '/offices/{id}/shift-patterns',
    summary: 'List the shift patterns of an office',
    tag: 'shifts',
    auth: ['console', 'token'],
    scope: 'shifts:read',
    feature: 'shifts',
    params: IdParamsSchema,
    status: [200],
    response: z.object({ items: z.array(ShiftPatternSchema) }),
  }),
  createPattern: defineRoute({
    id: 'shifts.createPattern',
    method: 'POST',
    path: '/offices/{id}/shift-patterns',
    summary: 'Add a shift pattern (シフト予定 編集)',
    tag: 'shifts',
    auth: ['console'],
    feature: 'shifts',
    params: IdParamsSchema,
    body: ShiftPatternInputSchema,
    status: [201],
    response: ShiftPatternSchema,
    errors: ['time_invalid', 'shift_break_outside', 'name_required'],
    exampleBody: {
      name: '早番',
      color: '#0b7285',
      start: '09:00',
      end: '18:00',
      breaks: [['12:00', '13:00']],
    },
  }),
  updatePattern: defineRoute({
    id: 'shifts.updatePattern',
    method: 'PUT',
    path: '/shift-patterns/{id}',
    summary: 'Change a shift pattern (cells already planned keep their times)',
    tag: 'shifts',
    auth: ['console'],
    feature: 'shifts',
    params: IdParamsSchema,
    body: ShiftPatternInputSchema,
    status: [200],
    response: ShiftPatternSchema,
    errors: ['shift_pattern_not_found'],
  }),
  deletePattern: defineRoute({
    id: 'shifts.deletePattern',
    method: 'DELETE',
    path: '/shift-patterns/{id}',
    summary: 'Retire a shift pattern (planned cells keep their times)',
    tag: 'shifts',
    auth: ['console'],
    feature: 'shifts',
    params: IdParamsSchema,
    status: [204],
    errors: ['shift_pattern_not_found'],
  }),
  table: defineRoute({
    id: 'shifts.table',
    method: 'GET',
    path: '/offices/{id}/shifts',
    summary: 'The shift table of an office for a period (シフト予定 閲覧)',
    tag: 'shifts',
    auth: ['console', 'token'],
    scope: 'shifts:read',
    feature: 'shifts',
    params: IdParamsSchema,
    query: PeriodQuery,
    status: [200],
    response: ShiftTableSchema,
    errors: ['shift_range_too_long'],
  }),
  saveCells: defineRoute({
    id: 'shifts.saveCells',
    method: 'PUT',
    path: '/offices/{id}/shifts',
    summary: 'Plan cells as drafts: a pattern, custom times, 休み, or clear',
    tag: 'shifts',
    auth: ['console', 'token'],
    scope: 'shifts:write',
    feature: 'shifts',
    params: IdParamsSchema,
    body: ShiftCellsSchema,
    status: [200],
    response: z.object({ saved: z.number().int() }),
    errors: ['shift_pattern_not_found', 'shift_staff_not_in_office', 'period_locked'],
    exampleBody: {
      cells: [
        { kind: 'pattern', staffId: 2, date: '2026-12-07', patternId: 1 },
        {
          kind: 'custom',
          staffId: 3,
          date: '2026-12-07',
          start: '22:00',
          end: '06:00',
          breaks: [['02:00', '02:30']],
        },
        { kind: 'off', staffId: 4, date: '2026-12-07' },
      ],
    },
  }),
  publish: defineRoute({
    id: 'shifts.publish',
    method: 'POST',
    path: '/offices/{id}/shifts/publish',
    summary: '【公開】 the drafts of a period; each person concerned is mailed their changes',
    tag: 'shifts',
    auth: ['console'],
    feature: 'shifts',
    params: IdParamsSchema,
    body: z.object({ from: DateSchema, to: DateSchema }).strict(),
    status: [200],
    response: z.object({ published: z.number().int(), notified: z.number().int() }),
    errors: ['shift_range_too_long'],
  }),
  copy: defineRoute({
    id: 'shifts.copy',
    method: 'POST',
    path: '/offices/{id}/shifts/copy',
    summary: 'Copy the cells of a range (the previous week or period) onto another, as drafts',
    tag: 'shifts',
    auth: ['console'],
    feature: 'shifts',
    params: IdParamsSchema,
    body: z
      .object({
        from: DateSchema,
        to: DateSchema,
        target: DateSchema.meta({ description: 'First day of the copy' }),
      })
      .strict(),
    status: [200],
    response: z.object({ copied: z.number().int() }),
    errors: ['shift_range_too_long', 'period_locked'],
  }),
  importCsv: defineRoute({
    id: 'shifts.importCsv',
    method: 'POST',
    path: '/offices/{id}/shift-imports',
    summary: 'Import shifts from CSV (staff_code,date,start,end,breaks); imported shifts are published',
    description:
      'Every row is checked first; one rejected row imports nothing (400 with `row<N>.<column>` fields). The same file twice changes nothing.',
    tag: 'shifts',
    auth: ['console'],
    feature: 'shifts',
    params: IdParamsSchema,
    consumes: 'text/csv',
    status: [201],
    response: z.object({ imported: z.number().int(), changed: z.number().int() }),
    errors: [
      'csv_rows_rejected',
      'csv_rows_rejected_many',
      'csv_unknown_columns',
      'csv_missing_column',
      'period_locked',
    ],
  }),
  exportCsv: defineRoute({
    id: 'shifts.exportCsv',
    method: 'GET',
    path: '/offices/{id}/shifts.csv',
    summary: 'The published shifts of a period as CSV, in the import format',
    tag: 'shifts',
    auth: ['console'],
    feature: 'shifts',
    params: IdParamsSchema,
    query: z.object({
      from: DateSchema,
      to: DateSchema,
      encoding: z.enum(['utf-8', 'shift_jis']).default('utf-8'),
    }),
    status: [200],
    produces: 'text/csv',
  }),
  openWishes: defineRoute({
    id: 'shifts.openWishes',
    method: 'POST',
    path: '/offices/{id}/wish-periods',
    summary: 'Open a period for 希望シフト, with a deadline',
    tag: 'shifts',
    auth: ['console'],
    feature: 'shifts',
    params: IdParamsSchema,
    body: z.object({ from: DateSchema, to: DateSchema, deadline: z.iso.datetime({ offset: true }) }).strict(),
    status: [201],
    response: WishPeriodOut,
    errors: ['shift_range_too_long'],
  }),
  myWishes: defineRoute({
    id: 'shifts.myWishes',
    method: 'GET',
    path: '/me/shift-wishes',
    summary: 'My 希望シフト and the open periods of my offices',
    tag: 'shifts',
    auth: ['console'],
    feature: 'shifts',
    query: PeriodQuery,
    status: [200],
    response: z.object({
      periods: z.array(WishPeriodOut),
      wishes: z.array(WishOut),
      period: z.object({ from: z.string(), to: z.string() }),
    }),
  }),
  saveMyWish: defineRoute({
    id: 'shifts.saveMyWish',
    method: 'PUT',
    path: '/me/shift-wishes',
    summary: 'Write (or clear) my 希望シフト of a day, while its period is open',
    tag: 'shifts',
    auth: ['console'],
    feature: 'shifts',
    body: ShiftWishSchema,
    status: [200],
    response: MessageSchema,
    errors: ['shift_wish_closed'],
  }),
  myShifts: defineRoute({
    id: 'shifts.mine',
    method: 'GET',
    path: '/me/shifts',
    summary: 'My published shifts for a period',
    tag: 'shifts',
    auth: ['console'],
    feature: 'shifts',
    query: PeriodQuery,
    status: [200],
    response: z.object({
      period: z.object({ from: z.string(), to: z.string() }),
      items: z.array(
        z.object({
          date: z.string(),
          officeId: z.number().int(),
          officeName: z.string(),
          off: z.boolean(),
          start: Time.nullable(),
          end: Time.nullable(),
          breaks: Breaks,
          patternName: z.string().nullable(),
          minutes: z.number().int(),
        }),
      ),
    }),
  }),
};
