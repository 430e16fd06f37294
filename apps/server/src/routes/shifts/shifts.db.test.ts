import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { importPunches } from '../../services/punch-import.service.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

// Issue 15: シフト管理 through the API — patterns, drafts, 【公開】 with mails, the shift as the
// schedule of シフト制 staff (遅刻, 欠勤 only on shift days), rights, plan and tenancy.
const NOW = new Date('2026-12-04T10:00:00+09:00');
let database: Database;
let app: FastifyInstance;
let c: BuiltContract;
let admin: ApiClient;
let shiftStaff: { staffId: number; email: string | null; password: string };
let patternId: number;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    database,
    serveWeb: false,
    now: () => NOW,
  });
  c = await buildContract(database.db, { plan: 'premium' });
  shiftStaff = await buildStaff(database.db, c.contractId, {
    name: 'シフト 花子',
    code: 'SH-1',
    hiredOn: '2025-04-01',
    offices: [{ officeId: 1 }],
  });
  await buildStaff(database.db, c.contractId, {
    name: '固定 一郎',
    code: 'FX-1',
    hiredOn: '2025-04-01',
    offices: [{ officeId: 1 }],
  });
  admin = new ApiClient(app);
  await admin.login(c.adminEmail, c.adminPassword);
  expect((await admin.patch(`/staff/${shiftStaff.staffId}`, { workStyle: 'shift' })).body.workStyle).toBe(
    'shift',
  );
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const mails = async (to: string) =>
  database.db
    .selectFrom('mailOutbox')
    .select(['subject', 'bodyText'])
    .where('toAddress', '=', to)
    .orderBy('id')
    .execute();

