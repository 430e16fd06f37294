import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { runCliOn } from '../../cli/main.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

// Issue 16, end to end through the operator's tools: a シフト制 person added with
// `staff add --work-style shift`, shifts from `shift import`, punches from `punch import`, and the
// payroll CSV — under the 1か月単位の変形労働時間制 a 10 h shift worked 11 h is 1 h of 法定外, not 3 h.
let database: Database;
let app: FastifyInstance;
let c: BuiltContract;
let admin: ApiClient;
let dir: string;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
  c = await buildContract(database.db, { plan: 'premium' });
  admin = new ApiClient(app);
  await admin.login(c.adminEmail, c.adminPassword);
  dir = mkdtempSync(join(tmpdir(), 'variable-shifts-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await app?.close();
  await database?.close();
});

const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('変形労働時間制 through staff add, shift import, punch import and the report CSV', () => {
  it('counts only the hour beyond the 10 h shift as 法定外', async () => {
    await runCliOn(database, [
      'staff',
      'add',
      '--contract',
      c.contractId,
      '--name',
      '変形 太郎',
      '--code',
      'VS-1',
      '--office',
      '1',
      '--work-style',
      'shift',
    ]);
    await runCliOn(database, [
      'shift',
      'import',
      '--contract',
      c.contractId,
      '--office',
      '1',
      '--file',
      file('shifts.csv', 'staff_code,date,start,end,breaks\nVS-1,2026-10-05,09:00,20:00,12:00-13:00\n'),
    ]);
    await runCliOn(database, [
      'punch',
      'import',
      '--contract',
      c.contractId,
      '--file',
      file(
        'punches.csv',
        'スタッフコード,種類,日時\nVS-1,出勤,2026/10/05 9:00\nVS-1,休憩,2026/10/05 12:00\nVS-1,復帰,2026/10/05 13:00\nVS-1,退勤,2026/10/05 21:00\n',
      ),
    ]);
    const row = async () =>
      (await admin.get('/reports/attendance?from=2026-10-01&to=2026-10-31')).body.rows.find(
        (r: { code: string }) => r.code === 'VS-1',
      );
    // 通常: 11 h worked on a 10 h shift is 3 h over 8 h.
    expect(await row()).toMatchObject({ worked: 660, statutoryOvertime: 180, late: 0, absenceDays: 0 });
    expect(
      (await admin.request('PUT', '/settings/work-rules', { variableWorkingHours: { kind: 'monthly' } }))
        .status,
    ).toBe(200);
    expect(await row()).toMatchObject({ worked: 660, statutoryOvertime: 60, variableFrameMinutes: 10628 });
    const csv = await app.inject({
      method: 'GET',
      url: '/api/v1/reports/attendance.csv?from=2026-10-01&to=2026-10-31&staffCode=VS-1',
      headers: { cookie: `tc_session=${admin.cookie('tc_session')}` },
    });
    const [header, line] = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    const cells = Object.fromEntries(header!.split(',').map((name, i) => [name, line!.split(',')[i]]));
    expect(cells).toMatchObject({ スタッフコード: 'VS-1', 総労働時間: '11:00', 法定外残業: '1:00' });
  });
});
