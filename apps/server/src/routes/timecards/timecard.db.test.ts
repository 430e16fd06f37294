import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { importPunches } from '../../services/punch-import.service.ts';
import { ATTENDANCE_CSV_HEADER } from '../../services/report.service.ts';
import { MINUTE_FIELDS } from '../../services/timecard.service.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract, buildOffice, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

let database: Database;
let app: FastifyInstance;
let c: BuiltContract;
let admin: ApiClient;
let worker: { staffId: number; email: string | null; password: string };

/**
 * A week of June 2025 (default rules: Mon–Fri 09:00–18:00, lunch 12:00–13:00, Sunday 法定休日):
 * Mon 2nd  09:00–18:00 with lunch              → worked 480, 所定内 480
 * Tue 3rd  09:00–20:00 with lunch              → worked 600, 所定内 480, 法定外 120 (past 8 h a day)
 * Wed 4th  09:30–18:30 with lunch              → worked 480, late 30, 所定内 450, 法定内残業 30
 * Thu 5th  09:00 clock-in only                 → incomplete (MISSING_CLOCK_OUT), contributes 0
 * Fri 6th  no punches                          → 欠勤
 */
const WEEK = `staff_code,type,at
W-1,clock_in,2025-06-02T09:00
W-1,break_start,2025-06-02T12:00
W-1,break_end,2025-06-02T13:00
W-1,clock_out,2025-06-02T18:00
W-1,clock_in,2025-06-03T09:00
W-1,break_start,2025-06-03T12:00
W-1,break_end,2025-06-03T13:00
W-1,clock_out,2025-06-03T20:00
W-1,clock_in,2025-06-04T09:30
W-1,break_start,2025-06-04T12:00
W-1,break_end,2025-06-04T13:00
W-1,clock_out,2025-06-04T18:30
W-1,clock_in,2025-06-05T09:00
`;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
  c = await buildContract(database.db);
  await buildOffice(database.db, c.contractId, '支店');
  worker = await buildStaff(database.db, c.contractId, {
    name: '勤務 一郎',
    code: 'W-1',
    offices: [{ officeId: 1 }],
  });
  await importPunches({ db: database.db, publicUrl: 'http://x' }, c.contractId, Buffer.from(WEEK));
  admin = new ApiClient(app);
  await admin.login(c.adminEmail, c.adminPassword);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const timecard = (api: ApiClient, staffId = worker.staffId) =>
  api.get(`/timecards/${staffId}?from=2025-06-01&to=2025-06-07`);
const day = (body: { days: { date: string }[] }, date: string) =>
  body.days.find((d) => d.date === date) as unknown as {
    figures: Record<string, number>;
    punches: {
      id: number;
      type: string;
      at: string;
      corrected: boolean;
      original: unknown;
      history: unknown[];
    }[];
    incomplete: string[];
  };

describe('タイムカード', () => {
  it('shows a row per day with the engine’s figures, and totals equal to the sum of the rows', async () => {
    const response = await timecard(admin);
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.days).toHaveLength(7);
    expect(day(body, '2025-06-02').figures).toMatchObject({
      worked: 480,
      scheduledWithin: 480,
      statutoryOvertime: 0,
    });
    expect(day(body, '2025-06-03').figures).toMatchObject({
      worked: 600,
      scheduledWithin: 480,
      statutoryOvertime: 120,
    });
    expect(day(body, '2025-06-04').figures).toMatchObject({
      worked: 480,
      late: 30,
      scheduledWithin: 450,
      statutoryWithinOvertime: 30,
    });
    expect(day(body, '2025-06-05').incomplete).toEqual(['MISSING_CLOCK_OUT']);
    expect(day(body, '2025-06-05').figures.worked).toBe(0);
    expect(day(body, '2025-06-06').figures.absenceDays).toBe(1);
    expect(day(body, '2025-06-02').punches.map((p) => `${p.type} ${p.at}`)).toEqual([
      'clock_in 2025-06-02T09:00',
      'break_start 2025-06-02T12:00',
      'break_end 2025-06-02T13:00',
      'clock_out 2025-06-02T18:00',
    ]);
    for (const field of [...MINUTE_FIELDS, 'absenceDays'] as const) {
      const sum = body.days.reduce(
        (total: number, d: { figures: Record<string, number> }) => total + d.figures[field]!,
        0,
      );
      expect(body.totals[field], field).toBe(sum);
    }
    expect(body.totals).toMatchObject({ worked: 1560, attendedDays: 3, incompleteDays: 1, absenceDays: 1 });
  });

  it('lets staff see their own timecard only, and other contracts none', async () => {
    const self = new ApiClient(app);
    await self.login(worker.email!, worker.password);
    expect((await timecard(self)).status).toBe(200);
    expect((await timecard(self, c.adminStaffId)).status).toBe(404);
    const other = await buildContract(database.db);
    const stranger = new ApiClient(app);
    await stranger.login(other.adminEmail, other.adminPassword);
    expect((await timecard(stranger)).status).toBe(404);
    expect((await admin.get(`/timecards/${worker.staffId}?from=2025-06-07&to=2025-06-01`)).status).toBe(400);
  });

  it('takes ?month= as the pay period from the 締め日', async () => {
    const june = await admin.get(`/timecards/${worker.staffId}?month=2025-06`);
    expect(june.body.period).toEqual({ from: '2025-06-01', to: '2025-06-30' });
    expect(june.body.totals.worked).toBe(1560);
  });
});

