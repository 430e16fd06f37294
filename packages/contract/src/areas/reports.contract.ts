import { ReportQuerySchema } from '@timecard/domain';
import { z } from 'zod';
import { defineRoute } from '../route.ts';
import { FiguresSchema } from './timecards.contract.ts';

/** One row of 集計・出力 (per person): the figures of the タイムカード over the range. */
export const SummaryRowSchema = FiguresSchema.extend({
  staffId: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  attendedDays: z.number().int().meta({ description: '出勤日数' }),
  incompleteDays: z.number().int().meta({ description: '未打刻日数' }),
  warnings: z.array(z.string()).meta({ description: '`CODE@YYYY-MM-DD`' }),
  variableFrameMinutes: z.number().int().optional().meta({
    description: 'Under 1か月単位の変形労働時間制: the legal frame of the 変形期間(s) in the range.',
  }),
}).meta({ id: 'SummaryRow', description: 'One row of 集計・出力, all durations in minutes.' });

export const AttendanceReportSchema = z
  .object({ rows: z.array(SummaryRowSchema), from: z.string(), to: z.string() })
  .meta({ id: 'AttendanceReport', description: '集計・出力: one row per person for a range.' });

const REPORT_ERRORS = ['forbidden', 'date_invalid', 'id_invalid', 'text_too_long'] as const;

/** 集計・出力: the monthly summary as JSON for the screen and as the payroll CSV; punch CSV upload. */
export const reportRoutes = {
  attendance: defineRoute({
    id: 'reports.attendance',
    method: 'GET',
    path: '/reports/attendance',
    summary: 'One row per person for a range (at most 371 days): the figures of the タイムカード',
    description: 'Administrators, or 実績 閲覧 on the offices shown. `encoding` and `hours` are for the CSV.',
    tag: 'reports',
    auth: ['console', 'token'],
    scope: 'reports:read',
    query: ReportQuerySchema,
    status: [200],
    response: AttendanceReportSchema,
    errors: REPORT_ERRORS,
  }),
  attendanceCsv: defineRoute({
    id: 'reports.attendanceCsv',
    method: 'GET',
    path: '/reports/attendance.csv',
    summary: 'The same summary as the payroll CSV (UTF-8 with BOM or Shift_JIS; h:mm or decimal hours)',
    tag: 'reports',
    auth: ['console', 'token'],
    scope: 'reports:read',
    query: ReportQuerySchema,
    status: [200],
    produces: 'text/csv',
    errors: REPORT_ERRORS,
  }),
  importPunches: defineRoute({
    id: 'reports.importPunches',
    method: 'POST',
    path: '/punch-imports',
    summary: 'Import punches from CSV (staff_code,type,at) (administrators)',
    description:
      'UTF-8 or Shift_JIS. Every row is checked first (codes, times, the day’s sequence, closed periods); one rejected row imports nothing (400 with `row<N>.<column>` fields).',
    tag: 'reports',
    auth: ['console'],
    consumes: 'text/csv',
    status: [201],
    response: z.object({
      imported: z.number().int().meta({ description: 'Punches added' }),
      skipped: z.number().int().meta({ description: 'Rows already imported (the same punch)' }),
    }),
    errors: [
      'forbidden',
      'csv_rows_rejected',
      'csv_rows_rejected_many',
      'csv_unknown_columns',
      'csv_missing_column',
      'csv_duplicate_column',
      'csv_header_missing',
      'csv_no_rows',
      'csv_encoding_invalid',
      'csv_too_large',
    ],
    exampleResponse: { imported: 120, skipped: 0 },
  }),
} as const;
