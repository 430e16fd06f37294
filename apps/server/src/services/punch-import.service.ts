import { createHash } from 'node:crypto';
import {
  AppError,
  checkDaySequence,
  DateSchema,
  instantOfWall,
  type PunchType,
  sequenceIssueCode,
  shiftDate,
  wallMinuteOf,
  workDateOf,
} from '@timecard/domain';
import type { Tx } from '../db/database.ts';
import { withTenant } from '../db/database.ts';
import { type Actor, requireAdmin } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findContract } from '../repositories/contract.repository.ts';
import { findPunchesByKeys, insertPunches } from '../repositories/punch.repository.ts';
import { listLocks, listPunchRows, listReportStaff } from '../repositories/timecard.repository.ts';
import type { AuthContext } from './auth.service.ts';
import {
  breathe,
  type CsvEncoding,
  CsvProblemList,
  CsvRowsRejectedError,
  decodeCsv,
  foldCsvWord,
  isBlankRecord,
  mapCsvHeader,
  parseCsvInChunks,
} from './csv.ts';
import { dayBoundaryOf } from './punch.service.ts';
import { effectivePunches } from './timecard.service.ts';

type Column = 'code' | 'type' | 'at';

/**
 * The columns of a punch file, as a payroll clerk writes them and in English (issue 6: the
 * original `staff_code,type,at`). The first name is the one used in messages.
 */
export const PUNCH_CSV_COLUMNS: Record<Column, readonly string[]> = {
  code: ['スタッフコード', '従業員コード', 'staff_code'],
  type: ['種類', '打刻種別', 'type'],
  at: ['日時', '打刻日時', 'at'],
};
/** The English header of issue 6, still accepted as it was. */
export const PUNCH_CSV_HEADER = ['staff_code', 'type', 'at'] as const;

/** 出勤 / 退勤 / 休憩 / 復帰, the product's words, and the API's codes. */
const TYPE_NAMES: Record<string, PunchType> = {
  出勤: 'clock_in',
  退勤: 'clock_out',
  休憩: 'break_start',
  休憩開始: 'break_start',
  復帰: 'break_end',
  休憩終了: 'break_end',
  clock_in: 'clock_in',
  clock_out: 'clock_out',
  break_start: 'break_start',
  break_end: 'break_end',
};

/**
 * A date and time as people write it: `2026-11-02T09:00`, `2026-11-02 09:00` or Excel's
 * `2026/11/2 9:00` (seconds `:00` allowed), full-width digits too → `2026-11-02T09:00`, or null.
 */
export function parsePunchTime(value: string): string | null {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[T ](\d{1,2}):(\d{2})(?::00)?$/.exec(
    value.normalize('NFKC').trim(),
  );
  if (!match) return null;
  const [, y, mo, d, h, mi] = match as unknown as [string, string, string, string, string, string];
  const date = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  if (!DateSchema.safeParse(date).success || Number(h) > 23 || Number(mi) > 59) return null;
  return `${date}T${h.padStart(2, '0')}:${mi}`;
}

interface ParsedPunch {
  row: number;
  code: string;
  type: PunchType;
  at: string;
}

export interface PunchImportOptions {
  encoding?: CsvEncoding;
  actorAccountId?: number | null;
  actorStaffId?: number | null;
  /** Told as rows are checked (`done` of `total`), for a progress line or bar. */
  onProgress?: (done: number, total: number) => void;
}

const CHUNK = 2000;

/**
 * Imports history from a CSV (UTF-8 or Shift_JIS) with the same rules as every other way of
 * writing punches: every row is checked first and nothing is imported if any is rejected — an
 * unknown person or type, a malformed time, a day in a closed period (締め済), or a day whose
 * punches could not be one person's day (checkDaySequence, with what is already recorded). Punches
 * are recorded as they were (an open shift stays open), and a row's key is derived from its
 * content, so importing the same file twice records each punch once. Long files are checked in
 * chunks, letting other requests through.
 */