describe('シフトパターン and the shift table', () => {
  it('creates 早番, refuses a break outside the shift, and lists the pattern', async () => {
    const created = await admin.post('/offices/1/shift-patterns', {
      name: '早番',
      start: '09:00',
      end: '18:00',
      breaks: [['12:00', '13:00']],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '早番', minutes: 480, color: '#0b7285' });
    patternId = created.body.id;
    const bad = await admin.post('/offices/1/shift-patterns', {
      name: '遅番',
      start: '13:00',
      end: '22:00',
      breaks: [['23:00', '23:30']],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.breaks.code).toBe('shift_break_outside');
    expect(
      (await admin.get('/offices/1/shift-patterns')).body.items.map((p: { name: string }) => p.name),
    ).toEqual(['早番']);
  });

  it('plans drafts (a pattern, custom times, 休み, a night shift) with totals, then 【公開】 mails the person', async () => {
    const saved = await admin.request('PUT', '/offices/1/shifts', {
      cells: [
        { kind: 'pattern', staffId: shiftStaff.staffId, date: '2026-11-02', patternId },
        {
          kind: 'custom',
          staffId: shiftStaff.staffId,
          date: '2026-11-03',
          start: '13:00',
          end: '22:00',
          breaks: [['17:00', '18:00']],
        },
        { kind: 'off', staffId: shiftStaff.staffId, date: '2026-11-04' },
        {
          kind: 'custom',
          staffId: shiftStaff.staffId,
          date: '2026-11-05',
          start: '20:00',
          end: '07:00',
          breaks: [['02:00', '03:00']],
        },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.saved).toBe(4);
    const table = (await admin.get('/offices/1/shifts?from=2026-11-01&to=2026-11-30')).body;
    expect(table.period).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(table.cells.every((cell: { status: string }) => cell.status === 'draft')).toBe(true);
    const mine = table.totals.byStaff.find((t: { staffId: number }) => t.staffId === shiftStaff.staffId);
    // 480 + 480 + 600: the night shift is 10 h, over the 8 h a day.
    expect(mine).toMatchObject({ days: 3, minutes: 1560, overDay: ['2026-11-05'], overWeek: [] });
    expect(table.unpublished).toBe(4);

    const published = await admin.post('/offices/1/shifts/publish', { from: '2026-11-01', to: '2026-11-30' });
    expect(published.body).toEqual({ published: 4, notified: 1 });
    const [mail] = await mails(shiftStaff.email!);
    expect(mail!.subject).toContain('シフトが公開されました');
    expect(mail!.bodyText).toContain('11/02(月) 09:00〜18:00');
    expect(mail!.bodyText).toContain('11/04(水) 休み');

    // A change after 【公開】 is marked, and its mail says 変更.
    await admin.request('PUT', '/offices/1/shifts', {
      cells: [
        {
          kind: 'custom',
          staffId: shiftStaff.staffId,
          date: '2026-11-02',
          start: '09:00',
          end: '17:00',
          breaks: [['12:00', '13:00']],
        },
      ],
    });
    const changed = (await admin.get('/offices/1/shifts?from=2026-11-01&to=2026-11-30')).body;
    expect(changed.cells.find((cell: { date: string }) => cell.date === '2026-11-02').status).toBe('changed');
    expect(
      (await admin.post('/offices/1/shifts/publish', { from: '2026-11-01', to: '2026-11-30' })).body
        .published,
    ).toBe(1);
    const second = (await mails(shiftStaff.email!))[1]!;
    expect(second.subject).toContain('シフトが変更されました');
    expect(second.bodyText).toContain('【変更】11/02(月) 09:00〜17:00');
  });
});

describe('the shift is the schedule of シフト制 staff', () => {
  it('judges 遅刻 against the shift, 欠勤 only on a shift day, and not on 休み or a day without shift', async () => {
    await importPunches(
      { db: database.db, publicUrl: 'http://x' },
      c.contractId,
      Buffer.from(
        [
          'staff_code,type,at',
          // 11/02 shift 09:00–17:00: in at 09:10 → 遅刻 10.
          'SH-1,clock_in,2026-11-02T09:10',
          'SH-1,break_start,2026-11-02T12:00',
          'SH-1,break_end,2026-11-02T13:00',
          'SH-1,clock_out,2026-11-02T17:00',
          // 11/05 night 20:00–07:00 (break 02:00–03:00) worked in full.
          'SH-1,clock_in,2026-11-05T20:00',
          'SH-1,break_start,2026-11-06T02:00',
          'SH-1,break_end,2026-11-06T03:00',
          'SH-1,clock_out,2026-11-06T07:00',
        ].join('\n'),
      ),
    );
    const card = (await admin.get(`/timecards/${shiftStaff.staffId}?from=2026-11-01&to=2026-11-07`)).body;
    const day = (date: string) => card.days.find((d: { date: string }) => d.date === date);
    expect(day('2026-11-02').figures).toMatchObject({ late: 10, worked: 410, absenceDays: 0 });
    // 11/03 had a 13:00–22:00 shift and no punch: 欠勤. 11/04 休み and 11/06–07 without shift: not.
    expect(day('2026-11-03').figures.absenceDays).toBe(1);
    expect(day('2026-11-04').figures.absenceDays).toBe(0);
    expect(day('2026-11-06').figures.absenceDays).toBe(0);
    // The 10 h night shift: 2 h over 8 h are 法定外 (通常 rules), 深夜 from 22:00 to 05:00 less the break.
    expect(day('2026-11-05').figures).toMatchObject({
      worked: 600,
      scheduledWithin: 600 - 120,
      statutoryOvertime: 120,
      lateNight: 360,
    });
    expect(card.totals.absenceDays).toBe(1);

    const report = (await admin.get('/reports/attendance?from=2026-11-01&to=2026-11-07')).body;
    expect(report.rows.find((r: { code: string }) => r.code === 'SH-1')).toMatchObject({
      late: 10,
      absenceDays: 1,
    });
    // 固定 staff keep the work rules' Mon–Fri schedule: 11/02–06 without punches, less 文化の日 (11/03,
    // a 祝日 and so a 所定休日), are 4 days of 欠勤.
    expect(report.rows.find((r: { code: string }) => r.code === 'FX-1')).toMatchObject({ absenceDays: 4 });
  });

  it('シフト丸め: an early clock-in counts from the shift start, shown beside the punch as punched', async () => {
    await admin.put('/offices/1/shifts', {
      cells: [
        {
          kind: 'custom',
          staffId: shiftStaff.staffId,
          date: '2026-10-19',
          start: '09:00',
          end: '18:00',
          breaks: [['12:00', '13:00']],
        },
      ],
    });
    await admin.post('/offices/1/shifts/publish', { from: '2026-10-19', to: '2026-10-19' });
    await importPunches(
      { db: database.db, publicUrl: 'http://x' },
      c.contractId,
      Buffer.from('staff_code,type,at\nSH-1,clock_in,2026-10-19T08:48\nSH-1,clock_out,2026-10-19T18:10\n'),
    );
    const day = async () =>
      (await admin.get(`/timecards/${shiftStaff.staffId}?from=2026-10-19&to=2026-10-19`)).body.days[0];
    // 丸めない: every punched minute counts.
    expect((await day()).figures.worked).toBe(9 * 60 + 22);
    expect(
      (await admin.put('/settings/work-rules', { shiftRounding: { mode: 'round', unit: 15 } })).status,
    ).toBe(200);
    const rounded = await day();
    expect(rounded.figures).toMatchObject({ worked: 9 * 60, late: 0 });
    expect(rounded.punches.map((p: { at: string; countedAt?: string }) => [p.at, p.countedAt])).toEqual([
      ['2026-10-19T08:48', '2026-10-19T09:00'],
      ['2026-10-19T18:10', '2026-10-19T18:00'],
    ]);
    // 打刻実績のみ丸める: imported punches are not punch operations, so they count as punched.
    await admin.put('/settings/work-rules', { shiftRounding: { mode: 'punches_only', unit: 15 } });
    expect((await day()).figures.worked).toBe(9 * 60 + 22);
    const bad = await admin.put('/settings/work-rules', { shiftRounding: { mode: 'round', unit: 7 } });
    expect(bad.status).toBeGreaterThanOrEqual(400);
    expect(bad.status).toBeLessThan(500);
    expect(Object.keys(bad.body.error.fields ?? {}).join()).toContain('shiftRounding');
    await admin.put('/settings/work-rules', {});
  });

  it('shows staff their own published shifts only', async () => {
    const self = new ApiClient(app);
    await self.login(shiftStaff.email!, shiftStaff.password);
    const mine = (await self.get('/me/shifts?from=2026-11-01&to=2026-11-07')).body;
    expect(
      mine.items.map((s: { date: string; off: boolean; start: string | null }) => [s.date, s.off, s.start]),
    ).toEqual([
      ['2026-11-02', false, '09:00'],
      ['2026-11-03', false, '13:00'],
      ['2026-11-04', true, null],
      ['2026-11-05', false, '20:00'],
    ]);
    // Without シフト予定 rights the office's table does not exist for them.
    expect((await self.get('/offices/1/shifts?from=2026-11-01&to=2026-11-30')).status).toBe(404);
  });
});

describe('shift CSV import and export', () => {
  const upload = (csv: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/offices/1/shift-imports',
      headers: {
        cookie: `tc_session=${admin.cookie('tc_session')}`,
        'x-csrf-token': admin.csrfToken!,
        'content-type': 'text/csv',
      },
      payload: Buffer.from(csv),
    });

  it('imports staff_code,date,start,end,breaks as published shifts, once, and refuses a bad file whole', async () => {
    const csv = [
      'staff_code,date,start,end,breaks',
      'SH-1,2026-11-16,09:00,18:00,12:00-13:00',
      'SH-1,2026-11-17,22:00,06:00,02:00-02:30;04:00-04:15',
      'SH-1,2026-11-18,,,',
      '',
    ].join('\n');
    const first = await upload(csv);
    expect(first.statusCode).toBe(201);
    expect(JSON.parse(first.body)).toEqual({ imported: 3, changed: 3 });
    expect(JSON.parse((await upload(csv)).body)).toEqual({ imported: 3, changed: 0 });
    const mine = (await admin.get('/offices/1/shifts?from=2026-11-16&to=2026-11-18')).body.cells;
    expect(
      mine.map((c: { date: string; status: string; published: { off: boolean; end: string | null } }) => [
        c.date,
        c.status,
        c.published.off,
        c.published.end,
      ]),
    ).toEqual([
      ['2026-11-16', 'published', false, '18:00'],
      ['2026-11-17', 'published', false, '06:00'],
      ['2026-11-18', 'published', true, null],
    ]);
    const bad = await upload(
      'スタッフコード,日付,開始,終了,休憩\nSH-1,2026-11-19,9:00,18:00,12:00-19:00\nNOPE,2026-11-20,09:00,10:00,\n',
    );
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(JSON.parse(bad.body).error.fields)).toEqual(['row2.休憩', 'row3.スタッフコード']);
    expect((await admin.get('/offices/1/shifts?from=2026-11-19&to=2026-11-20')).body.cells).toEqual([]);

    const exported = await app.inject({
      method: 'GET',
      url: '/api/v1/offices/1/shifts.csv?from=2026-11-16&to=2026-11-18',
      headers: { cookie: `tc_session=${admin.cookie('tc_session')}` },
    });
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.rawPayload.subarray(3).toString('utf8').split('\r\n')).toEqual([
      'staff_code,date,start,end,breaks',
      'SH-1,2026-11-16,09:00,18:00,12:00-13:00',
      'SH-1,2026-11-17,22:00,06:00,02:00-02:30;04:00-04:15',
      'SH-1,2026-11-18,,,',
      '',
    ]);
  });
});

