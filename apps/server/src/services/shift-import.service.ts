import { AppError, DateSchema, scheduleProblem } from '@timecard/domain';
import { type Tx, withTenant } from '../db/database.ts';
import { type Actor, hasRight } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  listShifts,
  publishShifts,
  type ShiftDraft,
  upsertShiftDrafts,
} from '../repositories/shift.repository.ts';
import { listOfficeRoles, listOfficeStaff } from '../repositories/staff.repository.ts';
import { listLocks, listReportStaff } from '../repositories/timecard.repository.ts';
import type { AuthContext } from './auth.service.ts';
import {
  type CsvEncoding,
  CsvProblemList,
  decodeCsv,
  isBlankRecord,
  mapCsvHeader,
  parseCsvInChunks,
} from './csv.ts';
import { presentShift } from './shift.service.ts';

type Column = 'code' | 'date' | 'start' | 'end' | 'breaks';

/** The shift file of issue 15, with the Japanese headers a planner writes as well. */
export const SHIFT_CSV_COLUMNS: Record<Column, readonly string[]> = {
  code: ['スタッフコード', '従業員コード', 'staff_code'],
  date: ['日付', 'date'],
  start: ['開始', '開始時刻', 'start'],
  end: ['終了', '終了時刻', 'end'],
  breaks: ['休憩', 'breaks'],
};
export const SHIFT_CSV_HEADER = ['staff_code', 'date', 'start', 'end', 'breaks'] as const;

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const pad = (time: string) => time.padStart(5, '0');

/** `12:00-13:00;15:00-15:15` (also 〜 and full-width digits) → [["12:00","13:00"], …], or null. */
export function parseBreaks(value: string): [string, string][] | null {
  const text = value.normalize('NFKC').trim();
  if (text === '') return [];
  const pairs: [string, string][] = [];
  for (const part of text.split(/[;；]/)) {
    const [s, e, extra] = part.split(/[-〜~]/).map((x) => x.trim());
    if (!s || !e || extra !== undefined || !TIME.test(s) || !TIME.test(e)) return null;
    pairs.push([pad(s), pad(e)]);
  }
  return pairs;
}

/** Column index and header as written; 休憩 may be left out. */
function mapHeader(header: string[] | undefined) {
  const { index, names } = mapCsvHeader<Column>(header, SHIFT_CSV_COLUMNS, ['code', 'date', 'start', 'end']);
  return { index, names: names as Record<Column, string> };
}