export async function importPunches(
  ctx: AuthContext,
  contractId: string,
  bytes: Uint8Array,
  options: PunchImportOptions = {},
): Promise<{ imported: number; skipped: number }> {
  const contract = await findContract(ctx.db, contractId);
  if (!contract) throw new AppError('contract_not_found', { contractId });
  const records = await parseCsvInChunks(decodeCsv(bytes, options.encoding));
  const columns = mapHeader(records[0]);
  const body = records.slice(1);
  if (!body.some((record) => !isBlankRecord(record))) throw new AppError('csv_no_rows');
  const heading = (column: Column) => columns.names[column];

  return withTenant(ctx.db, contractId, async (trx) => {
    const staff = await listReportStaff(trx, contractId, {});
    const byCode = new Map(staff.filter((s) => s.code).map((s) => [s.code!, s.id]));
    const problems = new CsvProblemList();
    const rows: ParsedPunch[] = [];
    for (let start = 0; start < body.length; start += CHUNK) {
      body.slice(start, start + CHUNK).forEach((record, i) => {
        const row = start + i + 2;
        if (isBlankRecord(record)) return;
        const code = (record[columns.index.code] ?? '').normalize('NFKC').trim();
        const type = TYPE_NAMES[foldCsvWord(record[columns.index.type] ?? '')];
        const at = parsePunchTime(record[columns.index.at] ?? '');
        if (!byCode.has(code)) problems.add({ row, field: heading('code'), code: 'staff_not_found' });
        if (!type) problems.add({ row, field: heading('type'), code: 'punch_type_name_invalid' });
        if (!at) problems.add({ row, field: heading('at'), code: 'punch_at_invalid' });
        if (type && at && byCode.has(code)) rows.push({ row, code, type, at });
      });
      options.onProgress?.(Math.min(start + CHUNK, body.length), body.length);
      await breathe();
    }
    problems.throwIfAny();

    const boundary = dayBoundaryOf(contract.settings);
    const punches = rows.map((punch) => {
      const instant = instantOfWall(punch.at, contract.timeZone);
      const key = createHash('sha256')
        .update(`${contractId}|${punch.code}|${punch.type}|${punch.at}`)
        .digest('hex');
      return {
        row: punch.row,
        at: punch.at,
        staffId: byCode.get(punch.code)!,
        officeId: null,
        type: punch.type,
        punchedAt: instant,
        deviceAt: null,
        workDate: workDateOf(instant, contract.timeZone, boundary),
        source: 'import' as const,
        idempotencyKey: `import:${key}`,
        terminalId: null,
        actorAccountId: options.actorAccountId ?? null,
        flags: {},
      };
    });
    // Rows imported before (the same file again) are recorded already: they are not new.
    const known = new Set<string>();
    for (let i = 0; i < punches.length; i += 500) {
      const keys = punches.slice(i, i + 500).map((p) => p.idempotencyKey);
      for (const found of await findPunchesByKeys(trx, contractId, keys)) known.add(found.idempotencyKey);
    }
    const fresh = punches.filter((p) => !known.has(p.idempotencyKey));
    await checkClosedPeriods(trx, contractId, fresh, heading('at'), problems);
    problems.throwIfAny();
    await checkDays(
      trx,
      contractId,
      fresh,
      { timeZone: contract.timeZone, boundary },
      heading('at'),
      problems,
    );
    problems.throwIfAny();

    let imported = 0;
    // In batches: one statement per 500 rows instead of one round trip per punch.
    for (let i = 0; i < fresh.length; i += 500) {
      imported += await insertPunches(
        trx,
        contractId,
        fresh.slice(i, i + 500).map(({ row: _row, at: _at, ...punch }) => punch),
      );
    }
    await appendAudit(trx, contractId, {
      action: 'punch.import',
      actorAccountId: options.actorAccountId ?? null,
      actorStaffId: options.actorStaffId ?? null,
      details: { rows: rows.length, imported },
    });
    return { imported, skipped: rows.length - imported };
  });
}

/** Column index and header as written, for each column; every column is required. */
function mapHeader(header: string[] | undefined) {
  const { index, names } = mapCsvHeader(
    header,
    PUNCH_CSV_COLUMNS,
    Object.keys(PUNCH_CSV_COLUMNS) as Column[],
  );
  return { index: index as Record<Column, number>, names: names as Record<Column, string> };
}

type FreshPunch = { row: number; at: string; staffId: number; type: PunchType; workDate: string };

