import { z } from 'zod';
import { textSchema } from '../input/input.schema.ts';
import { MINUTE_TOTAL_FIELDS } from '../labor/aggregate-attendance.ts';

/**
 * 出力レイアウト of 集計・出力 (issue 14): which columns the attendance CSV has, in which order, under
 * which header names, and the file's form (time format, encoding, line ending, quoting). A saved
 * layout belongs to one contract; without one the built-in layout (the CSV of issue 6) is written.
 */

type Text = { ja: string; en: string };
type ColumnKind = 'text' | 'date' | 'minutes' | 'days';

/**
 * Every column a layout may use: identity columns, then each total of the summary row
 * (`SummaryRow`: every minute total of labor-rules.md §4, the day counts, 警告 and the 変形期間 frame).
 * `label` is the column's name in the editor and its default header.
 */
export const EXPORT_COLUMNS = {
  code: { kind: 'text', label: { ja: '従業員コード', en: 'Staff code' } },
  name: { kind: 'text', label: { ja: '名前', en: 'Name' } },
  office: { kind: 'text', label: { ja: '事業所', en: 'Office' } },
  periodFrom: { kind: 'date', label: { ja: '期間開始', en: 'Period start' } },
  periodTo: { kind: 'date', label: { ja: '期間終了', en: 'Period end' } },
  attendedDays: { kind: 'days', label: { ja: '出勤日数', en: 'Days worked' } },
  worked: { kind: 'minutes', label: { ja: '総労働時間', en: 'Hours worked' } },
  scheduledWithin: { kind: 'minutes', label: { ja: '所定内', en: 'Within schedule' } },
  statutoryWithinOvertime: {
    kind: 'minutes',
    label: { ja: '法定内残業', en: 'Overtime within legal hours' },
  },
  statutoryOvertime: { kind: 'minutes', label: { ja: '法定外残業', en: 'Statutory overtime' } },
  statutoryOvertimeUpTo60h: {
    kind: 'minutes',
    label: { ja: '法定外残業(60時間以下)', en: 'Statutory overtime (up to 60 h)' },
  },
  statutoryOvertimeOver60h: {
    kind: 'minutes',
    label: { ja: '法定外残業(60時間超)', en: 'Statutory overtime (over 60 h)' },
  },
  statutoryOvertimeInsideSchedule: {
    kind: 'minutes',
    label: { ja: '法定外残業(所定内に含む)', en: 'Statutory overtime inside the schedule' },
  },
  lateNight: { kind: 'minutes', label: { ja: '深夜', en: 'Late night' } },
  lateNightOnStatutoryOvertime: {
    kind: 'minutes',
    label: { ja: '深夜(法定外残業)', en: 'Late night on statutory overtime' },
  },
  lateNightOnStatutoryOvertimeOver60h: {
    kind: 'minutes',
    label: { ja: '深夜(法定外残業60時間超)', en: 'Late night on statutory overtime over 60 h' },
  },
  lateNightOnLegalHoliday: {
    kind: 'minutes',
    label: { ja: '深夜(法定休日)', en: 'Late night on legal holidays' },
  },
  legalHolidayWork: { kind: 'minutes', label: { ja: '法定休日', en: 'Legal holiday work' } },
  late: { kind: 'minutes', label: { ja: '遅刻', en: 'Late' } },
  earlyLeave: { kind: 'minutes', label: { ja: '早退', en: 'Early leave' } },
  privateOut: { kind: 'minutes', label: { ja: '中抜け', en: 'Private out' } },
  absenceDays: { kind: 'days', label: { ja: '欠勤日数', en: 'Days absent' } },
  paidLeaveDays: { kind: 'days', label: { ja: '有給日数', en: 'Paid leave days' } },
  incompleteDays: { kind: 'days', label: { ja: '未打刻日数', en: 'Days with missing punches' } },
  unapprovedOvertime: {
    kind: 'minutes',
    label: { ja: '未承認残業', en: 'Unapproved overtime' },
  },
  warnings: { kind: 'text', label: { ja: '警告', en: 'Warnings' } },
  variableFrameMinutes: {
    kind: 'minutes',
    label: { ja: '変形期間の法定枠', en: 'Legal frame of the variable period' },
  },
} as const satisfies Record<string, { kind: ColumnKind; label: Text }>;

export type ExportColumnKey = keyof typeof EXPORT_COLUMNS;
export const EXPORT_COLUMN_KEYS = Object.keys(EXPORT_COLUMNS) as [ExportColumnKey, ...ExportColumnKey[]];

/** The engine's minute totals, every one a column (the type fails to compile should one be missing). */
export const EXPORT_MINUTE_COLUMNS: readonly ExportColumnKey[] = MINUTE_TOTAL_FIELDS;

export const EXPORT_TIME_FORMATS = ['hmm', 'decimal', 'minutes'] as const;
export type ExportTimeFormat = (typeof EXPORT_TIME_FORMATS)[number];
export const EXPORT_ENCODINGS = ['shift_jis', 'utf-8'] as const;
export const EXPORT_LINE_ENDINGS = ['crlf', 'lf'] as const;
export const EXPORT_QUOTINGS = ['minimal', 'all'] as const;

