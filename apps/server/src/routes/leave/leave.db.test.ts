import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { grantDueLeave } from '../../services/leave.service.ts';
import { importPunches } from '../../services/punch-import.service.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

// Issue 17 through the API: leave recorded by an administrator shows on the タイムカード (no 欠勤, a
// 半休 judged against the other half), in 集計・出力 and its CSV (有給日数), and in the 管理簿 CSV.
const NOW = new Date('2025-06-30T10:00:00+09:00');
let database: Database;
let app: FastifyInstance;
let c: BuiltContract;
let admin: ApiClient;
let staffId: number;
let annualId: number;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    database,
    serveWeb: false,
    now: () => NOW,
  });
  c = await buildContract(database.db, { plan: 'premium_plus' });
  ({ staffId } = await buildStaff(database.db, c.contractId, {
    name: '有給 花子',
    code: 'LV-1',
    hiredOn: '2024-04-01',
    offices: [{ officeId: 1 }],
  }));
  await grantDueLeave(database.db, NOW, [c.contractId]);
  admin = new ApiClient(app);
  await admin.login(c.adminEmail, c.adminPassword);
  annualId = (await admin.get('/leave/types')).body.items[0].id;
  // Mon 2025-06-02: a full day of 有給; Tue 06-03: 午前半休, then work 13:00–18:00.
  await importPunches(
    { db: database.db, publicUrl: 'http://localhost' },
    c.contractId,
    Buffer.from(
      'staff_code,type,at\r\nLV-1,clock_in,2025-06-03T13:00\r\nLV-1,clock_out,2025-06-03T18:00\r\n',
    ),
  );
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('休暇 on the timecard and in the CSV', () => {
  it('records a full day and a 午前半休; the timecard shows them and neither day is 欠勤', async () => {
    const full = await admin.post('/leave/records', {
      staffId,
      date: '2025-06-02',
      leaveTypeId: annualId,
      unit: 'full',
    });
    expect(full.status).toBe(201);
    expect(full.body.remainingDays).toBe(9);
    const half = await admin.post('/leave/records', {
      staffId,
      date: '2025-06-03',
      leaveTypeId: annualId,
      unit: 'am',
    });
    expect(half.status).toBe(201);
    const card = await admin.get(`/timecards/${staffId}?from=2025-06-02&to=2025-06-04`);
    expect(card.status).toBe(200);
    const [mon, tue, wed] = card.body.days;
    expect(mon.leave).toEqual([expect.objectContaining({ typeName: '有給休暇', unit: 'full' })]);
    expect(mon.figures.absenceDays).toBe(0);
    expect(tue.leave).toEqual([expect.objectContaining({ unit: 'am' })]);
    // 午前半休: the afternoon is the day's schedule, so starting at 13:00 is not late.
    expect(tue.figures.late).toBe(0);
    expect(tue.figures.worked).toBe(300);
    expect(wed.figures.absenceDays).toBe(1);
    expect(card.body.totals.paidLeaveDays).toBe(1.5);
  });

  it('counts 有給日数 in 集計・出力 and its CSV', async () => {
    const report = await admin.get('/reports/attendance?from=2025-06-02&to=2025-06-04&staffCode=LV-1');
    expect(report.status).toBe(200);
    expect(report.body.rows[0].paidLeaveDays).toBe(1.5);
    const csv = await app.inject({
      method: 'GET',
      url: '/api/v1/reports/attendance.csv?from=2025-06-02&to=2025-06-04&staffCode=LV-1',
      headers: { cookie: `tc_session=${admin.cookie('tc_session')}` },
    });
    const [header, row] = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    const column = header!.split(',').indexOf('有給日数');
    expect(column).toBeGreaterThan(0);
    expect(row!.split(',')[column]).toBe('1.5');
  });

  it('refuses leave beyond the balance with 409 and the message in both languages', async () => {
    const en = await admin.post(
      '/leave/records',
      { staffId, date: '2024-09-30', leaveTypeId: annualId, unit: 'full' },
      { 'accept-language': 'en' },
    );
    expect(en.status).toBe(409);
    expect(en.body.error.code).toBe('leave_balance_insufficient');
    expect(en.body.error.message).toMatch(/^Not enough paid leave left \(.*2024.*\)\.$/);
    const ja = await admin.post('/leave/records', {
      staffId,
      date: '2024-09-30',
      leaveTypeId: annualId,
      unit: 'full',
    });
    expect(ja.body.error.message).toMatch(/^有給休暇の残日数が足りません/);
  });

  it('exports the 管理簿 as Shift_JIS CSV with each 取得日', async () => {
    const csv = await app.inject({
      method: 'GET',
      url: `/api/v1/leave/register.csv?asOf=2025-06-30&staffId=${staffId}&encoding=shift_jis`,
      headers: { cookie: `tc_session=${admin.cookie('tc_session')}` },
    });
    expect(csv.statusCode).toBe(200);
    const text = iconv.decode(csv.rawPayload, 'Shift_JIS');
    expect(text).toContain('基準日');
    expect(text).toContain('2024-10-01');
    expect(text).toContain('2025-06-02');
    expect(text).toContain('午前半休');
  });
});
