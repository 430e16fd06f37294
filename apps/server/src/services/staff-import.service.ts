import {
  AppError,
  EMPLOYMENT_TYPES,
  type ErrorCode,
  errorCatalog,
  OfficeRoleSchema,
  type StaffCreate,
  StaffCreateSchema,
} from '@timecard/domain';
import { withTenant } from '../db/database.ts';
import { type Actor, hasRight } from '../policies/actor.ts';
import { assertCanImportStaff } from '../policies/staff.policy.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { contractExists } from '../repositories/contract.repository.ts';
import { listOffices } from '../repositories/office.repository.ts';
import { findStaffByCode, findStaffByEmail } from '../repositories/staff.repository.ts';
import type { AuthContext } from './auth.service.ts';
import {
  type CsvRowProblem,
  CsvRowsRejectedError,
  decodeUploadedCsv,
  isBlankRecord,
  parseCsvInChunks,
} from './csv.ts';
import { encodeCsv } from './csv-writer.ts';
import { createStaffRecord, insertStaffInTenant } from './staff.service.ts';

/**
 * The operator's two ways to add staff (issue 3 item 9): one person (`staff add`) and a CSV file
 * (`staff import`). Both go through insertStaffInTenant, like the 管理画面, so a person with an
 * e-mail gets the same 認証メール in the outbox.
 */

/** The operator CLI acts for nobody: the audit log shows no actor. */
const OPERATOR = { accountId: null, staffId: null };

type Field =
  | 'name'
  | 'kana'
  | 'code'
  | 'email'
  | 'employmentType'
  | 'hiredOn'
  | 'office'
  | 'workStyle'
  | 'weeklyDays'
  | 'weeklyHours';

/**
 * Column headers as a payroll clerk writes them, then the English aliases. The first is the name
 * used in messages. Headers are matched after NFKC and lower-casing, so ﾒｰﾙｱﾄﾞﾚｽ and NAME match.
 */
export const STAFF_CSV_COLUMNS: Record<Field, readonly string[]> = {
  name: ['氏名', '名前', 'name'],
  kana: ['フリガナ', 'ふりがな', 'kana'],
  code: ['スタッフコード', '従業員コード', '社員番号', 'code', 'staff_code'],
  email: ['メールアドレス', 'メール', 'email', 'e-mail'],
  employmentType: ['雇用区分', '雇用形態', 'employment_type'],
  hiredOn: ['入社日', 'hired_on'],
  office: ['事業所', '所属事業所', '事業所名', '事業所ID', 'office', 'office_id'],
  workStyle: ['勤務形態', 'work_style'],
  weeklyDays: ['週所定労働日数', 'weekly_days'],
  weeklyHours: ['週所定労働時間', 'weekly_hours'],
};

/** 勤務形態 as written: 固定 / シフト制, or the API's fixed / shift. */
const WORK_STYLE_NAMES: Record<string, 'fixed' | 'shift'> = {
  固定: 'fixed',
  シフト制: 'shift',
  シフト: 'shift',
  fixed: 'fixed',
  shift: 'shift',
};

const EMPLOYMENT_TYPE_NAMES: Record<string, StaffCreate['employmentType']> = {
  正社員: 'full_time',
  'パート・アルバイト': 'part_time',
  パート: 'part_time',
  アルバイト: 'part_time',
  契約社員: 'contract',
  派遣: 'temporary',
  派遣社員: 'temporary',
  その他: 'other',
  ...Object.fromEntries(EMPLOYMENT_TYPES.map((type) => [type, type])),
};

const normalize = (value: string) => value.normalize('NFKC').trim().toLowerCase();

/**
 * The file offered by 従業員 > CSV取込 【テンプレートをダウンロード】: the Japanese header row and one
 * example row, UTF-8 with a BOM so that Excel opens it without mojibake. 本店 is the office every
 * contract starts with, so the example imports as it is.
 */
export const STAFF_CSV_TEMPLATE: readonly (readonly string[])[] = [
  ['氏名', 'フリガナ', 'スタッフコード', 'メールアドレス', '雇用区分', '入社日', '事業所', '勤務形態'],
  ['山田 太郎', 'ヤマダ タロウ', 'S001', 'yamada@example.com', '正社員', '2026/11/02', '本店', '固定'],
];

export function staffCsvTemplate(actor: Actor): Buffer {
  assertCanImportStaff(actor);
  return encodeCsv(STAFF_CSV_TEMPLATE, 'utf-8');
}

/** The template as text (BOM included), for tests and the CLI's help. */
export function staffCsvTemplateText(): string {
  return encodeCsv(STAFF_CSV_TEMPLATE, 'utf-8').toString('utf8');
}

