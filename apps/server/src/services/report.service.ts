import { AppError, type ReportQuery, ReportQuerySchema } from '@timecard/domain';
import { withTenant } from '../db/database.ts';
import { type Actor, officesWithRight } from '../policies/actor.ts';
import { firstOffices, listPunchEvents, listReportStaff } from '../repositories/timecard.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { encodeCsvLines, figure, formatCsvRecord } from './csv-writer.ts';
import { leaveDaysOf, withLeave } from './leave-engine.ts';
import { shiftScheduleLayers } from './shift.service.ts';
import {
  attendedDays,
  countedEvents,
  explainEngine,
  type Figures,
  figuresOf,
  judgementFor,
  loadLaborContext,
  loadWindow,
  runEngine,
  settingsFor,
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
  warnings: string[];
  /** Under 1か月単位の変形労働時間制: the legal frame of the 変形期間(s) in the range (minutes). */
  variableFrameMinutes?: number;
}

/** A row as the API answers it: every figure of the engine (the CSV shows the columns above). */
export type SummaryRowAnswer = SummaryRow & Figures;

/**
 * 集計・出力: one row per person for a range, the same figures the タイムカード shows (the same
 * engine run over the same punches). Weeks that began before `from` count their earlier days.
 */
export async function attendanceSummary(
  ctx: AuthContext,
  contractId: string,
  query: ReportQuery,
  scope?: number[] | 'all',
): Promise<{ rows: SummaryRowAnswer[]; from: string; to: string }> {
  const q = parseOrThrow(ReportQuerySchema, query);
  return withTenant(ctx.db, contractId, async (trx) => {
    const context = await loadLaborContext(trx, contractId);
    const staff = await listReportStaff(trx, contractId, {
      ...(q.officeId !== undefined ? { officeId: q.officeId } : {}),
      ...(q.staffCode !== undefined ? { code: q.staffCode } : {}),
    });
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
    const punchRows = await listPunchEvents(
      trx,
      contractId,
      visible.map((s) => s.id),
      window.from,
      window.to,
    );
    const byStaff = new Map<number, typeof punchRows>();
    for (const row of punchRows) {
      const list = byStaff.get(row.staffId);
      if (list) list.push(row);
      else byStaff.set(row.staffId, [row]);
    }
    const shiftStaff = visible.filter((s) => s.workStyle === 'shift').map((s) => s.id);
    const shiftLayers = await shiftScheduleLayers(trx, contractId, shiftStaff, windowDates(window));
    const leaveDays = await leaveDaysOf(
      trx,
      contractId,
      visible.map((s) => s.id),
      windowDates(window),
    );
    const rows: SummaryRowAnswer[] = [];
    for (const person of visible) {
      // 休暇 (issue 17): 有給日数 and no 欠勤 on days of leave, a 半休 judged against the other half.
      const { settings, leaves } = withLeave(
        settingsFor(
          context,
          offices.get(person.id),
          person.workRules ? JSON.parse(person.workRules) : undefined,
          period,
          shiftLayers.get(person.id),
        ),
        leaveDays.get(person.id),
      );
      const { events } = countedEvents(
        byStaff.get(person.id) ?? [],
        context.timeZone,
        settings,
        shiftLayers.get(person.id),
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
        warnings: result.warnings,
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
    return { rows, from: q.from, to: q.to };
  });
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

/** The columns of the attendance CSV, in this order (issue 6). */
export const ATTENDANCE_CSV_HEADER = [
  'スタッフコード',
  '名前',
  '出勤日数',
  '総労働時間',
  '所定内',
  '法定内残業',
  '法定外残業',
  '法定外残業(60時間以下)',
  '法定外残業(60時間超)',
  '深夜',
  '深夜(法定外残業)',
  '法定休日',
  '深夜(法定休日)',
  '遅刻',
  '早退',
  '中抜け',
  '欠勤日数',
  '有給日数',
  '未打刻日数',
  '警告',
] as const;

/**
 * Minutes as payroll software reads them: `164:31`, or decimal hours with two places (`164.52`),
 * rounded half up from exact minutes in integer arithmetic (no floating point in totals).
 */
export function formatDuration(minutes: number, hours: 'decimal' | 'hmm'): string {
  const sign = minutes < 0 ? '-' : '';
  const m = Math.abs(minutes);
  if (hours === 'hmm') return `${sign}${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
  const hundredths = Math.floor((m * 100 + 30) / 60);
  return `${sign}${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

/**
 * The attendance CSV (CRLF; UTF-8 with a BOM, or Shift_JIS). Names and codes are text, made
 * formula-safe by the writer; counts are numbers and durations figures, written as they are.
 */
export function attendanceCsv(
  rows: SummaryRow[],
  options: { encoding: 'utf-8' | 'shift_jis'; hours: 'decimal' | 'hmm' },
) {
  const d = (m: number) => figure(formatDuration(m, options.hours));
  const lines = [formatCsvRecord(ATTENDANCE_CSV_HEADER)];
  for (const r of rows) {
    lines.push(
      formatCsvRecord([
        r.code,
        r.name,
        r.attendedDays,
        d(r.worked),
        d(r.scheduledWithin),
        d(r.statutoryWithinOvertime),
        d(r.statutoryOvertime),
        d(r.statutoryOvertimeUpTo60h),
        d(r.statutoryOvertimeOver60h),
        d(r.lateNight),
        d(r.lateNightOnStatutoryOvertime),
        d(r.legalHolidayWork),
        d(r.lateNightOnLegalHoliday),
        d(r.late),
        d(r.earlyLeave),
        d(r.privateOut),
        r.absenceDays,
        r.paidLeaveDays,
        r.incompleteDays,
        r.warnings.join(' '),
      ]),
    );
  }
  return encodeCsvLines(lines, options.encoding);
}