describe('the terminal', () => {
  it('shows today’s published shift beside each name', async () => {
    await admin.request('PUT', '/offices/1/shifts', {
      cells: [{ kind: 'pattern', staffId: shiftStaff.staffId, date: '2026-12-04', patternId }],
    });
    await admin.post('/offices/1/shifts/publish', { from: '2026-12-01', to: '2026-12-31' });
    const terminal = new ApiClient(app, '10.0.0.9');
    expect(
      (await terminal.post('/clock/auth', { contractId: c.contractId, officeId: 1, pin: '0000' })).status,
    ).toBe(200);
    const board = (await terminal.get('/terminal')).body;
    const person = (id: number) => board.staff.find((s: { id: number }) => s.id === id);
    expect(person(shiftStaff.staffId).shift).toEqual({ off: false, start: '09:00', end: '18:00' });
    expect(person(c.adminStaffId)?.shift ?? null).toBeNull();
  });
});

describe('plan, rights and tenancy', () => {
  it('answers 403 plan_required on スタンダード, naming the plan', async () => {
    const standard = await buildContract(database.db, { plan: 'standard' });
    const client = new ApiClient(app);
    await client.login(standard.adminEmail, standard.adminPassword);
    const refused = await client.get('/offices/1/shifts');
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'plan_required',
      message: 'この機能はプレミアムプラン以上でご利用いただけます。',
    });
  });

  it('never reaches another contract’s offices, patterns or cells', async () => {
    const other = await buildContract(database.db, { plan: 'enterprise' });
    const client = new ApiClient(app);
    await client.login(other.adminEmail, other.adminPassword);
    const table = (await client.get('/offices/1/shifts?from=2026-11-01&to=2026-11-30')).body;
    expect(table.cells).toEqual([]);
    expect(table.patterns).toEqual([]);
    expect(
      (
        await client.request('PUT', `/shift-patterns/${patternId}`, {
          name: 'x',
          start: '09:00',
          end: '10:00',
        })
      ).status,
    ).toBe(404);
    const foreign = await client.request('PUT', '/offices/1/shifts', {
      cells: [{ kind: 'off', staffId: shiftStaff.staffId, date: '2026-11-10' }],
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.code).toBe('shift_staff_not_in_office');
  });

  it('answers 400 naming the field for bad input, never 500', async () => {
    const bad = await admin.request('PUT', '/offices/1/shifts', {
      cells: [
        { kind: 'custom', staffId: shiftStaff.staffId, date: '2026-02-30', start: '25:00', end: '10:00' },
      ],
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(
      expect.arrayContaining(['cells.0.date', 'cells.0.start']),
    );
    expect((await admin.get('/offices/abc/shifts')).status).toBe(404);
    expect((await admin.get('/offices/1/shifts?from=2026-01-01&to=2026-12-31')).body.error.code).toBe(
      'shift_range_too_long',
    );
  });
});