/** The most columns a layout holds (every column once, plus room for repeats under other names). */
export const MAX_LAYOUT_COLUMNS = 60;
/** The most saved layouts a contract keeps. */
export const MAX_LAYOUTS_PER_CONTRACT = 50;

/**
 * Minutes as payroll software reads them:
 * - `hmm` (60進): `164:31`;
 * - `decimal` (10進): hours with two places, `164.52`, rounded half up to the hundredth of an hour
 *   from the exact minutes in integer arithmetic (9871 min = 164.5166… h → 164.52; 1 min = 0.02);
 *   a negative figure is rounded as its absolute value and signed (half away from zero);
 * - `minutes` (分): the whole minutes, `9871`.
 *
 * @example
 *   formatMinutesAs(9871, 'hmm') // '164:31'
 *   formatMinutesAs(9871, 'decimal') // '164.52'
 *   formatMinutesAs(-30, 'hmm') // '-0:30'
 */
export function formatMinutesAs(minutes: number, format: ExportTimeFormat): string {
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(minutes);
  if (format === 'minutes') return `${sign}${m}`;
  if (format === 'hmm') return `${sign}${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
  const hundredths = Math.floor((m * 100 + 30) / 60);
  return `${sign}${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

const HeaderSchema = textSchema({ message: 'export_layout_header_required' })
  .min(1, { message: 'export_layout_header_required' })
  .max(60, { message: 'text_too_long' });

export const ExportLayoutColumnSchema = z
  .object({
    key: z.enum(EXPORT_COLUMN_KEYS, { message: 'export_layout_column_unknown' }),
    header: HeaderSchema,
  })
  .strict();

/** A layout as an administrator saves it. */
export const ExportLayoutInputSchema = z
  .object({
    name: textSchema({ message: 'name_required' })
      .min(1, { message: 'name_required' })
      .max(40, { message: 'text_too_long' })
      // `?layout=` and `--layout` take an id or a name: a name of digits alone would read as an id.
      .refine((name) => !/^\d+$/.test(name), { message: 'export_layout_name_invalid' }),
    columns: z
      .array(ExportLayoutColumnSchema, { message: 'export_layout_empty' })
      .min(1, { message: 'export_layout_empty' })
      .max(MAX_LAYOUT_COLUMNS, { message: 'export_layout_too_many_columns' }),
    timeFormat: z.enum(EXPORT_TIME_FORMATS, { message: 'bad_request' }),
    encoding: z.enum(EXPORT_ENCODINGS, { message: 'bad_request' }),
    lineEnding: z.enum(EXPORT_LINE_ENDINGS, { message: 'bad_request' }),
    quoting: z.enum(EXPORT_QUOTINGS, { message: 'bad_request' }),
  })
  .strict()
  .superRefine((layout, ctx) => {
    if (!Array.isArray(layout.columns)) return;
    const seen = new Set<string>();
    layout.columns.forEach((column, index) => {
      if (typeof column?.header !== 'string') return;
      if (seen.has(column.header)) {
        ctx.addIssue({
          code: 'custom',
          message: 'export_layout_header_duplicate',
          path: ['columns', index, 'header'],
        });
      }
      seen.add(column.header);
    });
  });
export type ExportLayoutInput = z.output<typeof ExportLayoutInputSchema>;

/** Which saved layout a download uses: its id, or its name. */
export const ExportLayoutRefSchema = textSchema({ message: 'export_layout_not_found' })
  .min(1, { message: 'export_layout_not_found' })
  .max(40, { message: 'export_layout_not_found' });

/**
 * The built-in layout: the attendance CSV of issue 6, byte for byte (CRLF, quoting as needed; its
 * encoding and time format are the download's own choices).
 */
export const BUILTIN_LAYOUT_COLUMNS: readonly { key: ExportColumnKey; header: string }[] = [
  { key: 'code', header: 'スタッフコード' },
  { key: 'name', header: '名前' },
  { key: 'attendedDays', header: '出勤日数' },
  { key: 'worked', header: '総労働時間' },
  { key: 'scheduledWithin', header: '所定内' },
  { key: 'statutoryWithinOvertime', header: '法定内残業' },
  { key: 'statutoryOvertime', header: '法定外残業' },
  { key: 'statutoryOvertimeUpTo60h', header: '法定外残業(60時間以下)' },
  { key: 'statutoryOvertimeOver60h', header: '法定外残業(60時間超)' },
  { key: 'lateNight', header: '深夜' },
  { key: 'lateNightOnStatutoryOvertime', header: '深夜(法定外残業)' },
  { key: 'legalHolidayWork', header: '法定休日' },
  { key: 'lateNightOnLegalHoliday', header: '深夜(法定休日)' },
  { key: 'late', header: '遅刻' },
  { key: 'earlyLeave', header: '早退' },
  { key: 'privateOut', header: '中抜け' },
  { key: 'absenceDays', header: '欠勤日数' },
  { key: 'paidLeaveDays', header: '有給日数' },
  { key: 'incompleteDays', header: '未打刻日数' },
  { key: 'warnings', header: '警告' },
];
