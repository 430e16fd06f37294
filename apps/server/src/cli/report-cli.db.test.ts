import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { attendanceCsv, attendanceSummary } from '../services/report.service.ts';
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
beforeAll(async () => {
  if (!databaseUrl) {
    mkdirSync(dataDir, { recursive: true });
    await prepareEmbeddedDataDir(dataDir);
  }
  contractId = await withDb(async (db) => {
    const c = await buildContract(db);
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
