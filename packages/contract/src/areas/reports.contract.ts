import {
  AttendanceCsvQuerySchema,
  EXPORT_COLUMN_KEYS,
  EXPORT_ENCODINGS,
  EXPORT_LINE_ENDINGS,
  EXPORT_QUOTINGS,
  EXPORT_TIME_FORMATS,
  ExportLayoutInputSchema,
  MAX_LAYOUTS_PER_CONTRACT,
  ReportQuerySchema,
} from '@timecard/domain';
import { z } from 'zod';
import { IdParamsSchema } from '../common.ts';
import { defineRoute } from '../route.ts';
import { FiguresSchema } from './timecards.contract.ts';

/** One row of 集計・出力 (per person): the figures of the タイムカード over the range. */
export const SummaryRowSchema = FiguresSchema.extend({
  staffId: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  attendedDays: z.number().int().meta({ description: '出勤日数' }),
  incompleteDays: z.number().int().meta({ description: '未打刻日数' }),
  unapprovedOvertime: z.number().int().meta({
    description:
      '未承認残業 (minutes): with `overtimeNeedsApproval`, work past the limit that was not counted.',
  }),
  warnings: z.array(z.string()).meta({ description: '`CODE@YYYY-MM-DD`' }),
  variableFrameMinutes: z.number().int().optional().meta({
    description: 'Under 1か月単位の変形労働時間制: the legal frame of the 変形期間(s) in the range.',
  }),
}).meta({ id: 'SummaryRow', description: 'One row of 集計・出力, all durations in minutes.' });

export const AttendanceReportSchema = z
  .object({ rows: z.array(SummaryRowSchema), from: z.string(), to: z.string() })
  .meta({ id: 'AttendanceReport', description: '集計・出力: one row per person for a range.' });

const REPORT_ERRORS = ['forbidden', 'date_invalid', 'id_invalid', 'text_too_long'] as const;

/** A saved 出力レイアウト (issue 14) as the API answers it. */
export const ExportLayoutSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    columns: z
      .array(z.object({ key: z.enum(EXPORT_COLUMN_KEYS), header: z.string() }))
      .meta({ description: 'In file order: the summary column and its header name.' }),
    timeFormat: z.enum(EXPORT_TIME_FORMATS).meta({
      description: 'hmm 60進 `164:31`; decimal 10進 `164.52` (hours, 2 places, half up); minutes 分 `9871`',
    }),
    encoding: z.enum(EXPORT_ENCODINGS),
    lineEnding: z.enum(EXPORT_LINE_ENDINGS),
    quoting: z.enum(EXPORT_QUOTINGS).meta({ description: 'minimal: as needed; all: every cell' }),
    headerLine: z.string().meta({ description: 'The file’s first line, as written (before encoding).' }),
    updatedAt: z.string().meta({ description: 'ISO 8601 instant' }),
  })
  .meta({
    id: 'ExportLayout',
    description: '出力レイアウト of 集計・出力: columns, headers and the file’s form.',
  });

const LAYOUT_ERRORS = [
  'forbidden',
  'name_required',
  'text_too_long',
  'text_invalid',
  'export_layout_empty',
  'export_layout_column_unknown',
  'export_layout_header_required',
  'export_layout_header_duplicate',
  'export_layout_header_unencodable',
  'export_layout_too_many_columns',
  'export_layout_name_invalid',
] as const;