describe('corrections (修正履歴)', () => {
  it('adds a missing 退勤 with a reason; the totals update and the history says who, when and why', async () => {
    const missingReason = await admin.post(`/timecards/${worker.staffId}/punches`, {
      type: 'clock_out',
      at: '2025-06-05T18:00',
    });
    expect(missingReason.status).toBe(400);
    expect(missingReason.body.error.fields.reason.message).toBe('修正の理由を入力してください。');
    const added = await admin.post(`/timecards/${worker.staffId}/punches`, {
      type: 'clock_out',
      at: '2025-06-05T18:00',
      reason: '退勤の打刻忘れ',
    });
    expect(added.status).toBe(201);
    const body = (await timecard(admin)).body;
    expect(day(body, '2025-06-05').incomplete).toEqual([]);
    const addedPunch = day(body, '2025-06-05').punches.find((p) => p.type === 'clock_out')!;
    expect(addedPunch.corrected).toBe(true);
    expect(addedPunch.history).toEqual([
      expect.objectContaining({
        by: '管理 太郎',
        reason: '退勤の打刻忘れ',
        before: null,
        after: { type: 'clock_out', at: '2025-06-05T18:00' },
      }),
    ]);
    // No lunch punched on Thursday: 540 minutes, and a BREAK_SHORTAGE warning, never a deduction.
    expect(day(body, '2025-06-05').figures.worked).toBe(540);
    expect(body.warnings).toContain('BREAK_SHORTAGE@2025-06-05');
  });

  it('changes a punch as a new version: the raw value stays visible, and a second change of it is refused', async () => {
    const before = day((await timecard(admin)).body, '2025-06-04');
    const lateIn = before.punches.find((p) => p.type === 'clock_in')!;
    const changed = await admin.patch(`/punches/${lateIn.id}`, {
      at: '2025-06-04T09:00',
      reason: '電車遅延証明あり',
    });
    expect(changed.status).toBe(200);
    const after = day((await timecard(admin)).body, '2025-06-04');
    expect(after.figures.late).toBe(0);
    const punch = after.punches.find((p) => p.type === 'clock_in')!;
    expect(punch).toMatchObject({
      at: '2025-06-04T09:00',
      corrected: true,
      original: { type: 'clock_in', at: '2025-06-04T09:30' },
    });
    expect(punch.history).toEqual([
      expect.objectContaining({
        by: '管理 太郎',
        reason: '電車遅延証明あり',
        before: { type: 'clock_in', at: '2025-06-04T09:30' },
        after: { type: 'clock_in', at: '2025-06-04T09:00' },
      }),
    ]);
    const again = await admin.patch(`/punches/${lateIn.id}`, { at: '2025-06-04T09:10', reason: 'x' });
    expect(again.status).toBe(409);
    const raw = await database.db
      .selectFrom('punches')
      .select('punchedAt')
      .where('contractId', '=', c.contractId)
      .where('id', '=', lateIn.id)
      .executeTakeFirstOrThrow();
    expect(raw.punchedAt.toISOString()).toBe('2025-06-04T00:30:00.000Z');
  });

  it('deletes a punch with a reason (a deletion version), and rights decide who may correct', async () => {
    const viewer = await buildStaff(database.db, c.contractId, {
      offices: [{ officeId: 1, attendance: 'view' }],
    });
    const editor = await buildStaff(database.db, c.contractId, {
      offices: [{ officeId: 1, attendance: 'edit' }],
    });
    const elsewhere = await buildStaff(database.db, c.contractId, {
      offices: [{ officeId: 2, attendance: 'edit' }],
    });
    const [v, e, x] = [new ApiClient(app), new ApiClient(app), new ApiClient(app)];
    await v.login(viewer.email!, viewer.password);
    await e.login(editor.email!, editor.password);
    await x.login(elsewhere.email!, elsewhere.password);
    expect((await timecard(v)).status).toBe(200);
    expect((await timecard(x)).status).toBe(404);
    const tuesday = day((await timecard(admin)).body, '2025-06-03');
    const out = tuesday.punches.find((p) => p.type === 'clock_out')!;
    expect((await v.request('DELETE', `/punches/${out.id}`, { reason: '誤打刻' })).status).toBe(403);
    expect((await x.request('DELETE', `/punches/${out.id}`, { reason: '誤打刻' })).status).toBe(403);
    const deleted = await e.request('DELETE', `/punches/${out.id}`, { reason: '誤打刻' });
    expect(deleted.status).toBe(200);
    const after = day((await timecard(admin)).body, '2025-06-03') as unknown as ReturnType<typeof day> & {
      removed: { type: string; at: string; reason: string }[];
    };
    expect(after.punches.map((p) => p.type)).not.toContain('clock_out');
    expect(after.removed).toEqual([
      expect.objectContaining({ type: 'clock_out', at: '2025-06-03T20:00', reason: '誤打刻' }),
    ]);
    expect(after.incomplete).toEqual(['MISSING_CLOCK_OUT']);
    // Put it back for the reports below.
    await admin.post(`/timecards/${worker.staffId}/punches`, {
      type: 'clock_out',
      at: '2025-06-03T20:00',
      reason: '削除の取り消し',
    });
  });
});

