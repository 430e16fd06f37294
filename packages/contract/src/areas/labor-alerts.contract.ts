import {
  AckSchema,
  ALERT_SEVERITIES,
  AlertQuerySchema,
  DAY_ALERT_CODES,
  LaborAlertSettingsInputSchema,
  MONTH_ALERT_CODES,
  MonthSchema,
} from '@timecard/domain';
import { z } from 'zod';
import { IdParamsSchema } from '../common.ts';
import { defineRoute } from '../route.ts';

const Minutes = z.number().int().nullable();

export const LaborAlertSchema = z
  .object({
    key: z.string().meta({ description: 'Stable: `CODE:staffId:date-or-month[:window]`' }),
    severity: z.enum(ALERT_SEVERITIES).meta({ description: 'violation 違反 / warning 警告 / notice 注意' }),
    code: z.enum([...MONTH_ALERT_CODES, ...DAY_ALERT_CODES]),
    staffId: z.number().int(),
    staffCode: z.string().nullable(),
    staffName: z.string(),
    officeId: z.number().int().nullable(),
    officeName: z.string().nullable(),
    month: z.string().meta({ description: 'Pay-period month YYYY-MM' }),
    date: z.string().nullable().meta({ description: 'The day (a week: its first day); null for a month' }),
    minutes: Minutes.meta({ description: 'The figure: 時間外, rest, or worked minutes' }),
    limitMinutes: Minutes,
    projectedMinutes: Minutes.meta({ description: 'MONTH_END_PROJECTION: month-end 時間外 at this pace' }),
    count: z.number().int().nullable(),
    windowMonths: z.number().int().nullable(),
    averageMinutes: z.number().nullable(),
    days: z.number().nullable(),
    acknowledged: z
      .object({ by: z.string().nullable(), at: z.string(), comment: z.string() })
      .nullable()
      .meta({ description: '確認済: who, when, and the comment' }),
  })
  .meta({ id: 'LaborAlert', description: 'One 労務アラート of one person.' });

const SettingsOut = LaborAlertSettingsInputSchema.meta({
  id: 'LaborAlertSettings',
  description:
    '36協定 (start month, 特別条項), the contract’s own lines, warning level, 連続勤務, 勤務間インターバル, 留学生.',
});

const SETTINGS_EXAMPLE = {
  agreementStartMonth: '2026-04',
  specialClause: false,
  monthLimitMinutes: 2700,
  yearLimitMinutes: 21600,
  warningPercent: 80,
  consecutiveDays: 12,
  intervalMinutes: 660,
  longVacations: [{ from: '2026-08-01', to: '2026-09-30' }],
  studentStaffIds: [],
};

/** 労務アラート (プレミアム and up): the list, 確認済, the charts' figures and the 36協定 settings. */
export const laborAlertRoutes = {
  list: defineRoute({
    id: 'laborAlerts.list',
    method: 'GET',
    path: '/labor-alerts',
    summary: '労務アラート: alerts by severity (staff see their own)',
    description:
      'Computed from the stored staff-month totals, which punches keep current (only stale months are recomputed).',
    tag: 'labor-alerts',
    auth: ['console'],
    feature: 'labor_alerts',
    query: AlertQuerySchema,
    status: [200],
    response: z.object({
      from: z.string(),
      to: z.string(),
      today: z.string(),
      counts: z.object({ violation: z.number().int(), warning: z.number().int(), notice: z.number().int() }),
      items: z.array(LaborAlertSchema),
    }),
    errors: ['labor_alert_range_too_long'],
  }),
  acknowledge: defineRoute({
    id: 'laborAlerts.acknowledge',
    method: 'POST',
    path: '/labor-alerts/acknowledgements',
    summary: 'Mark an alert 確認済 with a comment (操作ログ)',
    tag: 'labor-alerts',
    auth: ['console'],
    feature: 'labor_alerts',
    body: AckSchema,
    status: [200],
    response: z.object({ key: z.string(), comment: z.string() }),
    errors: ['forbidden', 'labor_alert_not_found'],
    exampleBody: { key: 'BASIC_MONTH_OVER_45H:2:2026-11', comment: '業務量を調整済み' },
  }),
  officeOvertime: defineRoute({
    id: 'laborAlerts.officeOvertime',
    method: 'GET',
    path: '/labor-alerts/office-overtime',
    summary: 'This month’s 時間外 per person of an office (the bar chart)',
    tag: 'labor-alerts',
    auth: ['console'],
    feature: 'labor_alerts',
    query: z.object({
      officeId: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
      month: MonthSchema.optional(),
    }),
    status: [200],
    response: z.object({
      month: z.string(),
      officeId: z.number().int().nullable(),
      offices: z.array(z.object({ id: z.number().int(), name: z.string() })),
      lines: z.array(z.number().int()).meta({ description: '45 h, 80 h, 100 h in minutes' }),
      staff: z.array(
        z.object({
          staffId: z.number().int(),
          staffCode: z.string().nullable(),
          name: z.string(),
          overtimeMinutes: z.number().int(),
          legalHolidayMinutes: z.number().int(),
        }),
      ),
    }),
  }),
  staffOvertime: defineRoute({
    id: 'laborAlerts.staffOvertime',
    method: 'GET',
    path: '/labor-alerts/staff/{id}/overtime',
    summary: '12 months of 時間外 of a person with the 2–6-month average and the year’s sum',
    tag: 'labor-alerts',
    auth: ['console'],
    feature: 'labor_alerts',
    params: IdParamsSchema,
    query: z.object({ to: MonthSchema.optional() }),
    status: [200],
    response: z.object({
      staff: z.object({ id: z.number().int(), code: z.string().nullable(), name: z.string() }),
      agreementStartMonth: z.string(),
      specialClause: z.boolean(),
      yearLines: z.array(z.number().int()).meta({ description: '360 h and 720 h in minutes' }),
      months: z.array(
        z.object({
          month: z.string(),
          overtimeMinutes: z.number().int(),
          legalHolidayMinutes: z.number().int(),
          maxAverageMinutes: z.number().int().nullable(),
          yearCumulativeMinutes: z.number().int(),
        }),
      ),
    }),
    errors: ['staff_not_found'],
  }),
  getSettings: defineRoute({
    id: 'laborAlerts.getSettings',
    method: 'GET',
    path: '/settings/labor-alerts',
    summary: '36協定 and alert settings (administrators)',
    tag: 'labor-alerts',
    auth: ['console'],
    feature: 'labor_alerts',
    status: [200],
    response: SettingsOut.extend({
      staffChoices: z
        .array(z.object({ id: z.number().int(), code: z.string().nullable(), name: z.string() }))
        .meta({ description: 'Everyone who may be flagged 留学生' }),
    }),
    errors: ['forbidden'],
    exampleResponse: { ...SETTINGS_EXAMPLE, staffChoices: [{ id: 2, code: 'S-1', name: '留学 花子' }] },
  }),
  putSettings: defineRoute({
    id: 'laborAlerts.putSettings',
    method: 'PUT',
    path: '/settings/labor-alerts',
    summary: 'Save the 36協定 and alert settings (administrators; 操作ログ)',
    tag: 'labor-alerts',
    auth: ['console'],
    feature: 'labor_alerts',
    body: LaborAlertSettingsInputSchema,
    status: [200],
    response: SettingsOut,
    errors: ['forbidden'],
    exampleBody: SETTINGS_EXAMPLE,
  }),
};
