import { closeSync, fchmodSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  AppError,
  AttendanceCsvQuerySchema,
  CreateContractSchema,
  DateSchema,
  formatErrorMessage,
  isAppError,
  isPlan,
  type Plan,
  planLabels,
  type StaffCreate,
  StaffCreateSchema,
} from '@timecard/domain';
import { ConfigError, loadConfig } from '../config.ts';
import { type Database, openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { contractExists } from '../repositories/contract.repository.ts';
import { createApiToken, parseScopeList } from '../services/api-token.service.ts';
import { verifyContractChains } from '../services/audit-log.service.ts';
import { createBackup, restoreBackup } from '../services/backup.service.ts';
import { createContract, listContracts } from '../services/contract.service.ts';
import {
  CsvRowsRejectedError,
  decodeCsv,
  formatCsvProblem,
  parseCsv,
  parseCsvEncoding,
} from '../services/csv.ts';
import { attendanceCsvFile } from '../services/export-layout.service.ts';
import { balanceJson, leaveBalanceByCode } from '../services/leave.service.ts';
import { setContractPlan } from '../services/plan.service.ts';
import { importPunches } from '../services/punch-import.service.ts';
import { importShifts } from '../services/shift-import.service.ts';
import {
  addStaffAsOperator,
  importStaff,
  parseHours,
  readStaffCsv,
} from '../services/staff-import.service.ts';
import { parseOrThrow } from '../services/validation.ts';

/**
 * The operator CLI: `npm run timecard -- <command>`. It works on the same database as the server
 * (DATABASE_URL, or the embedded one in DATA_DIR, which the server must not hold open).
 */
const USAGE = `npm run timecard -- <command>
  contract create --id <契約ID> --name <name> --plan <standard|premium|premium_plus|enterprise> --admin-email <e-mail>
                  [--admin-password-stdin | --admin-password <password>]   (or TIMECARD_ADMIN_PASSWORD)
  contract list
  contract plan --id <契約ID> --plan <standard|premium|premium_plus|enterprise>
  audit verify --contract <契約ID>   (exit 0 when the 操作ログ and punch chains are intact)
  token create --contract <契約ID> --name <name> --scopes <area:read,area:write,…> [--expires <YYYY-MM-DD>]
               (エンタープライズ; prints the token once)
  db migrate
  db backup <file>
  db restore <file> [--force]
  staff add --contract <契約ID> --name <名前> [--email <e-mail>] [--office <officeId>] [--code <staff code>] [--kana <フリガナ>] [--work-style fixed|shift]
            [--hired-on <YYYY-MM-DD>] [--weekly-days <1-7>] [--weekly-hours <hours>]
  leave balance --contract <契約ID> --staff <staff code> [--as-of <YYYY-MM-DD>] [--json]
  staff import <csv> --contract <契約ID> [--encoding utf-8|shift_jis]
  punch import --contract <契約ID> --file <csv> [--encoding utf-8|shift_jis]
  shift import --contract <契約ID> --file <csv> [--encoding utf-8|shift_jis] [--office <id>]
    CSV header: staff_code,type,at (type clock_in|clock_out|break_start|break_end; at YYYY-MM-DDTHH:mm)
  report attendance --contract <契約ID> [--office <id>] [--staff <code>] --from <YYYY-MM-DD> --to <YYYY-MM-DD>
                    [--encoding utf-8|shift_jis] [--hours decimal|hmm] [--layout <出力レイアウト name or id>]
                    (CSV to standard output; a layout brings its own encoding and time format)
  staff import CSV header: 氏名 (name), フリガナ (kana, 全角カタカナ), スタッフコード (code),
    メールアドレス (email), 雇用区分 (正社員 / パート・アルバイト / 契約社員 / 派遣 / その他),
    入社日 (2026/11/02 or 2026-11-02), 事業所 (name or id), 勤務形態 (固定 / シフト),
    週所定労働日数 (1-7), 週所定労働時間 (40, 29.5 or 29:30); UTF-8 or Shift_JIS`;

type Out = (line: string) => void;

export async function runCli(
  argv: string[],
  out: Out = (line) => process.stdout.write(`${line}\n`),
): Promise<void> {
  // Arguments are checked before the database is opened: a typo answers at once.
  const run = commandOf(argv, out);
  if (!run) return;
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
  });
  try {
    await migrateToLatest(database.db);
    await run(database, out);
  } finally {
    await database.close();
  }
}