export interface ShiftImportOptions {
  encoding?: CsvEncoding;
  /** The office the shifts belong to; by default each person's first office. */
  officeId?: number;
  actor?: Actor;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Imports shifts (issue 15): `staff_code,date,start,end,breaks` (or スタッフコード,日付,開始,終了,休憩),
 * an `end` at or before `start` on the next day, `breaks` like `12:00-13:00;15:00-15:15`, empty
 * `start` and `end` a 休み. Every row is checked first and nothing is written if one is rejected;
 * imported shifts are published at once, and importing the same file again changes nothing.
 */
export async function importShifts(
  ctx: AuthContext,
  contractId: string,
  bytes: Uint8Array,
  options: ShiftImportOptions = {},
) {
  const records = await parseCsvInChunks(decodeCsv(bytes, options.encoding));
  const { index, names } = mapHeader(records[0]);
  const body = records.slice(1);
  if (!body.some((r) => !isBlankRecord(r))) throw new AppError('csv_no_rows');
  return withTenant(ctx.db, contractId, async (trx) => {
    const staff = await listReportStaff(trx, contractId, {});
    const byCode = new Map(staff.filter((s) => s.code).map((s) => [s.code!, s.id]));
    const problems = new CsvProblemList();
    const drafts: (ShiftDraft & { row: number })[] = [];
    const seen = new Map<string, number>();
    body.forEach((record, i) => {
      const row = i + 2;
      if (isBlankRecord(record)) return;
      const value = (column: Column) =>
        index[column] === undefined ? '' : (record[index[column]!] ?? '').normalize('NFKC').trim();
      const code = value('code');
      const date = value('date').replaceAll('/', '-');
      const start = value('start');
      const end = value('end');
      const breaks = parseBreaks(value('breaks'));
      const staffId = byCode.get(code);
      if (staffId === undefined) problems.add({ row, field: names.code, code: 'staff_not_found' });
      if (!DateSchema.safeParse(date).success) problems.add({ row, field: names.date, code: 'date_invalid' });
      const off = start === '' && end === '';
      if (!off && (!TIME.test(start) || !TIME.test(end))) {
        problems.add({ row, field: TIME.test(start) ? names.end : names.start, code: 'time_invalid' });
      }
      if (breaks === null) problems.add({ row, field: names.breaks ?? 'breaks', code: 'time_invalid' });
      else if (
        !off &&
        TIME.test(start) &&
        TIME.test(end) &&
        scheduleProblem(
          pad(start),
          pad(end),
          breaks.map(([s, e]) => ({ start: s, end: e })),
        )
      ) {
        problems.add({ row, field: names.breaks ?? 'breaks', code: 'shift_break_outside' });
      }
      const key = `${code}|${date}`;
      const earlier = seen.get(key);
      if (earlier)
        problems.add({ row, field: names.date, code: 'duplicate_in_file_shift', params: { row: earlier } });
      else seen.set(key, row);
      if (problems.hasRow(row) || staffId === undefined) return;
      drafts.push({
        row,
        staffId,
        workDate: date,
        officeId: 0,
        patternId: null,
        isOff: off,
        startTime: off ? null : pad(start),
        endTime: off ? null : pad(end),
        breaks: off ? [] : (breaks ?? []),
        deleted: false,
      });
    });
    problems.throwIfAny();
    await assignOffices(trx, contractId, drafts, options, names.code, problems);
    const locks = await listLocks(trx, contractId);
    for (const d of drafts) {
      const lock = locks.find((l) => l.periodFrom <= d.workDate && d.workDate <= l.periodTo);
      if (lock)
        problems.add({
          row: d.row,
          field: names.date,
          code: 'period_locked',
          params: { from: lock.periodFrom, to: lock.periodTo },
        });
    }
    problems.throwIfAny();

    await upsertShiftDrafts(
      trx,
      contractId,
      drafts.map(({ row: _row, ...d }) => d),
      options.actor?.accountId ?? null,
    );
    let published = 0;
    for (const officeId of new Set(drafts.map((d) => d.officeId))) {
      const dates = drafts
        .filter((d) => d.officeId === officeId)
        .map((d) => d.workDate)
        .sort();
      published += (await publishShifts(trx, contractId, officeId, dates[0]!, dates.at(-1)!)).length;
    }
    await appendAudit(trx, contractId, {
      action: 'shift.import',
      actorAccountId: options.actor?.accountId ?? null,
      actorStaffId: options.actor?.staffId ?? null,
      details: { rows: drafts.length, published },
    });
    return { imported: drafts.length, changed: published };
  });
}

/** Each shift's office: the one given (the person must belong to it), else their first office. */
async function assignOffices(
  trx: Tx,
  contractId: string,
  drafts: (ShiftDraft & { row: number })[],
  options: ShiftImportOptions,
  field: string,
  problems: CsvProblemList,
) {
  const roles = await listOfficeRoles(trx, contractId, [...new Set(drafts.map((d) => d.staffId))]);
  for (const d of drafts) {
    const offices = roles.filter((r) => r.staffId === d.staffId).map((r) => r.officeId);
    const officeId = options.officeId ?? offices[0];
    if (officeId === undefined || !offices.includes(officeId)) {
      problems.add({ row: d.row, field, code: 'shift_staff_not_in_office' });
      continue;
    }
    d.officeId = officeId;
  }
}

/** The 管理画面's upload: シフト予定 編集 on the office. */
export async function importShiftsCsv(ctx: AuthContext, actor: Actor, officeId: number, body: unknown) {
  if (!hasRight(actor, 'shiftPlan', 'edit', officeId)) throw new AppError('forbidden');
  if (!(body instanceof Uint8Array)) throw new AppError('bad_request');
  return importShifts(ctx, actor.contractId, body, { officeId, actor });
}

/** The published shifts of an office for a period, in the import format (what `shift import` reads). */
export async function exportShiftsCsv(
  ctx: AuthContext,
  actor: Actor,
  officeId: number,
  period: { from: string; to: string },
) {
  if (!hasRight(actor, 'shiftPlan', 'view', officeId)) throw new AppError('office_not_found');
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const staff = await listOfficeStaff(trx, actor.contractId, officeId);
    const codes = new Map(staff.map((s) => [s.id, s.code ?? '']));
    const rows = (
      await listShifts(trx, actor.contractId, { officeId, from: period.from, to: period.to })
    ).map(presentShift);
    return [
      [...SHIFT_CSV_HEADER],
      ...rows
        .filter((r) => r.published && codes.has(r.staffId))
        .map((r) => [
          codes.get(r.staffId)!,
          r.date,
          r.published!.off ? '' : (r.published!.start ?? ''),
          r.published!.off ? '' : (r.published!.end ?? ''),
          r.published!.breaks.map(([s, e]) => `${s}-${e}`).join(';'),
        ]),
    ];
  });
}