describe('締め処理', () => {
  it('locks a pay period against corrections until an administrator unlocks it', async () => {
    const self = new ApiClient(app);
    await self.login(worker.email!, worker.password);
    expect((await self.post('/period-locks', { date: '2025-06-10' })).status).toBe(403);
    const locked = await admin.post('/period-locks', { date: '2025-06-10', confirm: true });
    expect(locked.body).toEqual({ period: { from: '2025-06-01', to: '2025-06-30' }, locked: true });
    expect((await timecard(admin)).body.locked).toBe(true);
    const refused = await admin.post(`/timecards/${worker.staffId}/punches`, {
      type: 'clock_in',
      at: '2025-06-06T09:00',
      reason: '追加',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain('2025年6月1日〜30日の期間は締め処理済み');
    await admin.post('/period-locks/unlock', { date: '2025-06-10' });
    expect((await timecard(admin)).body.locked).toBe(false);
  });
});

describe('集計・出力', () => {
  it('sums each person with the same figures as the timecard, and downloads them as CSV', async () => {
    const card = (await timecard(admin)).body;
    const summary = await admin.get('/reports/attendance?from=2025-06-01&to=2025-06-07&officeId=1');
    expect(summary.status).toBe(200);
    const row = summary.body.rows.find((r: { staffId: number }) => r.staffId === worker.staffId);
    for (const field of MINUTE_FIELDS) expect(row[field], field).toBe(card.totals[field]);
    expect(row.attendedDays).toBe(card.totals.attendedDays);

    const utf8 = await app.inject({
      method: 'GET',
      url: '/api/v1/reports/attendance.csv?from=2025-06-01&to=2025-06-07&officeId=1&hours=hmm',
      headers: { cookie: `tc_session=${admin.cookie('tc_session')}` },
    });
    expect(utf8.headers['content-type']).toContain('text/csv');
    const bytes = utf8.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(ATTENDANCE_CSV_HEADER.join(','));
    const line = lines.find((l) => l.startsWith('W-1,'))!;
    const cells = line.split(',');
    expect(cells[1]).toBe('勤務 一郎');
    expect(cells[3]).toBe(
      `${Math.floor(card.totals.worked / 60)}:${String(card.totals.worked % 60).padStart(2, '0')}`,
    );

    const sjis = await app.inject({
      method: 'GET',
      url: '/api/v1/reports/attendance.csv?from=2025-06-01&to=2025-06-07&encoding=shift_jis&hours=decimal',
      headers: { cookie: `tc_session=${admin.cookie('tc_session')}` },
    });
    const text = iconv.decode(sjis.rawPayload, 'Shift_JIS');
    expect(text.startsWith('スタッフコード,名前,出勤日数,総労働時間')).toBe(true);
    const decimal = text
      .split('\r\n')
      .find((l) => l.startsWith('W-1,'))!
      .split(',')[3];
    expect(decimal).toMatch(/^\d+\.\d{2}$/);

    const plain = new ApiClient(app);
    await plain.login(worker.email!, worker.password);
    expect((await plain.get('/reports/attendance?from=2025-06-01&to=2025-06-07')).status).toBe(403);
  });
});

describe('punch import in the 管理画面', () => {
  it('rejects a file with any bad row and imports nothing; the same file twice records each punch once', async () => {
    const bad =
      'staff_code,type,at\nW-1,clock_in,2025-07-01T09:00\nNOPE,clock_in,2025-07-01T09:00\nW-1,lunch,2025-07-01T12:00\nW-1,clock_out,2025-02-30T18:00\n';
    const headers = { 'content-type': 'text/csv' };
    const rejected = await admin.request('POST', '/punch-imports', undefined, headers);
    expect(rejected.status).toBe(400);
    const send = (text: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/punch-imports',
        headers: {
          ...headers,
          cookie: `tc_session=${admin.cookie('tc_session')}`,
          'x-csrf-token': admin.csrfToken!,
        },
        payload: iconv.encode(text, 'Shift_JIS'),
      });
    const response = await send(bad);
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().error.fields).sort()).toEqual([
      'row3.staff_code',
      'row4.type',
      'row5.at',
    ]);
    const july = await admin.get(`/timecards/${worker.staffId}?from=2025-07-01&to=2025-07-01`);
    expect(july.body.days[0].punches).toEqual([]);

    const good = 'staff_code,type,at\nW-1,clock_in,2025-07-01T09:00\nW-1,clock_out,2025-07-01T18:00\n';
    expect((await send(good)).json()).toEqual({ imported: 2, skipped: 0 });
    expect((await send(good)).json()).toEqual({ imported: 0, skipped: 2 });
  });
});

