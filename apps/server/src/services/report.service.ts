import {
  AppError,
  BUILTIN_LAYOUT_COLUMNS,
  type ExportColumnKey,
  type ExportTimeFormat,
  formatMinutesAs,
  type ReportQuery,
  ReportQuerySchema,
} from '@timecard/domain';
import { type Tx, withTenant } from '../db/database.ts';
import { type Actor, officesWithRight } from '../policies/actor.ts';
import {
  firstOffices,
  listReportPunches,
  listReportStaff,
  type StaffCursor,
} from '../repositories/timecard.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { type CsvCell, type CsvQuoting, encodeCsvLines, figure, formatCsvRecord } from './csv-writer.ts';
import { leaveDaysOf, withLeave } from './leave-engine.ts';
import { shiftScheduleLayers } from './shift.service.ts';
import {
  attendedDays,
  countedReportEvents,
  explainEngine,
  type Figures,
  figuresOf,
  judgementFor,
  loadLaborContext,
  loadWindow,
  type MinuteField,
  overtimeApprovalsOf,
  runEngine,
  settingsFor,
  unapprovedMinutes,
  windowDates,
} from './timecard.service.ts';
import { parseOrThrow } from './validation.ts';

export { type ReportQuery, ReportQuerySchema };

/** One row of 集計・出力 (per person), all durations in minutes. */
export interface SummaryRow {
  staffId: number;
  code: string | null;
  name: string;
  attendedDays: number;
  worked: number;
  scheduledWithin: number;
  statutoryWithinOvertime: number;
  statutoryOvertime: number;
  statutoryOvertimeUpTo60h: number;
  statutoryOvertimeOver60h: number;
  lateNight: number;
  lateNightOnStatutoryOvertime: number;
  legalHolidayWork: number;
  lateNightOnLegalHoliday: number;
  late: number;
  earlyLeave: number;
  privateOut: number;
  absenceDays: number;
  paidLeaveDays: number;
  incompleteDays: number;
  /** 未承認残業 (残業は承認制): minutes past the limit, not in the figures. */
  unapprovedOvertime: number;
  warnings: string[];
  /** Under 1か月単位の変形労働時間制: the legal frame of the 変形期間(s) in the range (minutes). */
  variableFrameMinutes?: number;
  /** The person's first office (whose 勤務ルール apply), for the CSV's 事業所 column; not in the JSON. */
  officeId?: number;
}

/** A row as the API answers it: every figure of the engine (the CSV shows the columns above). */
export type SummaryRowAnswer = SummaryRow & Figures;

/** People per page of the report: one punch query and one engine run over each page. */
export const REPORT_PAGE_SIZE = 1000;

type ParsedReportQuery = ReturnType<typeof parseReportQuery>;
function parseReportQuery(query: ReportQuery) {
  return parseOrThrow(ReportQuerySchema, query);
}

/**
 * 集計・出力: one row per person for a range, the same figures the タイムカード shows (the same
 * engine run over the same punches). Weeks that began before `from` count their earlier days.
 * Read in pages of people within one transaction (one snapshot), so that memory follows a page.
 */
export async function attendanceSummary(
  ctx: AuthContext,
  contractId: string,
  query: ReportQuery,
  scope?: number[] | 'all',
): Promise<{ rows: SummaryRowAnswer[]; from: string; to: string }> {
  const q = parseReportQuery(query);
  return withTenant(ctx.db, contractId, async (trx) => {
    const rows: SummaryRowAnswer[] = [];
    let after: StaffCursor | undefined;
    do {
      const page = await summaryPage(ctx, trx, contractId, q, scope, after, REPORT_PAGE_SIZE);
      rows.push(...page.rows);
      after = page.next;
    } while (after);
    return { rows, from: q.from, to: q.to };
  });
}

/**
 * The same rows as attendanceSummary, a page of people at a time, each page in its own
 * transaction: for the CSV download, which streams them (a contract of 10,000 people, issue 21)
 * and must not hold a connection (PGlite has one) while a slow client reads. The query is checked
 * before the first page is asked for. The first page is smaller, so that the first byte is soon.
 */
export function attendanceSummaryPages(
  ctx: AuthContext,
  contractId: string,
  query: ReportQuery,
  scope?: number[] | 'all',
  // Pages of 500 after the first: with 1,000 the server's memory grew by up to 320 MiB over a
  // 10,000-person file, with 500 by up to 260 MiB (bench:timecard STAFF=10000, ADR 027).
  sizes: { first: number; rest: number } = { first: 250, rest: 500 },
): { from: string; to: string; pages: AsyncGenerator<SummaryRowAnswer[]> } {
  const q = parseReportQuery(query);
  async function* pages() {
    let after: StaffCursor | undefined;
    let limit = sizes.first;
    do {
      const page = await withTenant(ctx.db, contractId, (trx) =>
        summaryPage(ctx, trx, contractId, q, scope, after, limit),
      );
      if (page.rows.length > 0) yield page.rows;
      after = page.next;
      limit = sizes.rest;
    } while (after);
  }
  return { from: q.from, to: q.to, pages: pages() };
}

