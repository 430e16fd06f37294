import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { attendanceCsv, attendanceSummary } from '../services/report.service.ts';
import { ApiClient } from '../testing/api-client.ts';
import { spawnCli } from '../testing/cli-runner.ts';
import { buildContract, buildStaff } from '../testing/factories.ts';
import { prepareEmbeddedDataDir } from '../testing/test-database.ts';

// Each spawn of the CLI costs seconds on this machine: this file spawns four times.
const SLOW = { timeout: 180_000 };
const dir = mkdtempSync(join(tmpdir(), 'timecard-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const databaseUrl = inject('databaseUrl');
const dataDir = join(dir, 'data');
const env = databaseUrl
  ? { DATABASE_URL: databaseUrl, DATA_DIR: '' }
  : { DATA_DIR: dataDir, DATABASE_URL: '' };

async function cli(args: string[]) {
  const result = await spawnCli(args, env);
  return { ...result, stdout: result.stdoutBytes };
}

async function withDb<T>(
  work: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>,
): Promise<T> {
  const database = await openDatabase(databaseUrl ? { databaseUrl, poolSize: 1 } : { dataDir });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

let contractId = '';
let adminLogin = { email: '', password: '' };
beforeAll(async () => {
  if (!databaseUrl) {
    mkdirSync(dataDir, { recursive: true });
    await prepareEmbeddedDataDir(dataDir);
  }
  contractId = await withDb(async (db) => {
    const c = await buildContract(db);
    adminLogin = { email: c.adminEmail, password: c.adminPassword };
    await buildStaff(db, c.contractId, { name: '夜勤 花子', code: 'N-7', offices: [{ officeId: 1 }] });
    await buildStaff(db, c.contractId, {
      name: '=HYPERLINK("http://x","y")',
      code: '@SUM(A1)',
      offices: [{ officeId: 1 }],
    });
    return c.contractId;
  });
}, 180_000);

describe('npm run timecard -- punch import / report attendance', () => {
  it(
    'imports a Shift_JIS punch file and writes exactly the CSV of 集計・出力 to standard output',
    SLOW,
    async () => {
      // Mon 22:00 → Tue 06:00: one night shift of the Monday (08:00 worked after an unpunched break is
      // not deducted), 7 h of it 深夜 (22:00–05:00).
      const file = join(dir, 'punches.csv');
      writeFileSync(
        file,
        iconv.encode(
          'staff_code,type,at\r\nN-7,clock_in,2025-06-02T22:00\r\nN-7,clock_out,2025-06-03T06:00\r\n',
          'Shift_JIS',
        ),
      );
      const imported = await cli(['punch', 'import', '--contract', contractId, '--file', file]);
      expect(imported.code).toBe(0);
      expect(imported.stdout.toString()).toContain('2 件の打刻を取り込みました');

      const args = [
        'report',
        'attendance',
        '--contract',
        contractId,
        '--from',
        '2025-06-01',
        '--to',
        '2025-06-30',
      ];
      const sjis = await cli([...args, '--encoding', 'shift_jis', '--hours', 'decimal']);
      expect(sjis.code).toBe(0);
      const utf8 = await cli(args);
      const text = iconv.decode(sjis.stdout, 'Shift_JIS');
      const row = text
        .split('\r\n')
        .find((l) => l.startsWith('N-7,'))!
        .split(',');
      expect(row.slice(0, 4)).toEqual(['N-7', '夜勤 花子', '1', '8.00']);
      expect(row[9]).toBe('7.00'); // 深夜

      const expected = await withDb(async (db) => {
        const summary = await attendanceSummary({ db, publicUrl: 'http://x' }, contractId, {
          from: '2025-06-01',
          to: '2025-06-30',
        });
        return attendanceCsv(summary.rows, { encoding: 'utf-8', hours: 'hmm' });
      });
      expect(Buffer.compare(utf8.stdout, expected)).toBe(0);
    },
  );

  it('refuses a bad file with a report of each row and imports nothing', SLOW, async () => {
    const file = join(dir, 'bad.csv');
    writeFileSync(file, 'staff_code,type,at\nN-7,clock_in,2025-07-01T09:00\nZZ,clock_in,2025-07-01T25:00\n');
    const result = await cli(['punch', 'import', '--contract', contractId, '--file', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('行 3: staff_code');
    expect(result.stderr).toContain('行 3: at');
    const july = await withDb((db) =>
      db
        .selectFrom('punches')
        .select('id')
        .where('contractId', '=', contractId)
        .where('workDate', '>=', '2025-07-01')
        .execute(),
    );
    expect(july).toEqual([]);
  });

  it(
    'writes with --layout exactly the file the 集計・出力 download writes with that layout (issue 14)',
    SLOW,
    async () => {
      const layout = await (async () => {
        const database = await openDatabase(databaseUrl ? { databaseUrl, poolSize: 1 } : { dataDir });
        const app = await buildApp({
          config: loadConfig({ LOG_LEVEL: 'silent' }),
          database,
          serveWeb: false,
        });
        try {
          const admin = new ApiClient(app);
          await admin.login(adminLogin.email, adminLogin.password);
          const made = await admin.post('/report-layouts', {
            name: '給与 ソフト',
            columns: [
              { key: 'name', header: '=氏名' },
              { key: 'code', header: '社員番号' },
              { key: 'office', header: '所属' },
              { key: 'lateNight', header: '深夜' },
              { key: 'worked', header: '実働' },
            ],
            timeFormat: 'minutes',
            encoding: 'shift_jis',
            lineEnding: 'lf',
            quoting: 'all',
          });
          expect(made.status).toBe(201);
          const download = await app.inject({
            method: 'GET',
            url: `/api/v1/reports/attendance.csv?from=2025-06-01&to=2025-06-30&layout=${made.body.id}`,
            headers: { cookie: `tc_session=${admin.cookie('tc_session')}` },
          });
          expect(download.statusCode).toBe(200);
          return { bytes: download.rawPayload };
        } finally {
          await app.close();
          await database.close();
        }
      })();
      const result = await cli([
        'report',
        'attendance',
        '--contract',
        contractId,
        '--from',
        '2025-06-01',
        '--to',
        '2025-06-30',
        '--layout',
        '給与 ソフト',
      ]);
      expect(result.code).toBe(0);
      expect(Buffer.compare(result.stdout, layout.bytes)).toBe(0);
      // The night shift imported above: 420 minutes 深夜 of 480 worked, in Shift_JIS, LF, all quoted.
      expect(iconv.decode(result.stdout, 'Shift_JIS')).toContain('"夜勤 花子","N-7",');
      expect(iconv.decode(result.stdout, 'Shift_JIS')).toMatch(/"夜勤 花子","N-7","[^"]*","420","480"\n/);
      expect(
        iconv.decode(result.stdout, 'Shift_JIS').startsWith(`"'=氏名","社員番号","所属","深夜","実働"\n`),
      ).toBe(true);

      const unknown = await cli([
        'report',
        'attendance',
        '--contract',
        contractId,
        '--from',
        '2025-06-01',
        '--to',
        '2025-06-30',
        '--layout',
        'ない',
      ]);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('出力レイアウトが見つかりません。');
    },
  );

  it('writes a name and code typed as formulas as text (issue 12)', SLOW, async () => {
    const args = [
      'report',
      'attendance',
      '--contract',
      contractId,
      '--from',
      '2025-08-01',
      '--to',
      '2025-08-31',
    ];
    const result = await cli([...args, '--encoding', 'shift_jis', '--hours', 'decimal']);
    expect(result.code).toBe(0);
    const text = iconv.decode(result.stdout, 'Shift_JIS');
    expect(text).toContain(`\r\n"'@SUM(A1)","'=HYPERLINK(""http://x"",""y"")",0,0.00,0.00,`);
    expect(text).toContain('\r\nN-7,夜勤 花子,0,0.00,');
  });
});
