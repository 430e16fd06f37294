import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { importPunches } from '../../services/punch-import.service.ts';
import { ATTENDANCE_CSV_HEADER } from '../../services/report.service.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

/**
 * Issue 11 §1–2: on Friday 2026-12-04 at 10:00 in Tokyo (default rules, Mon–Fri scheduled), only
 * 12/01–03 can be 欠勤; nothing is owed before 入社日 or after 退職日; today's open shift is 勤務中,
 * not 未打刻. Same figures in the timecard, the summary and the CSV.
 */
const NOW = new Date('2026-12-04T10:00:00+09:00');
let clock = NOW;

let database: Database;
let app: FastifyInstance;
let c: BuiltContract;
let admin: ApiClient;
const ids: Record<string, number> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    database,
    serveWeb: false,
    now: () => clock,
  });
  c = await buildContract(database.db);
  const people = [
    ['J-OLD', '古参 一郎', { hiredOn: '2025-04-01' }],
    ['J-NEW', '新人 花子', { hiredOn: '2026-12-03' }],
    ['J-LEFT', '退職 次郎', { hiredOn: '2025-04-01', retiredOn: '2026-12-01' }],
    ['J-WORK', '勤務 三郎', { hiredOn: '2025-04-01' }],
  ] as const;
  for (const [code, name, dates] of people) {
    ids[code] = (
      await buildStaff(database.db, c.contractId, { name, code, offices: [{ officeId: 1 }], ...dates })
    ).staffId;
  }
  // J-WORK worked 12/01 and is at work now (clocked in at 09:00 on 12/04, no 退勤 yet).
  await importPunches(
    { db: database.db, publicUrl: 'http://x' },
    c.contractId,
    Buffer.from(
      [
        'staff_code,type,at',
        'J-WORK,clock_in,2026-12-01T09:00',
        'J-WORK,break_start,2026-12-01T12:00',
        'J-WORK,break_end,2026-12-01T13:00',
        'J-WORK,clock_out,2026-12-01T18:00',
        'J-WORK,clock_in,2026-12-04T09:00',
        '',
      ].join('\n'),
    ),
  );
  admin = new ApiClient(app);
  await admin.login(c.adminEmail, c.adminPassword);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** Moves the server's clock (a session lasts 12 h, so log in again at the new time). */
async function setClock(at: Date) {
  clock = at;
  await admin.login(c.adminEmail, c.adminPassword);
}

const december = (code: string) => admin.get(`/timecards/${ids[code]}?month=2026-12`);
const dayOf = (body: { days: { date: string }[] }, date: string) =>
  body.days.find((d) => d.date === date) as unknown as {
    standing: string;
    figures: { absenceDays: number; worked: number };
    incomplete: string[];
  };

describe('欠勤 only where owed (issue 11 §1)', () => {
  it('counts only the days of the month that are over', async () => {
    const { status, body } = await december('J-OLD');
    expect(status).toBe(200);
    expect(body.lastEnded).toBe('2026-12-03');
    expect(body.totals.absenceDays).toBe(3);
    expect(dayOf(body, '2026-12-03').figures.absenceDays).toBe(1);
    expect(dayOf(body, '2026-12-04')).toMatchObject({ standing: 'not_ended', figures: { absenceDays: 0 } });
    expect(dayOf(body, '2026-12-07').figures.absenceDays).toBe(0);
    const rowSum = body.days.reduce(
      (sum: number, d: { figures: { absenceDays: number } }) => sum + d.figures.absenceDays,
      0,
    );
    expect(rowSum).toBe(body.totals.absenceDays);
  });

  it('owes nothing before 入社日 or after 退職日', async () => {
    const hired = (await december('J-NEW')).body;
    expect(hired.totals.absenceDays).toBe(1);
    expect(dayOf(hired, '2026-12-01')).toMatchObject({
      standing: 'before_hire',
      figures: { absenceDays: 0 },
    });
    const left = (await december('J-LEFT')).body;
    expect(left.totals.absenceDays).toBe(1);
    expect(dayOf(left, '2026-12-02').standing).toBe('after_retire');
  });

  it('makes today 欠勤 only after its 日付の変わり目', async () => {
    await setClock(new Date('2026-12-05T04:59:00+09:00'));
    expect((await december('J-OLD')).body.totals.absenceDays).toBe(3);
    await setClock(new Date('2026-12-05T05:00:00+09:00'));
    expect((await december('J-OLD')).body.totals.absenceDays).toBe(4);
    await setClock(NOW);
  });

  it('owes nothing before a staff member without 入社日 was registered (today: none last month)', async () => {
    const fresh = await buildStaff(database.db, c.contractId, { name: '登録 今日子', code: 'J-TODAY' });
    await setClock(new Date());
    const today = new Date();
    const last = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 15));
    const month = last.toISOString().slice(0, 7);
    const { body } = await admin.get(`/timecards/${fresh.staffId}?month=${month}`);
    expect(body.totals.absenceDays).toBe(0);
    await setClock(NOW);
  });

  it('gives the same 欠勤日数 in 集計・出力 and its CSV', async () => {
    const summary = await admin.get('/reports/attendance?from=2026-12-01&to=2026-12-31');
    expect(summary.status).toBe(200);
    const absence = Object.fromEntries(
      summary.body.rows.map((r: { code: string; absenceDays: number }) => [r.code, r.absenceDays]),
    );
    expect(absence).toMatchObject({ 'J-OLD': 3, 'J-NEW': 1, 'J-LEFT': 1, 'J-WORK': 2 });

    const csv = await app.inject({
      method: 'GET',
      url: '/api/v1/reports/attendance.csv?from=2026-12-01&to=2026-12-31&encoding=shift_jis',
      headers: { cookie: `tc_session=${admin.cookie('tc_session')}` },
    });
    const lines = iconv.decode(csv.rawPayload, 'Shift_JIS').trim().split('\r\n');
    const column = ATTENDANCE_CSV_HEADER.indexOf('欠勤日数');
    const byCode = Object.fromEntries(lines.slice(1).map((l) => [l.split(',')[0], l.split(',')[column]]));
    expect(byCode).toMatchObject({ 'J-OLD': '3', 'J-NEW': '1', 'J-LEFT': '1', 'J-WORK': '2' });
  });
});

describe('today’s open shift (issue 11 §2)', () => {
  it('is 勤務中 until the work day is over, then 退勤の打刻がありません', async () => {
    const during = (await december('J-WORK')).body;
    expect(dayOf(during, '2026-12-04').incomplete).toEqual([]);
    expect(during.totals.incompleteDays).toBe(0);
    expect(dayOf(during, '2026-12-01').figures.worked).toBe(480);

    await setClock(new Date('2026-12-05T06:00:00+09:00'));
    const after = (await december('J-WORK')).body;
    expect(dayOf(after, '2026-12-04').incomplete).toEqual(['MISSING_CLOCK_OUT']);
    expect(after.totals.incompleteDays).toBe(1);
    await setClock(NOW);
  });
});