/**
 * Codes of the staff form whose message names the expected format in a file's terms: a clerk fixing
 * row 12 of a CSV needs to see what to write, not the form's wording.
 */
const CSV_MESSAGE: Partial<Record<ErrorCode, ErrorCode>> = {
  date_invalid: 'csv_date_invalid',
  email_invalid: 'csv_email_invalid',
  kana_invalid: 'csv_kana_invalid',
  name_required: 'csv_name_required',
  text_too_long: 'csv_text_too_long',
};

const HEADER_LOOKUP = new Map<string, Field>(
  Object.entries(STAFF_CSV_COLUMNS).flatMap(([field, names]) =>
    names.map((name) => [normalize(name), field as Field] as const),
  ),
);

/** A row of the file ready to insert; `row` is its spreadsheet row number (header = 1). */
export interface StaffCsvRow {
  row: number;
  data: StaffCreate;
  /** 事業所 given by name: resolved to an id against the contract's offices in importStaff. */
  officeName: string | null;
}

/**
 * The values of one row (good or bad) to check against the contract, so that the report names a
 * taken staff code or an unknown office even on a row that has other mistakes.
 */
export interface StaffCsvLookup {
  row: number;
  code: string | null;
  email: string | null;
  officeId: number | null;
  officeName: string | null;
}

/** A file read and checked on its own: good rows, and problems found without the database. */
export interface StaffCsv {
  rows: StaffCsvRow[];
  problems: CsvRowProblem[];
  lookups: StaffCsvLookup[];
  /** The header as written in the file for each column present (for the report). */
  headers: Partial<Record<Field, string>>;
}

/**
 * Maps CSV records (header first) to staff: checks the header (throws on an unknown, missing or
 * repeated column), then every row against StaffCreateSchema and against the other rows (staff
 * code and e-mail must be unique in the file). Pure: the database checks come in importStaff.
 *
 * @example
 *   readStaffCsv([['名前', '雇用区分'], ['山田 太郎', 'パート']]).rows[0].data.employmentType // 'part_time'
 */
export function readStaffCsv(records: string[][]): StaffCsv {
  const [header, ...body] = records;
  if (!header || isBlankRecord(header)) throw new AppError('csv_header_missing');
  const columns = mapHeader(header, body);
  const headers: Partial<Record<Field, string>> = {};
  for (const [index, field] of columns) headers[field] = header[index]!.trim();
  if (!headers.name) throw new AppError('csv_missing_column', { column: '氏名 / 名前 / name' });

  const rows: StaffCsvRow[] = [];
  const problems: CsvRowProblem[] = [];
  const lookups: StaffCsvLookup[] = [];
  const codes = new Map<string, number>();
  const emails = new Map<string, number>();
  body.forEach((record, i) => {
    const row = i + 2;
    if (isBlankRecord(record)) return;
    const extra = record.findIndex((value, index) => index >= header.length && value.trim() !== '');
    if (extra >= 0) {
      problems.push({
        row,
        field: `${extra + 1}列目`,
        code: 'csv_too_many_fields',
        params: { count: extra + 1 },
      });
      return;
    }
    const values: Partial<Record<Field, string>> = {};
    for (const [index, field] of columns) values[field] = (record[index] ?? '').trim();

    const rowProblems: CsvRowProblem[] = [];
    const problem = (field: Field, code: ErrorCode, params?: Record<string, string | number>) =>
      rowProblems.push({ row, field: headers[field] ?? field, code, ...(params ? { params } : {}) });

    // NFKC turns ｻﾄｳ into サトウ and full-width Ａ１ or ａ＠ｂ into ASCII, as payroll files often hold them.
    const code = (values.code ?? '').normalize('NFKC').trim();
    const email = (values.email ?? '').normalize('NFKC').trim().toLowerCase();
    const input: Record<string, unknown> = { name: values.name ?? '', code, email };
    if (values.kana !== undefined) input.kana = values.kana.normalize('NFKC');
    if (values.hiredOn) input.hiredOn = normalizeDate(values.hiredOn);
    if (values.employmentType) {
      const type = EMPLOYMENT_TYPE_NAMES[normalize(values.employmentType)];
      if (type) input.employmentType = type;
      else problem('employmentType', 'employment_type_invalid');
    }
    if (values.workStyle) {
      const style = WORK_STYLE_NAMES[normalize(values.workStyle)];
      if (style) input.workStyle = style;
      else problem('workStyle', 'work_style_invalid');
    }
    // 週所定労働日数 (1–7) and 週所定労働時間 (hours: 40, 29.5 or 29:30), for 比例付与 of paid leave.
    if (values.weeklyDays) {
      const days = values.weeklyDays.normalize('NFKC').trim();
      input.weeklyDays = /^\d+$/.test(days) ? Number(days) : Number.NaN;
    }
    if (values.weeklyHours) input.weeklyHours = parseHours(values.weeklyHours);
    // 事業所 by its ID (digits) or its name, as the 事業所 list shows it.
    let officeId: number | null = null;
    let officeName: string | null = null;
    if (values.office) {
      const office = values.office.normalize('NFKC').trim();
      if (/^[1-9]\d{0,8}$/.test(office)) officeId = Number(office);
      else if (/^\d+$/.test(office)) problem('office', 'csv_office_not_found', { office });
      else officeName = office;
    }
    if (officeId !== null) input.offices = [{ officeId }];

    // Repeats in the file are checked on every row, whatever else is wrong with it.
    const sameCode = code ? codes.get(code) : undefined;
    const sameEmail = email ? emails.get(email) : undefined;
    if (sameCode) problem('code', 'duplicate_in_file_code', { row: sameCode });
    else if (code) codes.set(code, row);
    if (sameEmail) problem('email', 'duplicate_in_file_email', { row: sameEmail });
    else if (email) emails.set(email, row);
    lookups.push({ row, code: code || null, email: email || null, officeId, officeName });

    const parsed = StaffCreateSchema.safeParse(input);
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? 'name');
        const field: Field = key === 'offices' ? 'office' : (key as Field);
        if (seen.has(field) || rowProblems.some((p) => p.field === (headers[field] ?? field))) continue;
        seen.add(field);
        const code = isErrorCode(issue.message) ? issue.message : 'bad_request';
        problem(field, CSV_MESSAGE[code] ?? code);
      }
    }
    if (parsed.success && rowProblems.length === 0) rows.push({ row, data: parsed.data, officeName });
    problems.push(...rowProblems);
  });
  if (rows.length === 0 && problems.length === 0) throw new AppError('csv_no_rows');
  return { rows, problems, lookups, headers };
}