/** One page of the summary: the people after `after` in the report's order, at most `limit`. */
async function summaryPage(
  ctx: AuthContext,
  trx: Tx,
  contractId: string,
  q: ParsedReportQuery,
  scope: number[] | 'all' | undefined,
  after: StaffCursor | undefined,
  limit: number,
): Promise<{ rows: SummaryRowAnswer[]; next?: StaffCursor }> {
  const context = await loadLaborContext(trx, contractId);
  const staff = await listReportStaff(
    trx,
    contractId,
    {
      ...(q.officeId !== undefined ? { officeId: q.officeId } : {}),
      ...(q.staffCode !== undefined ? { code: q.staffCode } : {}),
    },
    { ...(after ? { after } : {}), limit },
  );
  const last = staff.at(-1);
  const next = staff.length === limit && last ? { code: last.code ?? '', id: last.id } : undefined;
  const offices = await firstOffices(
    trx,
    contractId,
    staff.map((s) => s.id),
  );
  const visible = staff.filter(
    (s) => scope === undefined || scope === 'all' || scope.includes(offices.get(s.id) ?? -1),
  );
  const period = { from: q.from, to: q.to };
  const window = loadWindow(period);
  const punches = await listReportPunches(
    trx,
    contractId,
    visible.map((s) => s.id),
    window.from,
    window.to,
  );
  const shiftStaff = visible.filter((s) => s.workStyle === 'shift').map((s) => s.id);
  const shiftLayers = await shiftScheduleLayers(trx, contractId, shiftStaff, windowDates(window));
  const leaveDays = await leaveDaysOf(
    trx,
    contractId,
    visible.map((s) => s.id),
    windowDates(window),
  );
  // 残業は承認制 (ADR 025): the same cut as the タイムカード, so that both show the same figures.
  const approvals = await overtimeApprovalsOf(
    trx,
    contractId,
    visible.map((s) => s.id),
    windowDates(window),
  );
  const rows: SummaryRowAnswer[] = [];
  // People of one office with the same 勤務ルール (and no シフト) share one settings object, so
  // that it is merged and compiled once, not per person (issue 21). Nothing mutates it.
  const shared = new Map<string, ReturnType<typeof settingsFor>>();
  const settingsOf = (person: (typeof visible)[number]) => {
    const shift = shiftLayers.get(person.id);
    const officeId = offices.get(person.id);
    const make = () =>
      settingsFor(
        context,
        officeId,
        person.workRules ? JSON.parse(person.workRules) : undefined,
        period,
        shift,
      );
    if (shift) return make();
    const key = `${officeId ?? ''}|${person.workRules ?? ''}`;
    let settings = shared.get(key);
    if (!settings) {
      settings = make();
      shared.set(key, settings);
    }
    return settings;
  };
  for (const person of visible) {
    // 休暇 (issue 17): 有給日数 and no 欠勤 on days of leave, a 半休 judged against the other half.
    const { settings, leaves } = withLeave(settingsOf(person), leaveDays.get(person.id));
    const { events, unapproved } = countedReportEvents(
      punches.get(person.id),
      context.timeZone,
      settings,
      shiftLayers.get(person.id),
      approvals ? (approvals.get(person.id) ?? []) : null,
    );
    const judgement = judgementFor(ctx, person, events, context.timeZone, settings.dayBoundary);
    const result = runEngine(settings, period, events, judgement, leaves);
    const figures = figuresOf(result);
    rows.push({
      staffId: person.id,
      code: person.code,
      name: person.name,
      attendedDays: attendedDays(events, result, period),
      ...figures,
      incompleteDays: result.incomplete.length,
      unapprovedOvertime: unapprovedMinutes(unapproved, period),
      warnings: result.warnings,
      ...(offices.has(person.id) ? { officeId: offices.get(person.id)! } : {}),
      ...(settings.variableWorkingHours
        ? {
            variableFrameMinutes: explainEngine(
              settings,
              period,
              events,
              judgement,
              leaves,
            ).variablePeriods.reduce((sum, p) => sum + p.frameMinutes, 0),
          }
        : {}),
    });
  }
  return { rows, ...(next ? { next } : {}) };
}

/** 集計・出力 in the 管理画面: administrators, or 実績 閲覧 on the offices shown. */
export async function attendanceSummaryForActor(ctx: AuthContext, actor: Actor, query: ReportQuery) {
  const scope = officesWithRight(actor, 'attendance', 'view');
  if (scope !== 'all' && scope.length === 0) throw new AppError('forbidden');
  if (scope !== 'all' && query.officeId !== undefined && !scope.includes(Number(query.officeId))) {
    throw new AppError('forbidden');
  }
  return attendanceSummary(ctx, actor.contractId, query, scope);
}

// ───────────────────────────── CSV ─────────────────────────────