/** The work of a command line, or undefined when it only asked for help (already printed). */
function commandOf(argv: string[], out: Out): ReturnType<Command> | undefined {
  const [group, command, ...rest] = argv;
  const key = `${group ?? ''} ${command ?? ''}`.trim();
  const definition = COMMANDS[key];
  if (!definition) {
    if (!group || group === 'help' || group === '--help') {
      out(USAGE);
      return undefined;
    }
    throw new AppError('cli_unknown_command', { command: key });
  }
  return definition(rest);
}

/** Runs a command line on a database already open and migrated (tests; the spawned CLI is slower). */
export async function runCliOn(database: Database, argv: string[], out: Out = () => {}): Promise<void> {
  await commandOf(argv, out)?.(database, out);
}

/**
 * The first administrator's password, never needed on the command line (where `ps` shows it to
 * every user of the machine): from standard input with --admin-password-stdin, else from
 * TIMECARD_ADMIN_PASSWORD, else --admin-password.
 */
function adminPassword(option: string | undefined, fromStdin: boolean): string {
  if (fromStdin) {
    if (option !== undefined) throw new AppError('cli_admin_password_twice');
    // One line: what `printf '%s\n' "$PASSWORD" |` or `< file` gives.
    return readFileSync(0, 'utf8').replace(/\r?\n$/, '');
  }
  const password = option ?? process.env.TIMECARD_ADMIN_PASSWORD;
  if (!password) throw new AppError('cli_admin_password_missing');
  return password;
}

/**
 * Writes a file only its owner can read (0600): a backup holds every password hash and token hash.
 * An existing file is narrowed before anything is written into it.
 */