/** 「40」「29.5」「29:30」 → hours; anything else NaN (refused by the schema). */
export function parseHours(text: string): number {
  const value = text.normalize('NFKC').trim();
  const clock = /^(\d{1,3}):([0-5]\d)$/.exec(value);
  if (clock) return Number(clock[1]) + Number(clock[2]) / 60;
  return /^\d{1,3}(\.\d{1,2})?$/.test(value) ? Number(value) : Number.NaN;
}

/** Column index → field; throws on unknown or repeated headers. Blank headers over blank columns are ignored. */
function mapHeader(header: string[], body: string[][]): Map<number, Field> {
  const columns = new Map<number, Field>();
  const unknown: string[] = [];
  header.forEach((raw, index) => {
    const name = raw.trim();
    if (name === '') {
      if (body.some((record) => (record[index] ?? '').trim() !== '')) unknown.push(`(${index + 1}列目)`);
      return;
    }
    const field = HEADER_LOOKUP.get(normalize(name));
    if (!field) {
      unknown.push(name);
      return;
    }
    if ([...columns.values()].includes(field)) throw new AppError('csv_duplicate_column', { column: name });
    columns.set(index, field);
  });
  if (unknown.length > 0) {
    const known = Object.values(STAFF_CSV_COLUMNS)
      .map((names) => `${names[0]} (${names.at(-1)})`)
      .join(', ');
    throw new AppError('csv_unknown_columns', { columns: unknown.join(', '), known });
  }
  return columns;
}

/** YYYY-MM-DD, YYYY/MM/DD and Excel's unpadded 2026/4/1 → 2026-04-01; anything else is left for the schema to refuse. */
function normalizeDate(value: string): string {
  const match = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(value.normalize('NFKC').trim());
  if (!match) return value;
  const [, y, m, d] = match;
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorCatalog, value);
}

async function assertContract(ctx: AuthContext, contractId: string): Promise<void> {
  if (!(await contractExists(ctx.db, contractId))) throw new AppError('contract_not_found', { contractId });
}

/** `staff add`: one person, with the same checks and 認証メール as the 管理画面. */
export async function addStaffAsOperator(ctx: AuthContext, contractId: string, data: StaffCreate) {
  await assertContract(ctx, contractId);
  return createStaffRecord(ctx, contractId, data, OPERATOR);
}

export interface StaffImportResult {
  imported: number;
  /** 認証メール queued: one per imported person with an e-mail. */
  mailsQueued: number;
}