/** A punch of a closed period (締め済) is refused like a correction there: unlock first. */
async function checkClosedPeriods(
  trx: Tx,
  contractId: string,
  fresh: FreshPunch[],
  field: string,
  problems: CsvProblemList,
) {
  const locks = await listLocks(trx, contractId);
  if (locks.length === 0) return;
  for (const punch of fresh) {
    const lock = locks.find((l) => l.periodFrom <= punch.workDate && punch.workDate <= l.periodTo);
    if (lock)
      problems.add({
        row: punch.row,
        field,
        code: 'period_locked',
        params: { from: lock.periodFrom, to: lock.periodTo },
      });
  }
}

/**
 * Each day that gets new punches must still be a possible day with what is recorded for it
 * (checkDaySequence, the rule of corrections). A break is reported on the file's row that breaks
 * the day, or on the day's first new row when a recorded punch is where it breaks.
 */
async function checkDays(
  trx: Tx,
  contractId: string,
  fresh: FreshPunch[],
  zone: { timeZone: string; boundary: string },
  field: string,
  problems: CsvProblemList,
) {
  if (fresh.length === 0) return;
  const staffIds = [...new Set(fresh.map((p) => p.staffId))];
  const dates = fresh.map((p) => p.workDate).sort();
  const from = new Date(`${shiftDate(dates[0]!, -2)}T00:00:00Z`);
  const to = new Date(`${shiftDate(dates.at(-1)!, 3)}T00:00:00Z`);
  const recorded = effectivePunches(await listPunchRows(trx, contractId, staffIds, from, to));
  type DayPunch = { type: PunchType; at: string; row: number | null; ms: number };
  const days = new Map<string, DayPunch[]>();
  const push = (staffId: number, workDate: string, punch: DayPunch) => {
    const key = `${staffId}|${workDate}`;
    const list = days.get(key);
    if (list) list.push(punch);
    else days.set(key, [punch]);
  };
  for (const r of recorded) {
    push(r.staffId, workDateOf(r.punchedAt, zone.timeZone, zone.boundary), {
      type: r.type,
      at: wallMinuteOf(r.punchedAt, zone.timeZone),
      row: null,
      ms: r.punchedAt.getTime(),
    });
  }
  const touched = new Set<string>();
  for (const p of fresh) {
    push(p.staffId, p.workDate, { type: p.type, at: p.at, row: p.row, ms: Date.parse(`${p.at}:00Z`) });
    touched.add(`${p.staffId}|${p.workDate}`);
  }
  for (const key of touched) {
    const [staffId, date] = key.split('|') as [string, string];
    const day = days.get(key)!.sort((a, b) => a.at.localeCompare(b.at));
    const before = days.get(`${staffId}|${shiftDate(date, -1)}`);
    const lastBefore = before
      ?.slice()
      .sort((a, b) => a.at.localeCompare(b.at))
      .at(-1);
    const issue = checkDaySequence(day, {
      date,
      dayBoundary: zone.boundary,
      openAtStart: lastBefore !== undefined && lastBefore.type !== 'clock_out',
    });
    if (!issue) continue;
    const row = day[issue.index]!.row ?? day.find((p) => p.row !== null)!.row!;
    problems.add({ row, field, code: sequenceIssueCode(issue) });
  }
}

/** The 管理画面's upload of the same file: administrators only; rejected rows come back as fields. */
export async function importPunchesCsv(ctx: AuthContext, actor: Actor, body: unknown) {
  requireAdmin(actor);
  if (!(body instanceof Uint8Array)) throw new AppError('bad_request');
  try {
    return await importPunches(ctx, actor.contractId, body, {
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
    });
  } catch (error) {
    throw csvRejectionAsFields(error);
  }
}

/** A rejected file as the API answers it: the report's problems as `row<N>.<column>` fields. */
export function csvRejectionAsFields(error: unknown): unknown {
  if (!(error instanceof CsvRowsRejectedError)) return error;
  return new AppError(
    error.code,
    error.params,
    Object.fromEntries(error.problems.map((p) => [`row${p.row}.${p.field}`, p.code])),
    Object.fromEntries(
      error.problems.flatMap((p) => (p.params ? [[`row${p.row}.${p.field}`, p.params]] : [])),
    ),
  );
}
