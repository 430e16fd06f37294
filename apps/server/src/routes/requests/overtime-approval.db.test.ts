import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, type BuiltStaff, buildContract, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

// Issue 18, 残業は承認制 (ADR 025): with `overtimeNeedsApproval`, work past the scheduled end counts
// only up to the planned end of an approved 残業申請; the rest is 未承認残業 on the timecard, and the
// タイムカード, 集計・出力 and its CSV show the same figures. Off, nothing changes.
// A year after requests.db.test's clock: this file's request waits in the global approvers' digest
// queue until a later time than that file's digest runs look at (a shared PostgreSQL test database).
const NOW = new Date('2027-11-10T10:00:00+09:00');
// A Thursday of the default schedule 09:00–18:00 (12:00–13:00 break), worked 09:00–21:00.
const DAY = '2027-11-04';
let database: Database;
let app: FastifyInstance;
let c: BuiltContract;
let admin: ApiClient;
let managerClient: ApiClient;
let staffClient: ApiClient;
let staff: BuiltStaff;

async function client(email: string, password: string) {
  const result = new ApiClient(app);
  await result.login(email, password);
  return result;
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', PUBLIC_URL: 'http://timecard.test' }),
    database,
    serveWeb: false,
    now: () => NOW,
  });
  c = await buildContract(database.db, { plan: 'premium_plus' });
  const manager = await buildStaff(database.db, c.contractId, {
    name: '店長 一郎',
    offices: [{ officeId: 1, attendance: 'edit' }],
  });
  staff = await buildStaff(database.db, c.contractId, {
    name: '残業 太郎',
    code: 'OT1',
    hiredOn: '2025-04-01',
    offices: [{ officeId: 1 }],
  });
  admin = await client(c.adminEmail, c.adminPassword);
  managerClient = await client(manager.email!, manager.password);
  staffClient = await client(staff.email!, staff.password);
  for (const [type, time] of [
    ['clock_in', '09:00'],
    ['break_start', '12:00'],
    ['break_end', '13:00'],
    ['clock_out', '21:00'],
  ]) {
    const added = await admin.post(`/timecards/${staff.staffId}/punches`, {
      type,
      at: `${DAY}T${time}`,
      reason: '初期データ',
    });
    expect(added.status).toBe(201);
  }
});
afterAll(async () => {
  // The 残業申請 queued this contract in the global approvers' digest: on a shared PostgreSQL test
  // database another file's digest run must not find it.
  await database.db.deleteFrom('requestDigests').where('contractId', '=', c.contractId).execute();
  await app.close();
  await database.close();
});

/** The day on the タイムカード, the row of 集計・出力 and the CSV's cells for the person. */
async function figures() {
  const card = await admin.get(`/timecards/${staff.staffId}?from=${DAY}&to=${DAY}`);
  expect(card.status).toBe(200);
  const day = card.body.days[0];
  const summary = await admin.get(`/reports/attendance?from=${DAY}&to=${DAY}`);
  expect(summary.status).toBe(200);
  const row = summary.body.rows.find((r: { staffId: number }) => r.staffId === staff.staffId);
  const csv = await admin.get(`/reports/attendance.csv?from=${DAY}&to=${DAY}&hours=hmm`);
  expect(csv.status).toBe(200);
  const lines = csv.text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]!.split(',');
  const cells = lines.find((l) => l.startsWith('OT1,'))!.split(',');
  const cell = (name: string) => cells[header.indexOf(name)];
  // One set of figures: the timecard's day and totals, the summary row and the CSV agree.
  expect(card.body.totals.worked).toBe(day.figures.worked);
  expect(row.worked).toBe(day.figures.worked);
  expect(row.statutoryOvertime).toBe(day.figures.statutoryOvertime);
  expect(row.unapprovedOvertime).toBe(card.body.totals.unapprovedOvertime);
  const hmm = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
  expect(cell('総労働時間')).toBe(hmm(row.worked));
  expect(cell('法定外残業')).toBe(hmm(row.statutoryOvertime));
  return {
    worked: day.figures.worked as number,
    overtime: day.figures.statutoryOvertime as number,
    unapproved: day.unapprovedOvertime,
    unapprovedTotal: card.body.totals.unapprovedOvertime as number,
    punches: day.punches.map((p: { type: string; at: string }) => `${p.type}@${p.at.slice(11)}`),
  };
}

const PUNCHED = ['clock_in@09:00', 'break_start@12:00', 'break_end@13:00', 'clock_out@21:00'];

describe('残業は承認制 (overtimeNeedsApproval)', () => {
  it('off (the default): every minute worked counts, nothing is 未承認残業', async () => {
    expect((await admin.get('/settings/requests')).body).toEqual({ overtimeNeedsApproval: false });
    expect(await figures()).toEqual({
      worked: 660,
      overtime: 180,
      unapproved: [],
      unapprovedTotal: 0,
      punches: PUNCHED,
    });
  });

  it('on without an approved 残業申請: counted to the scheduled end, the rest shown as 未承認残業', async () => {
    expect((await admin.put('/settings/requests', { overtimeNeedsApproval: true })).status).toBe(200);
    expect(await figures()).toEqual({
      worked: 480,
      overtime: 0,
      unapproved: [{ from: `${DAY}T18:00`, to: `${DAY}T21:00`, minutes: 180 }],
      unapprovedTotal: 180,
      // The punches stay as punched.
      punches: PUNCHED,
    });
    // A saved 出力レイアウト may carry the 未承認残業 column for payroll to see.
    const layout = await admin.post('/report-layouts', {
      name: '未承認残業つき',
      columns: [
        { key: 'code', header: 'コード' },
        { key: 'worked', header: '総労働' },
        { key: 'unapprovedOvertime', header: '未承認残業' },
      ],
      timeFormat: 'minutes',
      encoding: 'utf-8',
      lineEnding: 'lf',
      quoting: 'minimal',
    });
    expect(layout.status, JSON.stringify(layout.body)).toBe(201);
    const laid = await admin.get(`/reports/attendance.csv?from=${DAY}&to=${DAY}&layout=${layout.body.id}`);
    const laidLines = laid.text.replace(/^\uFEFF/, '').split('\n');
    expect(laidLines[0]).toBe('コード,総労働,未承認残業');
    expect(laidLines).toContain('OT1,480,180');
  });

  it('a 残業申請 still 申請中 counts nothing; approved to 20:00, the overtime to 20:00 counts', async () => {
    const made = await staffClient.post('/requests', {
      kind: 'overtime',
      date: DAY,
      plannedEnd: '20:00',
      reason: '棚卸し',
    });
    expect(made.status).toBe(201);
    expect((await figures()).worked).toBe(480);
    expect((await managerClient.post(`/requests/${made.body.id}/approve`, {})).status).toBe(200);
    expect(await figures()).toEqual({
      worked: 600,
      overtime: 120,
      unapproved: [{ from: `${DAY}T20:00`, to: `${DAY}T21:00`, minutes: 60 }],
      unapprovedTotal: 60,
      punches: PUNCHED,
    });
  });

  it('off again: the figures are as punched once more', async () => {
    expect((await admin.put('/settings/requests', { overtimeNeedsApproval: false })).status).toBe(200);
    expect((await figures()).worked).toBe(660);
  });
});