export interface StaffImportOptions {
  /** The person importing in the 管理画面; without one it is the operator CLI (no actor in the log). */
  actor?: Actor;
  /** Told as rows are stored (`done` of `total`), for a progress line or bar. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * `staff import` and 従業員 > CSV取込: checks every row against the contract (existing staff codes
 * and e-mails, offices by ID or name, and for a non-administrator the offices they may edit), then
 * inserts all rows in one transaction. Any rejected row, from the file or from the database, throws
 * CsvRowsRejectedError with the whole report (capped at CSV_PROBLEMS_SHOWN), and nothing is imported.
 */
export async function importStaff(
  ctx: AuthContext,
  contractId: string,
  csv: StaffCsv,
  options: StaffImportOptions = {},
): Promise<StaffImportResult> {
  await assertContract(ctx, contractId);
  const { actor } = options;
  const by = actor ? { accountId: actor.accountId, staffId: actor.staffId } : OPERATOR;
  const header = (field: Field) => csv.headers[field] ?? field;
  return withTenant(ctx.db, contractId, async (trx) => {
    const problems = [...csv.problems];
    // One message per value: a value already refused by the file checks is not looked up.
    const refused = new Set(csv.problems.map((p) => `${p.row}|${p.field}`));
    const open = (row: number, field: Field) => !refused.has(`${row}|${header(field)}`);
    const offices = await listOffices(trx, contractId);
    const officeIds = new Set(offices.map((o) => o.id));
    const byName = new Map<string, number[]>();
    for (const office of offices) {
      const key = normalize(office.name);
      byName.set(key, [...(byName.get(key) ?? []), office.id]);
    }
    const resolved = new Map<number, number>();
    for (const { row, code, email, officeId, officeName } of csv.lookups) {
      if (code && open(row, 'code') && (await findStaffByCode(trx, contractId, code))) {
        problems.push({ row, field: header('code'), code: 'staff_code_taken' });
      }
      if (email && open(row, 'email') && (await findStaffByEmail(trx, contractId, email))) {
        problems.push({ row, field: header('email'), code: 'staff_email_taken' });
      }
      let office: number | null = null;
      if (officeId !== null) {
        if (officeIds.has(officeId)) office = officeId;
        else
          problems.push({
            row,
            field: header('office'),
            code: 'csv_office_not_found',
            params: { office: String(officeId) },
          });
      } else if (officeName !== null) {
        const ids = byName.get(normalize(officeName)) ?? [];
        if (ids.length === 1) office = ids[0]!;
        else
          problems.push({
            row,
            field: header('office'),
            code: ids.length === 0 ? 'csv_office_not_found' : 'csv_office_ambiguous',
            params: { office: officeName },
          });
      }
      if (office !== null) resolved.set(row, office);
      // Like the staff form: someone with 従業員管理 編集 on some offices adds staff to those only.
      const unresolved = office === null && (officeId !== null || officeName !== null);
      if (
        actor &&
        !actor.isAdmin &&
        !unresolved &&
        !(office !== null && hasRight(actor, 'staffManage', 'edit', office))
      ) {
        problems.push({ row, field: header('office'), code: 'csv_office_not_editable' });
      }
    }
    if (problems.length > 0) throw new CsvRowsRejectedError(problems);

    let mailsQueued = 0;
    let done = 0;
    for (const { row, data } of csv.rows) {
      const office = resolved.get(row);
      const person: StaffCreate =
        office === undefined ? data : { ...data, offices: [OfficeRoleSchema.parse({ officeId: office })] };
      try {
        await insertStaffInTenant(ctx, trx, contractId, person, null, by);
      } catch (error) {
        // Checked above, so only a concurrent change gets here; the throw rolls back every row.
        if (!(error instanceof AppError)) throw error;
        const [field, code] = Object.entries(error.fields ?? {})[0] ?? ['name', error.code];
        const column = field === 'offices' ? header('office') : header(field as Field);
        throw new CsvRowsRejectedError([{ row, field: column, code, params: error.params }]);
      }
      if (person.email) mailsQueued += 1;
      done += 1;
      if (done % 200 === 0 || done === csv.rows.length) options.onProgress?.(done, csv.rows.length);
    }
    await appendAudit(trx, contractId, {
      action: 'staff.import',
      actorAccountId: by.accountId,
      actorStaffId: by.staffId,
      details: { rows: csv.rows.length, imported: csv.rows.length, mailsQueued },
    });
    return { imported: csv.rows.length, mailsQueued };
  });
}

/**
 * 従業員 > CSV取込: the file's bytes (UTF-8 or Shift_JIS) as uploaded. Administrators, and staff with
 * 従業員管理 編集 on an office (their rows must name such an office); rejected rows come back as the
 * report, and nothing is imported.
 */
export async function importStaffCsv(
  ctx: AuthContext,
  actor: Actor,
  body: unknown,
): Promise<StaffImportResult> {
  assertCanImportStaff(actor);
  if (!(body instanceof Uint8Array)) throw new AppError('bad_request');
  const csv = readStaffCsv(await parseCsvInChunks(decodeUploadedCsv(body)));
  return importStaff(ctx, actor.contractId, csv, { actor });
}