function writePrivateFile(file: string, text: string): void {
  const fd = openSync(file, 'w', 0o600);
  try {
    fchmodSync(fd, 0o600);
    writeFileSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

/** A command parses its arguments (throwing on bad ones) and returns the work to do. */
type Command = (args: string[]) => (database: Database, out: Out) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  'contract create': (args) => {
    const { values } = parse(args, {
      id: { type: 'string' },
      name: { type: 'string' },
      plan: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
      'admin-password-stdin': { type: 'boolean' },
      'admin-name': { type: 'string' },
    });
    for (const option of ['id', 'name', 'plan', 'admin-email'] as const) {
      if (!values[option]) throw new AppError('cli_missing_option', { option });
    }
    const input = {
      contractId: values.id!,
      name: values.name!,
      plan: values.plan as Plan,
      adminEmail: values['admin-email']!,
      adminPassword: adminPassword(values['admin-password'], values['admin-password-stdin'] === true),
      adminName: values['admin-name'],
    };
    parseOrThrow(CreateContractSchema, input);
    return async ({ db }, out) => {
      const created = await createContract(db, input);
      out(`契約を作成しました / contract created: ${created.contractId} (本店 id ${created.headOfficeId})`);
    };
  },
  'contract list': (args) => {
    parse(args, {});
    return async ({ db }, out) => {
      const contracts = await listContracts(db);
      out(['契約ID', 'name', 'plan', 'offices', 'staff'].join('\t'));
      for (const c of contracts) out([c.id, c.name, c.plan, c.offices, c.staff].join('\t'));
    };
  },
  'contract plan': (args) => {
    const { values } = parse(args, { id: { type: 'string' }, plan: { type: 'string' } });
    for (const option of ['id', 'plan'] as const) {
      if (!values[option]) throw new AppError('cli_missing_option', { option });
    }
    if (!isPlan(values.plan!)) throw new AppError('plan_invalid');
    const plan = values.plan;
    return async ({ db }, out) => {
      const { from, to } = await setContractPlan(db, values.id!, plan);
      out(
        from === to
          ? `プランは変わりません / plan unchanged: ${planLabels[to].ja} (${to})`
          : `プランを変更しました / plan changed: ${planLabels[from].ja} → ${planLabels[to].ja} (${to})`,
      );
    };
  },
  'token create': (args) => {
    const { values } = parse(args, {
      contract: { type: 'string' },
      name: { type: 'string' },
      scopes: { type: 'string' },
      expires: { type: 'string' },
    });
    for (const option of ['contract', 'name', 'scopes'] as const) {
      if (!values[option]) throw new AppError('cli_missing_option', { option });
    }
    const input = {
      name: values.name!,
      scopes: parseScopeList(values.scopes!),
      expiresOn: values.expires ?? null,
    };
    return async ({ db }, out) => {
      const created = await createApiToken(db, values.contract!, input);
      out(`APIトークンを作成しました / API token created: ${created.name} (${created.scopes.join(',')})`);
      out('このトークンは二度と表示されません / this token is shown only once:');
      out(created.token);
    };
  },
  'audit verify': (args) => {
    const { values } = parse(args, { contract: { type: 'string' } });
    if (!values.contract) throw new AppError('cli_missing_option', { option: 'contract' });
    const contractId = values.contract;
    return async ({ db }, out) => {
      if (!(await contractExists(db, contractId))) throw new AppError('contract_not_found', { contractId });
      const result = await verifyContractChains(db, contractId);
      out(`操作ログ / audit log: ${result.audit.rows} 件 / rows`);
      out(`打刻 / punches: ${result.punches.rows} 件 / rows`);
      if (result.audit.brokenId !== null) {
        throw new AppError('audit_chain_broken', { chain: 'audit_log', id: result.audit.brokenId });
      }
      if (result.punches.brokenId !== null) {
        throw new AppError('audit_chain_broken', { chain: 'punches', id: result.punches.brokenId });
      }
      out('改ざんは検出されませんでした / both chains are intact');
    };
  },
  'db migrate': (args) => {
    parse(args, {});
    // runCli migrates before every command; this one only reports.
    return async (_database, out) => {
      out('マイグレーションを適用しました / migrations are up to date');
    };
  },
  'db backup': (args) => {
    const file = parse(args, {}, 1).positionals[0]!;
    return async ({ db }, out) => {
      writePrivateFile(file, await createBackup(db, progressLine('バックアップ中 / backing up', 'tables')));
      out(`バックアップを書き出しました / backup written: ${file}`);
    };
  },
  'db restore': (args) => {
    const { values, positionals } = parse(args, { force: { type: 'boolean' } }, 1);
    const file = positionals[0]!;
    let script: string;
    try {
      script = readFileSync(file, 'utf8');
    } catch (error) {
      throw new AppError('backup_file_invalid', { file, reason: (error as Error).message });
    }
    return async ({ db }, out) => {
      await restoreBackup(db, script, {
        file,
        force: values.force === true,
        onProgress: progressLine('復元中 / restoring', 'statements'),
      });
      out(`復元しました / restored: ${file}`);
    };
  },
  'staff add': (args) => {
    const { values } = parse(args, {
      contract: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      office: { type: 'string' },
      code: { type: 'string' },
      kana: { type: 'string' },
      'work-style': { type: 'string' },
      'hired-on': { type: 'string' },
      'weekly-days': { type: 'string' },
      'weekly-hours': { type: 'string' },
    });
    for (const option of ['contract', 'name'] as const) {
      if (values[option] === undefined) throw new AppError('cli_missing_option', { option });
    }
    const contractId = values.contract!;
    const office = values.office?.trim();
    const officeInvalid = office !== undefined && !/^[1-9]\d{0,8}$/.test(office);
    // --office makes the person belong to that office (所属事業所) with no rights there.
    const input = {
      name: values.name,
      kana: values.kana,
      code: values.code,
      email: values.email,
      offices: office === undefined || officeInvalid ? [] : [{ officeId: Number(office) }],
      // 勤務形態: fixed (the work rules' schedule) or shift (シフト制, the published shifts).
      ...(values['work-style'] !== undefined ? { workStyle: values['work-style'] } : {}),
      // 入社日, 週所定労働日数 and 週所定労働時間: what paid leave is granted from (issue 17).
      ...(values['hired-on'] !== undefined ? { hiredOn: values['hired-on'] } : {}),
      ...(values['weekly-days'] !== undefined
        ? { weeklyDays: /^\d+$/.test(values['weekly-days']) ? Number(values['weekly-days']) : Number.NaN }
        : {}),
      ...(values['weekly-hours'] !== undefined ? { weeklyHours: parseHours(values['weekly-hours']) } : {}),
    };
    let data: StaffCreate;
    try {
      data = parseOrThrow(StaffCreateSchema, input);
    } catch (error) {
      // Every bad option in one answer, the office's included.
      if (!officeInvalid || !isAppError(error)) throw error;
      throw new AppError('validation_failed', {}, { ...error.fields, office: 'office_id_invalid' });
    }
    if (officeInvalid) throw new AppError('office_id_invalid', {}, { office: 'office_id_invalid' });
    return async ({ db }, out) => {
      const staff = await addStaffAsOperator({ db, publicUrl: loadConfig().publicUrl }, contractId, data);
      out(`スタッフを登録しました / staff added: id ${staff.id} (${staff.name})`);
      if (staff.email) {
        out(
          `認証メールを送信待ちにしました / verification mail queued for ${staff.email} (sent when the server runs)`,
        );
      }
    };
  },
  'leave balance': (args) => {
    const { values } = parse(args, {
      contract: { type: 'string' },
      staff: { type: 'string' },
      'as-of': { type: 'string' },
      json: { type: 'boolean' },
    });
    for (const option of ['contract', 'staff'] as const) {
      if (values[option] === undefined) throw new AppError('cli_missing_option', { option });
    }
    const asOf = values['as-of'] ?? new Date().toISOString().slice(0, 10);
    parseOrThrow(DateSchema, asOf);
    return async ({ db }, out) => {
      const balance = await leaveBalanceByCode(db, values.contract!, values.staff!, asOf);
      if (values.json) {
        out(JSON.stringify(balanceJson(balance)));
        return;
      }
      out(`基準日 / grant date  付与 / days  期限 / expires  使用 / used  残 / left`);
      for (const g of balance.grants) {
        out(
          `${g.grantDate}  ${g.days}  ${g.expiresOn}  ${g.used}  ${g.remaining}${g.valid ? '' : '  (失効 / expired)'}`,
        );
      }
      out(`有効な残日数 / valid days on ${asOf}: ${balance.validDaysAtAsOf}`);
      if (balance.nextGrant)
        out(`次回付与 / next grant: ${balance.nextGrant.date} ${balance.nextGrant.days}`);
    };
  },
  'staff import': (args) => {
    const { values, positionals } = parse(
      args,
      { contract: { type: 'string' }, encoding: { type: 'string' } },
      1,
    );
    if (values.contract === undefined) throw new AppError('cli_missing_option', { option: 'contract' });
    const contractId = values.contract;
    const file = positionals[0]!;
    const encoding = values.encoding === undefined ? undefined : parseCsvEncoding(values.encoding);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (error) {
      throw new AppError('csv_file_unreadable', { file, reason: (error as Error).message });
    }
    // The file is read and every row checked on its own before the database is opened.
    const csv = readStaffCsv(parseCsv(decodeCsv(bytes, encoding)));
    return async ({ db }, out) => {
      const result = await importStaff({ db, publicUrl: loadConfig().publicUrl }, contractId, csv, {
        onProgress: progressLine('登録中 / registering', 'staff'),
      });
      out(`${result.imported} 件のスタッフを登録しました / ${result.imported} staff imported`);
      if (result.mailsQueued > 0) {
        out(
          `認証メール ${result.mailsQueued} 通を送信待ちにしました / ${result.mailsQueued} verification mail(s) queued (sent when the server runs)`,
        );
      }
    };
  },
  'punch import': (args) => {
    const { values } = parse(args, {
      contract: { type: 'string' },
      file: { type: 'string' },
      encoding: { type: 'string' },
    });
    for (const option of ['contract', 'file'] as const) {
      if (!values[option]) throw new AppError('cli_missing_option', { option });
    }
    const encoding = values.encoding === undefined ? undefined : parseCsvEncoding(values.encoding);
    let bytes: Buffer;
    try {
      bytes = readFileSync(values.file!);
    } catch (error) {
      throw new AppError('csv_file_unreadable', { file: values.file!, reason: (error as Error).message });
    }
    return async ({ db }, out) => {
      const result = await importPunches({ db, publicUrl: loadConfig().publicUrl }, values.contract!, bytes, {
        ...(encoding ? { encoding } : {}),
        onProgress: progressLine('確認中 / checking', 'rows'),
      });
      out(`${result.imported} 件の打刻を取り込みました / ${result.imported} punches imported`);
      if (result.skipped > 0) {
        out(
          `${result.skipped} 件は取り込み済みのため省きました / ${result.skipped} already imported, skipped`,
        );
      }
    };
  },
  'shift import': (args) => {
    const { values } = parse(args, {
      contract: { type: 'string' },
      file: { type: 'string' },
      encoding: { type: 'string' },
      office: { type: 'string' },
    });
    for (const option of ['contract', 'file'] as const) {
      if (!values[option]) throw new AppError('cli_missing_option', { option });
    }
    const encoding = values.encoding === undefined ? undefined : parseCsvEncoding(values.encoding);
    const office = values.office?.trim();
    if (office !== undefined && !/^[1-9]\d{0,8}$/.test(office)) {
      throw new AppError('office_id_invalid', {}, { office: 'office_id_invalid' });
    }
    let bytes: Buffer;
    try {
      bytes = readFileSync(values.file!);
    } catch (error) {
      throw new AppError('csv_file_unreadable', { file: values.file!, reason: (error as Error).message });
    }
    return async ({ db }, out) => {
      const result = await importShifts({ db, publicUrl: loadConfig().publicUrl }, values.contract!, bytes, {
        ...(encoding ? { encoding } : {}),
        ...(office ? { officeId: Number(office) } : {}),
      });
      out(
        `${result.imported} 件のシフトを取り込み、公開しました（変更 ${result.changed} 件） / ${result.imported} shifts imported and published (${result.changed} changed)`,
      );
    };
  },
  'report attendance': (args) => {
    const { values } = parse(args, {
      contract: { type: 'string' },
      office: { type: 'string' },
      staff: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      encoding: { type: 'string' },
      hours: { type: 'string' },
      layout: { type: 'string' },
    });
    for (const option of ['contract', 'from', 'to'] as const) {
      if (!values[option]) throw new AppError('cli_missing_option', { option });
    }
    const query = parseOrThrow(AttendanceCsvQuerySchema, {
      from: values.from,
      to: values.to,
      ...(values.office !== undefined ? { officeId: values.office } : {}),
      ...(values.staff !== undefined ? { staffCode: values.staff } : {}),
      ...(values.encoding !== undefined ? { encoding: values.encoding } : {}),
      ...(values.hours !== undefined ? { hours: values.hours } : {}),
      ...(values.layout !== undefined ? { layout: values.layout } : {}),
    });
    return async ({ db }) => {
      // The same summary and CSV as the 集計・出力 page's download, byte for byte.
      const { body: csv } = await attendanceCsvFile(
        { db, publicUrl: loadConfig().publicUrl },
        values.contract!,
        query,
      );
      await new Promise<void>((resolve, reject) =>
        process.stdout.write(csv, (error) => (error ? reject(error) : resolve())),
      );
    };
  },
};

type Options = Parameters<typeof parseArgs>[0] extends infer C
  ? C extends { options?: infer O }
    ? O
    : never
  : never;

function parse<O extends NonNullable<Options>>(args: string[], options: O, positionals = 0) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: positionals > 0, strict: true });
    if (parsed.positionals.length !== positionals) throw new Error('positionals');
    return parsed;
  } catch {
    throw new AppError('cli_usage', { usage: `\n${USAGE}` });
  }
}