/** The columns of the attendance CSV, in this order (issue 6): the built-in 出力レイアウト. */
export const ATTENDANCE_CSV_HEADER = BUILTIN_LAYOUT_COLUMNS.map((c) => c.header);

/**
 * Minutes as payroll software reads them: `164:31`, or decimal hours with two places (`164.52`),
 * rounded half up from exact minutes in integer arithmetic (no floating point in totals).
 */
export function formatDuration(minutes: number, hours: 'decimal' | 'hmm'): string {
  return formatMinutesAs(minutes, hours);
}

/** The form of an attendance CSV file: its columns and how it is written. */
export interface CsvLayout {
  columns: readonly { key: ExportColumnKey; header: string }[];
  timeFormat: ExportTimeFormat;
  encoding: 'utf-8' | 'shift_jis';
  lineEnding: 'crlf' | 'lf';
  quoting: CsvQuoting;
}

/** What a row does not carry itself: the range and the offices' names. */
export interface CsvContext {
  from: string;
  to: string;
  officeNames?: ReadonlyMap<number, string>;
}

/**
 * One cell of a column. Names, codes, offices and warnings are text (made formula-safe by the
 * writer); counts are numbers; durations and dates are the product's figures, written as they are.
 */
function layoutCell(
  row: SummaryRow,
  key: ExportColumnKey,
  format: ExportTimeFormat,
  context: CsvContext,
): CsvCell {
  const duration = (minutes: number | undefined) => {
    if (minutes === undefined) return null;
    return format === 'minutes' ? minutes : figure(formatMinutesAs(minutes, format));
  };
  switch (key) {
    case 'code':
      return row.code;
    case 'name':
      return row.name;
    case 'office':
      return row.officeId === undefined ? null : (context.officeNames?.get(row.officeId) ?? null);
    case 'periodFrom':
      return figure(context.from);
    case 'periodTo':
      return figure(context.to);
    case 'attendedDays':
    case 'absenceDays':
    case 'paidLeaveDays':
    case 'incompleteDays':
      return row[key];
    case 'warnings':
      return row.warnings.join(' ');
    case 'variableFrameMinutes':
      return duration(row.variableFrameMinutes);
    case 'unapprovedOvertime':
      return duration(row.unapprovedOvertime);
    default:
      return duration((row as SummaryRow & Record<MinuteField, number>)[key]);
  }
}

/**
 * The attendance CSV in a layout: a header line of the layout's names (text a person typed, so
 * made formula-safe like any name), then a record per person. The same bytes as its parts
 * `layoutCsvHead` and `layoutCsvRows` joined (what the streamed download sends).
 */
export function layoutCsv(rows: readonly SummaryRow[], layout: CsvLayout, context: CsvContext): Buffer {
  return Buffer.concat([layoutCsvHead(layout), layoutCsvRows(rows, layout, context)]);
}

/** The start of a layout's file: the BOM (UTF-8) and the header line. */
export function layoutCsvHead(layout: CsvLayout): Buffer {
  return encodeCsvLines(
    [
      formatCsvRecord(
        layout.columns.map((c) => c.header),
        layout.quoting,
      ),
    ],
    layout.encoding,
    layout.lineEnding,
  );
}

/** The records of some people in a layout, to follow `layoutCsvHead` (no BOM). */
export function layoutCsvRows(rows: readonly SummaryRow[], layout: CsvLayout, context: CsvContext): Buffer {
  return encodeCsvLines(
    rows.map((row) =>
      formatCsvRecord(
        layout.columns.map((c) => layoutCell(row, c.key, layout.timeFormat, context)),
        layout.quoting,
      ),
    ),
    layout.encoding,
    layout.lineEnding,
    { bom: false },
  );
}

/** The header line of a layout as the file has it (before encoding), for the editor's preview. */
export function layoutHeaderLine(layout: Pick<CsvLayout, 'columns' | 'quoting'>): string {
  return formatCsvRecord(
    layout.columns.map((c) => c.header),
    layout.quoting,
  );
}

/**
 * The attendance CSV of issue 6, the built-in layout (CRLF; UTF-8 with a BOM, or Shift_JIS). Names
 * and codes are text, made formula-safe by the writer; counts are numbers and durations figures.
 */
export function attendanceCsv(
  rows: SummaryRow[],
  options: { encoding: 'utf-8' | 'shift_jis'; hours: 'decimal' | 'hmm' },
) {
  // The built-in columns need no range or office.
  return layoutCsv(rows, builtinCsvLayout(options), { from: '', to: '' });
}

/** The built-in layout (issue 6) for a download's `encoding` and `hours`. */
export function builtinCsvLayout(options: {
  encoding: 'utf-8' | 'shift_jis';
  hours: 'decimal' | 'hmm';
}): CsvLayout {
  return {
    columns: BUILTIN_LAYOUT_COLUMNS,
    timeFormat: options.hours,
    encoding: options.encoding,
    lineEnding: 'crlf',
    quoting: 'minimal',
  };
}
