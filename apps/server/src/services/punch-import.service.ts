import { createHash } from 'node:crypto';
import {
  AppError,
  DateSchema,
  instantOfWall,
  PUNCH_TYPES,
  type PunchType,
  workDateOf,
} from '@timecard/domain';
import { withTenant } from '../db/database.ts';
import { type Actor, requireAdmin } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findContract } from '../repositories/contract.repository.ts';
import { insertPunches } from '../repositories/punch.repository.ts';
import { listReportStaff } from '../repositories/timecard.repository.ts';
import type { AuthContext } from './auth.service.ts';
import {
  type CsvEncoding,
  type CsvRowProblem,
  CsvRowsRejectedError,
  decodeCsv,
  isBlankRecord,
  parseCsv,
} from './csv.ts';
import { dayBoundaryOf } from './punch.service.ts';

/** The header of a punch import file (issue 6): staff_code,type,at — `at` as YYYY-MM-DDTHH:mm. */
export const PUNCH_CSV_HEADER = ['staff_code', 'type', 'at'] as const;

interface ParsedPunch {
  row: number;
  code: string;
  type: PunchType;
  at: string;
}

/**
 * Imports history from a CSV (UTF-8 or Shift_JIS): every row is checked first and nothing is
 * imported if any is rejected. Punches are recorded as they were — an open shift stays open and the
 * engine classifies it — and a row's key is derived from its content, so importing the same file
 * twice records each punch once.
 */
export async function importPunches(
  ctx: AuthContext,
  contractId: string,
  bytes: Uint8Array,
  options: { encoding?: CsvEncoding; actorAccountId?: number | null; actorStaffId?: number | null } = {},
): Promise<{ imported: number; skipped: number }> {
  const contract = await findContract(ctx.db, contractId);
  if (!contract) throw new AppError('contract_not_found', { contractId });
  const records = parseCsv(decodeCsv(bytes, options.encoding)).filter((r) => !isBlankRecord(r));
  const header = records[0]?.map((h) => h.trim().toLowerCase());
  if (!header) throw new AppError('csv_header_missing');
  const unknown = header.filter((h) => !(PUNCH_CSV_HEADER as readonly string[]).includes(h));
  if (unknown.length > 0) {
    throw new AppError('csv_unknown_columns', {
      columns: unknown.join(', '),
      known: PUNCH_CSV_HEADER.join(', '),
    });
  }
  for (const column of PUNCH_CSV_HEADER) {
    if (!header.includes(column)) throw new AppError('csv_missing_column', { column });
  }
  if (records.length < 2) throw new AppError('csv_no_rows');
  const index = Object.fromEntries(PUNCH_CSV_HEADER.map((c) => [c, header.indexOf(c)])) as Record<
    string,
    number
  >;

  return withTenant(ctx.db, contractId, async (trx) => {
    const staff = await listReportStaff(trx, contractId, {});
    const byCode = new Map(staff.filter((s) => s.code).map((s) => [s.code!, s.id]));
    const problems: CsvRowProblem[] = [];
    const rows: ParsedPunch[] = [];
    records.slice(1).forEach((record, i) => {
      const row = i + 2;
      const code = (record[index.staff_code!] ?? '').trim();
      const type = (record[index.type!] ?? '').trim();
      const at = (record[index.at!] ?? '').trim();
      let ok = true;
      if (!byCode.has(code)) {
        problems.push({ row, field: 'staff_code', code: 'staff_not_found' });
        ok = false;
      }
      if (!(PUNCH_TYPES as readonly string[]).includes(type)) {
        problems.push({ row, field: 'type', code: 'punch_type_invalid' });
        ok = false;
      }
      if (
        !/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/.test(at) ||
        !DateSchema.safeParse(at.slice(0, 10)).success
      ) {
        problems.push({ row, field: 'at', code: 'date_invalid' });
        ok = false;
      }
      if (ok) rows.push({ row, code, type: type as PunchType, at });
    });
    if (problems.length > 0) throw new CsvRowsRejectedError(problems);

    const boundary = dayBoundaryOf(contract.settings);
    const punches = rows.map((punch) => {
      const instant = instantOfWall(punch.at, contract.timeZone);
      const key = createHash('sha256')
        .update(`${contractId}|${punch.code}|${punch.type}|${punch.at}`)
        .digest('hex');
      return {
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
    let imported = 0;
    // In batches: one statement per 500 rows instead of one round trip per punch.
    for (let i = 0; i < punches.length; i += 500) {
      imported += await insertPunches(trx, contractId, punches.slice(i, i + 500));
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
    if (error instanceof CsvRowsRejectedError) {
      throw new AppError(
        'csv_rows_rejected',
        { rows: new Set(error.problems.map((p) => p.row)).size },
        Object.fromEntries(error.problems.map((p) => [`row${p.row}.${p.field}`, p.code])),
      );
    }
    throw error;
  }
}