/**
 * A progress line on standard error (standard output stays the command's own output, e.g. the
 * CSV of report attendance): rewritten in place on a terminal, a line per step otherwise.
 */
export function progressLine(label: string, unit: string) {
  let last = -1;
  return (done: number, total: number) => {
    const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
    if (percent === last) return;
    last = percent;
    const text = `${label}: ${done}/${total} ${unit} (${percent}%)`;
    if (process.stderr.isTTY) process.stderr.write(`\r${text}${done >= total ? '\n' : ''}`);
    else if (done >= total || percent % 25 === 0) process.stderr.write(`${text}\n`);
  };
}

function printError(error: unknown): number {
  if (isAppError(error)) {
    process.stderr.write(`エラー: ${formatErrorMessage(error.code, 'ja', error.params)}\n`);
    process.stderr.write(`error: ${formatErrorMessage(error.code, 'en', error.params)}\n`);
    for (const [field, code] of Object.entries(error.fields ?? {})) {
      process.stderr.write(
        `  ${field}: ${formatErrorMessage(code, 'ja')} / ${formatErrorMessage(code, 'en')}\n`,
      );
    }
    if (error instanceof CsvRowsRejectedError) {
      for (const problem of error.problems) process.stderr.write(`${formatCsvProblem(problem)}\n`);
    }
    return 2;
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  process.stderr.write(`エラー / error: ${error instanceof Error ? error.message : String(error)}\n`);
  return 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => process.exit(printError(error)),
  );
}