const EXAMPLE_LAYOUT = {
  name: '給与ソフト用',
  columns: [
    { key: 'code', header: '従業員コード' },
    { key: 'name', header: '氏名' },
    { key: 'worked', header: '総労働時間' },
    { key: 'lateNight', header: '深夜労働時間' },
  ],
  timeFormat: 'decimal',
  encoding: 'shift_jis',
  lineEnding: 'crlf',
  quoting: 'minimal',
} as const;
const EXAMPLE_LAYOUT_ANSWER = {
  id: 1,
  ...EXAMPLE_LAYOUT,
  headerLine: '従業員コード,氏名,総労働時間,深夜労働時間',
  updatedAt: '2026-12-05T07:00:00.000Z',
};

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
    description:
      'Without `layout`, the built-in layout in `encoding` and `hours`. With `layout` (a saved 出力レイアウト’s id or name), that layout’s columns, headers, time format, encoding, line ending and quoting; `encoding` and `hours` are then not used.',
    tag: 'reports',
    auth: ['console', 'token'],
    scope: 'reports:read',
    query: AttendanceCsvQuerySchema,
    status: [200],
    produces: 'text/csv',
    errors: [...REPORT_ERRORS, 'export_layout_not_found'],
  }),
  listLayouts: defineRoute({
    id: 'reports.listLayouts',
    method: 'GET',
    path: '/report-layouts',
    summary: 'The contract’s saved 出力レイアウト of the attendance CSV',
    description: 'Whoever may download 集計・出力 (administrators, or 実績 閲覧).',
    tag: 'reports',
    auth: ['console', 'token'],
    scope: 'reports:read',
    status: [200],
    response: z.object({ items: z.array(ExportLayoutSchema) }),
    errors: ['forbidden'],
    exampleResponse: { items: [EXAMPLE_LAYOUT_ANSWER] },
  }),
  createLayout: defineRoute({
    id: 'reports.createLayout',
    method: 'POST',
    path: '/report-layouts',
    summary: 'Save a new 出力レイアウト (administrators)',
    description: `At most ${MAX_LAYOUTS_PER_CONTRACT} a contract; names are unique and not digits alone (\`?layout=\` takes an id or a name).`,
    tag: 'reports',
    auth: ['console', 'token'],
    scope: 'reports:write',
    body: ExportLayoutInputSchema,
    status: [201],
    response: ExportLayoutSchema,
    errors: [...LAYOUT_ERRORS, 'export_layout_name_taken', 'export_layout_limit'],
    exampleBody: EXAMPLE_LAYOUT,
    exampleResponse: EXAMPLE_LAYOUT_ANSWER,
  }),
  previewLayout: defineRoute({
    id: 'reports.previewLayout',
    method: 'POST',
    path: '/report-layouts/preview',
    summary: 'Check an unsaved 出力レイアウト and answer its header line (administrators)',
    tag: 'reports',
    auth: ['console', 'token'],
    scope: 'reports:write',
    body: ExportLayoutInputSchema,
    status: [200],
    response: z.object({ headerLine: z.string() }),
    errors: LAYOUT_ERRORS,
    exampleBody: EXAMPLE_LAYOUT,
    exampleResponse: { headerLine: EXAMPLE_LAYOUT_ANSWER.headerLine },
  }),
  updateLayout: defineRoute({
    id: 'reports.updateLayout',
    method: 'PUT',
    path: '/report-layouts/{id}',
    summary: 'Replace a saved 出力レイアウト (administrators)',
    tag: 'reports',
    auth: ['console', 'token'],
    scope: 'reports:write',
    params: IdParamsSchema,
    body: ExportLayoutInputSchema,
    status: [200],
    response: ExportLayoutSchema,
    errors: [...LAYOUT_ERRORS, 'export_layout_name_taken', 'export_layout_not_found'],
    exampleBody: EXAMPLE_LAYOUT,
    exampleResponse: EXAMPLE_LAYOUT_ANSWER,
  }),
  deleteLayout: defineRoute({
    id: 'reports.deleteLayout',
    method: 'DELETE',
    path: '/report-layouts/{id}',
    summary: 'Delete a saved 出力レイアウト (administrators)',
    tag: 'reports',
    auth: ['console', 'token'],
    scope: 'reports:write',
    params: IdParamsSchema,
    status: [204],
    errors: ['forbidden', 'export_layout_not_found'],
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