describe('設定 > 勤務ルール', () => {
  it('starts from the example settings and takes overrides per contract and office, checked by the engine', async () => {
    const rules = await admin.get('/settings/work-rules');
    expect(rules.body.effective).toMatchObject({
      weekStart: 'sun',
      legalHoliday: 'sun',
      scheduledHolidays: ['sat', 'sun'],
      weeklyLimitMinutes: 2400,
      monthStartDay: 1,
      dayBoundary: '05:00',
      schedule: {
        default: { start: '09:00', end: '18:00', breaks: [['12:00', '13:00']] },
        byWeekday: {},
        byDate: {},
      },
    });
    const typo = await admin.request('PUT', '/settings/work-rules', { weeklyLimitMinute: 2640 });
    expect(typo.status).toBe(400);
    const office = await admin.request('PUT', '/offices/2/work-rules', { weeklyLimitMinutes: 2640 });
    expect(office.status).toBe(200);
    expect(office.body.effective.weeklyLimitMinutes).toBe(2640);
    expect((await admin.get('/settings/work-rules')).body.effective.weeklyLimitMinutes).toBe(2400);
    // A person of office 2 inherits its override.
    const member = await buildStaff(database.db, c.contractId, { email: null, offices: [{ officeId: 2 }] });
    expect((await admin.get(`/staff/${member.staffId}/work-rules`)).body.effective.weeklyLimitMinutes).toBe(
      2640,
    );
    // A rule the engine would refuse later is refused now, naming the field.
    const broken = await admin.request('PUT', '/settings/work-rules', {
      schedule: {
        default: { start: '18:00', end: '09:00', breaks: [['05:00', '04:00']] },
        byWeekday: {},
        byDate: {},
      },
    });
    expect(broken.status).toBe(422);
    expect(broken.body.error.code).toBe('work_rules_invalid');
    expect(Object.keys(broken.body.error.fields ?? {})).toHaveLength(1);
    const self = new ApiClient(app);
    await self.login(worker.email!, worker.password);
    expect((await self.get('/settings/work-rules')).status).toBe(403);
  });
});

describe('another contract', () => {
  it('reaches none of this contract’s punches, rules, locks or report rows', async () => {
    const other = await buildContract(database.db);
    const stranger = new ApiClient(app);
    await stranger.login(other.adminEmail, other.adminPassword);
    const punchId = day((await timecard(admin)).body, '2025-06-02').punches[0]!.id;

    expect(
      (await stranger.patch(`/punches/${punchId}`, { at: '2025-06-02T08:00', reason: '乗っ取り' })).status,
    ).toBe(404);
    expect((await stranger.request('DELETE', `/punches/${punchId}`, { reason: '乗っ取り' })).status).toBe(
      404,
    );
    expect(
      (
        await stranger.post(`/timecards/${worker.staffId}/punches`, {
          type: 'clock_in',
          at: '2025-06-09T09:00',
          reason: 'x',
        })
      ).status,
    ).toBe(404);
    expect((await stranger.get(`/staff/${worker.staffId}/work-rules`)).status).toBe(404);
    expect((await stranger.request('PUT', '/offices/2/work-rules', { weekStart: 'mon' })).status).toBe(404);

    const rows = (await stranger.get('/reports/attendance?from=2025-06-01&to=2025-06-07')).body.rows;
    expect(rows.map((r: { name: string }) => r.name)).toEqual(['管理 太郎']);
    await stranger.post('/period-locks', { date: '2025-06-10', confirm: true });
    expect((await timecard(admin)).body.locked).toBe(false);
    expect((await admin.get(`/timecards/${worker.staffId}?month=2025-06`)).body.days[1].punches).toHaveLength(
      4,
    );
  });
});
