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
        'J-WORK,clock_in,2026-10-13T09:00',
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

describe('corrections that make no sense are refused (issue 11 §3)', () => {
  const put = (code: string, date: string, punches: unknown[], reason = '打刻忘れ') =>
    admin.request('PUT', `/timecards/${ids[code]}/days/${date}`, { punches, reason });

  it('refuses 出勤 09:00 / 退勤 08:00 and 22:00 → 06:00 without 翌日, naming the row and suggesting 翌日', async () => {
    const wrong = await put('J-OLD', '2026-11-02', [
      { type: 'clock_in', at: '2026-11-02T09:00' },
      { type: 'clock_out', at: '2026-11-02T08:00' },
    ]);
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.code).toBe('punch_sequence_invalid');
    expect(wrong.body.error.fields['punches.1.at'].code).toBe('punch_out_before_in_next_day');
    expect(wrong.body.error.fields['punches.1.at'].message).toContain('翌日');

    const night = await put('J-OLD', '2026-11-03', [
      { type: 'clock_in', at: '2026-11-03T22:00' },
      { type: 'clock_out', at: '2026-11-03T06:00' },
    ]);
    expect(night.body.error.fields['punches.1.at'].code).toBe('punch_out_before_in_next_day');
    // Nothing was written: the days are still empty.
    const card = (await admin.get(`/timecards/${ids['J-OLD']}?from=2026-11-02&to=2026-11-04`)).body;
    expect(card.days.flatMap((d: { punches: unknown[] }) => d.punches)).toEqual([]);

    const fixed = await put('J-OLD', '2026-11-03', [
      { type: 'clock_in', at: '2026-11-03T22:00' },
      { type: 'clock_out', at: '2026-11-04T06:00' },
    ]);
    expect(fixed.status).toBe(200);
    expect(fixed.body.changed).toBe(2);
  });

  it('refuses a break outside the shift and overlapping shifts, in English too', async () => {
    const outside = await admin.request(
      'PUT',
      `/timecards/${ids['J-OLD']}/days/2026-11-05`,
      {
        punches: [
          { type: 'clock_in', at: '2026-11-05T09:00' },
          { type: 'clock_out', at: '2026-11-05T18:00' },
          { type: 'break_start', at: '2026-11-05T19:00' },
          { type: 'break_end', at: '2026-11-05T19:30' },
        ],
        reason: 'x',
      },
      { 'accept-language': 'en' },
    );
    expect(outside.body.error.fields['punches.2.at']).toMatchObject({ code: 'punch_break_outside_shift' });
    expect(outside.body.error.message).toMatch(/not in a possible order/);
    const overlap = await put('J-OLD', '2026-11-05', [
      { type: 'clock_in', at: '2026-11-05T09:00' },
      { type: 'clock_in', at: '2026-11-05T10:00' },
      { type: 'clock_out', at: '2026-11-05T18:00' },
    ]);
    expect(overlap.body.error.fields['punches.1.at'].code).toBe('punch_overlap');
  });

  it('applies the same rule to a single correction: a 退勤 moved before its 出勤 is refused', async () => {
    await put('J-OLD', '2026-11-06', [
      { type: 'clock_in', at: '2026-11-06T09:00' },
      { type: 'clock_out', at: '2026-11-06T18:00' },
    ]);
    const card = (await admin.get(`/timecards/${ids['J-OLD']}?from=2026-11-06&to=2026-11-06`)).body;
    const out = card.days[0].punches.find((p: { type: string }) => p.type === 'clock_out');
    const moved = await admin.patch(`/punches/${out.id}`, { at: '2026-11-06T08:00', reason: '誤り' });
    expect(moved.status).toBe(422);
    expect(moved.body.error.fields.at.code).toBe('punch_out_before_in_next_day');
  });
});

describe('closing a period that has not ended (issue 11 §4)', () => {
  it('asks for a confirmation naming the days still to come, in words', async () => {
    const preview = await admin.get('/period-locks/preview?date=2026-12-04');
    expect(preview.body).toMatchObject({ period: { from: '2026-12-01', to: '2026-12-31' }, notEnded: true });
    const refused = await admin.request(
      'POST',
      '/period-locks',
      { date: '2026-12-04' },
      { 'accept-language': 'en' },
    );
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain('December 1–31, 2026');
    expect((await admin.get(`/timecards/${ids['J-OLD']}?month=2026-12`)).body.locked).toBe(false);
  });
});

describe('closing a period with 未打刻 days (issue 11 §4)', () => {
  it('lists the people with 未打刻 days and closes only once confirmed', async () => {
    const preview = await admin.get('/period-locks/preview?date=2026-10-13');
    expect(preview.body).toMatchObject({
      period: { from: '2026-10-01', to: '2026-10-31' },
      notEnded: false,
      incomplete: [{ staffId: ids['J-WORK'], code: 'J-WORK', name: '勤務 三郎', incompleteDays: 1 }],
    });
    const unconfirmed = await admin.post('/period-locks', { date: '2026-10-13' });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.body.error.message).toContain('2026年10月1日〜31日');
    const locked = await admin.post('/period-locks', { date: '2026-10-13', confirm: true });
    expect(locked.body).toMatchObject({ locked: true });
    const refused = await admin.request('PUT', `/timecards/${ids['J-WORK']}/days/2026-10-13`, {
      punches: [
        { type: 'clock_in', at: '2026-10-13T09:00' },
        { type: 'clock_out', at: '2026-10-13T18:00' },
      ],
      reason: '退勤忘れ',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toBe(
      '2026年10月1日〜31日の期間は締め処理済みのため修正できません。修正が必要な場合は、管理者が締めを解除してください。',
    );
    await admin.post('/period-locks/unlock', { date: '2026-10-13' });
  });
});
