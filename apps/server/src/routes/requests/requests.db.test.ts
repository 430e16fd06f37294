import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import { startRequestDigest } from '../../jobs/request-digest.ts';
import { grantDueLeaveFor } from '../../services/leave.service.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, type BuiltStaff, buildContract, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

// Issue 18: ワークフロー through the API — the four kinds, 申請中 → 承認 / 却下 / 差戻し / 取消, the
// approval applying a 打刻修正申請 through the correction path once (two approvers at once), the
// approvers' digest and the applicant's mail, 締め済 periods, 勤怠確定, plans, routes and tokens.
const NOW = new Date('2026-11-10T10:00:00+09:00');
const silent = { info() {}, warn() {}, error() {} };
let database: Database;
let app: FastifyInstance;
let c: BuiltContract;
let admin: ApiClient;
let managerClient: ApiClient;
let staffClient: ApiClient;
let manager: BuiltStaff;
let staff: BuiltStaff;

const digest = (db = database) =>
  startRequestDigest({
    database: db,
    publicUrl: 'http://timecard.test',
    delaySeconds: 0,
    log: silent,
    pollMs: 0,
    now: () => NOW,
  });

const mails = async (to: string) =>
  database.db
    .selectFrom('mailOutbox')
    .select(['subject', 'bodyText'])
    .where('toAddress', '=', to)
    .orderBy('id')
    .execute();

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
  manager = await buildStaff(database.db, c.contractId, {
    name: '店長 一郎',
    offices: [{ officeId: 1, attendance: 'edit' }],
  });
  staff = await buildStaff(database.db, c.contractId, {
    name: '申請 花子',
    hiredOn: '2025-04-01',
    offices: [{ officeId: 1 }],
  });
  admin = await client(c.adminEmail, c.adminPassword);
  managerClient = await client(manager.email!, manager.password);
  staffClient = await client(staff.email!, staff.password);
  const added = await admin.post(`/timecards/${staff.staffId}/punches`, {
    type: 'clock_in',
    at: '2026-11-05T09:00',
    reason: '初期データ',
  });
  expect(added.status).toBe(201);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const correction = (date: string, punches: [string, string][], reason = '退勤の打刻忘れ') => ({
  kind: 'punch_correction',
  date,
  punches: punches.map(([type, at]) => ({ type, at: `${date}T${at}` })),
  reason,
});

describe('打刻修正申請, from 申請 to the timecard', () => {
  let requestId: number;

  it('takes the day as it should be, keeps the day as it is, and mails the manager one digest', async () => {
    const made = await staffClient.post(
      '/requests',
      correction('2026-11-05', [
        ['clock_in', '09:00'],
        ['clock_out', '18:00'],
      ]),
    );
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      kind: 'punch_correction',
      status: 'pending',
      staff: { id: staff.staffId, name: '申請 花子' },
      office: { id: 1 },
      before: [{ type: 'clock_in', at: '2026-11-05T09:00' }],
      canCancel: true,
      canDecide: false,
    });
    requestId = made.body.id;
    // A second request of the same staff member in the window joins the same digest.
    const overtime = await staffClient.post('/requests', {
      kind: 'overtime',
      date: '2026-11-12',
      plannedEnd: '20:00',
      reason: '棚卸し',
    });
    expect(overtime.status).toBe(201);
    expect(await digest().runOnce()).toBe(1);
    const [mail, ...more] = await mails(manager.email!);
    expect(more).toEqual([]);
    expect(mail!.subject).toContain('承認待ちの申請が2件あります');
    expect(mail!.bodyText).toContain(`http://timecard.test/admin/workflow/requests/${requestId}`);
    expect(mail!.bodyText).toContain('打刻修正申請（申請 花子');
    // Nothing more to send until something new comes.
    expect(await digest().runOnce()).toBe(0);
    expect(await mails(manager.email!)).toHaveLength(1);
  });

  it('refuses an impossible day, a duplicate, and shows the request only to those who may see it', async () => {
    const bad = await staffClient.post(
      '/requests',
      correction('2026-11-07', [
        ['clock_in', '18:00'],
        ['clock_out', '09:00'],
      ]),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('punch_sequence_invalid');
    expect(Object.keys(bad.body.error.fields)[0]).toMatch(/^punches\.\d\.at$/);
    const twice = await staffClient.post(
      '/requests',
      correction('2026-11-05', [
        ['clock_in', '09:00'],
        ['clock_out', '18:00'],
      ]),
    );
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('request_duplicate');
    const stranger = await buildStaff(database.db, c.contractId, {
      name: '他人',
      offices: [{ officeId: 1 }],
    });
    const other = await client(stranger.email!, stranger.password);
    expect((await other.get(`/requests/${requestId}`)).status).toBe(404);
    expect((await staffClient.post(`/requests/${requestId}/approve`, {})).body.error.code).toBe(
      'request_not_decider',
    );
  });

  it('lists it for the manager to decide, with the menu count', async () => {
    const list = await managerClient.get('/requests?view=decide&kind=punch_correction');
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { id: number }) => r.id)).toEqual([requestId]);
    expect(list.body.items[0].canDecide).toBe(true);
    expect((await managerClient.get('/requests/pending-count')).body).toEqual({ count: 2 });
    const detail = await managerClient.get(`/requests/${requestId}`);
    expect(detail.body.events).toMatchObject([
      { action: 'create', by: '申請 花子', comment: '退勤の打刻忘れ' },
    ]);
    expect(detail.body.route).toEqual([{ type: 'right', right: 'attendance', level: 'edit', name: null }]);
  });

  it('applies it once when the manager and an administrator approve at the same moment', async () => {
    const [a, b] = await Promise.all([
      managerClient.post(`/requests/${requestId}/approve`, {}),
      admin.post(`/requests/${requestId}/approve`, {}),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const refused = a.status === 409 ? a : b;
    expect(refused.body.error.code).toBe('request_not_pending');
    expect(refused.body.error.message).toContain('承認');

    const card = await staffClient.get(`/timecards/${staff.staffId}?from=2026-11-05&to=2026-11-05`);
    const punches = card.body.days[0].punches;
    expect(punches.map((p: { type: string; at: string }) => `${p.type}@${p.at}`)).toEqual([
      'clock_in@2026-11-05T09:00',
      'clock_out@2026-11-05T18:00',
    ]);
    // 修正履歴 names the request; the clock-in, unchanged, was not rewritten.
    expect(punches[1].history).toMatchObject([{ reason: '退勤の打刻忘れ', requestId, before: null }]);
    expect(punches[0].history.some((h: { requestId?: number }) => h.requestId)).toBe(false);
    const versions = await database.db
      .selectFrom('punches')
      .select('id')
      .where('contractId', '=', c.contractId)
      .where('staffId', '=', staff.staffId)
      .execute();
    expect(versions).toHaveLength(2);
  });

  it('tells the applicant 承認 by mail, and records the decision in the 操作ログ', async () => {
    const mine = await mails(staff.email!);
    expect(mine.at(-1)!.subject).toContain('申請が承認されました');
    expect(mine.at(-1)!.bodyText).toContain(`http://timecard.test/admin/requests/${requestId}`);
    const log = await admin.get('/audit-log?kind=request&from=2026-01-01&to=2027-12-31');
    const actions = log.body.items.map((i: { action: string }) => i.action);
    expect(actions).toContain('request.approve');
    expect(actions).toContain('request.create');
    expect(actions.filter((a: string) => a === 'request.approve')).toHaveLength(1);
  });
});

describe('却下, 差戻し and 取消', () => {
  it('needs a comment to 却下, then refuses every later decision and applies nothing', async () => {
    const made = await staffClient.post('/requests', correction('2026-11-04', [['clock_in', '10:00']]));
    expect(made.status).toBe(201);
    const noComment = await managerClient.post(`/requests/${made.body.id}/reject`, {});
    expect(noComment.status).toBe(400);
    expect(noComment.body.error.code).toBe('comment_required');
    const rejected = await managerClient.post(`/requests/${made.body.id}/reject`, {
      comment: '出勤していません',
    });
    expect(rejected.body.status).toBe('rejected');
    expect((await admin.post(`/requests/${made.body.id}/approve`, {})).status).toBe(409);
    const card = await staffClient.get(`/timecards/${staff.staffId}?from=2026-11-04&to=2026-11-04`);
    expect(card.body.days[0].punches).toEqual([]);
    expect((await mails(staff.email!)).at(-1)!.subject).toContain('却下');
  });

  it('returns a request to the applicant, who edits and resends it, or cancels', async () => {
    const made = await staffClient.post('/requests', correction('2026-11-03', [['clock_in', '08:00']]));
    const returned = await managerClient.post(`/requests/${made.body.id}/return`, {
      comment: '退勤も入れてください',
    });
    expect(returned.body).toMatchObject({ status: 'returned', canDecide: false });
    expect((await mails(staff.email!)).at(-1)!.bodyText).toContain('再申請');
    const resent = await staffClient.put(
      `/requests/${made.body.id}`,
      correction('2026-11-03', [
        ['clock_in', '08:00'],
        ['clock_out', '17:00'],
      ]),
    );
    expect(resent.body).toMatchObject({ status: 'pending', step: 0 });
    expect((await managerClient.post(`/requests/${made.body.id}/cancel`, {})).status).toBe(403);
    const cancelled = await staffClient.post(`/requests/${made.body.id}/cancel`, {});
    expect(cancelled.body.status).toBe('cancelled');
    const detail = await staffClient.get(`/requests/${made.body.id}`);
    expect(detail.body.events.map((e: { action: string }) => e.action)).toEqual([
      'create',
      'return',
      'resend',
      'cancel',
    ]);
    expect(detail.body.events[1]).toMatchObject({ by: '店長 一郎', comment: '退勤も入れてください' });
  });

  it('approves several at once (bulk 承認) and says which were refused', async () => {
    const one = await staffClient.post('/requests', correction('2026-11-02', [['clock_in', '09:00']]));
    const list = await managerClient.get('/requests?view=decide');
    const ids = list.body.items.map((r: { id: number }) => r.id);
    expect(ids).toContain(one.body.id);
    const bulk = await managerClient.post('/requests/bulk-approve', { ids: [...ids, 9999] });
    expect(bulk.body.approved.sort()).toEqual(ids.sort());
    expect(bulk.body.failed).toEqual([{ id: 9999, code: 'request_not_found' }]);
    expect((await managerClient.get('/requests/pending-count')).body.count).toBe(0);
  });
});

describe('締め済 periods and 勤怠確定', () => {
  it('refuses a request for a closed period with a message naming it', async () => {
    expect((await admin.post('/period-locks', { date: '2026-10-15', confirm: true })).status).toBe(200);
    const refused = await staffClient.post('/requests', correction('2026-10-05', [['clock_in', '09:00']]));
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('request_period_locked');
    expect(refused.body.error.message).toContain('2026年10月1日');
    expect(refused.body.error.message).toContain('締め処理済みのため申請できません');
    const day = await staffClient.get('/requests/day?date=2026-10-05');
    expect(day.body.refusal).toMatchObject({ code: 'request_period_locked' });
  });

  it('refuses to approve a pending request whose period was closed meanwhile', async () => {
    const made = await staffClient.post('/requests', correction('2026-11-06', [['clock_in', '09:00']]));
    await admin.post('/period-locks', { date: '2026-11-06', confirm: true });
    const approve = await managerClient.post(`/requests/${made.body.id}/approve`, {});
    expect(approve.status).toBe(422);
    expect(approve.body.error.code).toBe('period_locked');
    expect((await managerClient.get(`/requests/${made.body.id}`)).body.status).toBe('pending');
    await admin.post('/period-locks/unlock', { date: '2026-11-06' });
    await staffClient.post(`/requests/${made.body.id}/cancel`, {});
  });

  it('signs off a period (勤怠確定); then requests for it are refused until an administrator reopens it', async () => {
    const signed = await staffClient.post('/requests', { kind: 'attendance_confirmation', month: '2026-11' });
    expect(signed.body).toMatchObject({ dateFrom: '2026-11-01', dateTo: '2026-11-30' });
    expect((await managerClient.post(`/requests/${signed.body.id}/approve`, {})).body.status).toBe(
      'approved',
    );
    const refused = await staffClient.post('/requests', correction('2026-11-09', [['clock_in', '09:00']]));
    expect(refused.body.error.code).toBe('request_period_confirmed');
    expect((await managerClient.post(`/requests/${signed.body.id}/reopen`, {})).status).toBe(403);
    const reopened = await admin.post(`/requests/${signed.body.id}/reopen`, {});
    expect(reopened.body.status).toBe('reopened');
    const accepted = await staffClient.post('/requests', correction('2026-11-09', [['clock_in', '09:00']]));
    expect(accepted.status).toBe(201);
    await staffClient.post(`/requests/${accepted.body.id}/cancel`, {});
  });

  // Proves: the form shows the 有給 balance after a 休暇申請; a request the balance does not cover is
  // refused (409); approving records the leave once (one record per date, naming the request) even
  // when two approvers click at once, and a later 【承認】 click is refused with 409 and records
  // nothing; the balance then goes down by the days taken. (Everything in the approval runs in its
  // one transaction: on PGlite, a single connection, any other handle used inside it would hang.)
  it('takes a 休暇申請 with the balance after, and its approval consumes the leave once', async () => {
    await grantDueLeaveFor(database.db, c.contractId, NOW);
    const form = await staffClient.get('/requests/leave-balance');
    const paid = form.body.types.find((t: { kind: string }) => t.kind === 'annual');
    expect(paid).toMatchObject({ name: '有給休暇', allowHalf: true });
    const ask = `leaveTypeId=${paid.id}&from=2026-11-19&to=2026-11-20&unit=full`;
    const balance = (await staffClient.get(`/requests/leave-balance?${ask}`)).body.balance;
    expect(balance).toMatchObject({ annual: true, covered: true });
    expect(balance.before - balance.after).toBe(2);

    const bad = await staffClient.post('/requests', {
      kind: 'leave',
      leaveTypeId: paid.id,
      from: '2026-11-20',
      to: '2026-11-21',
      unit: 'am',
    });
    expect(bad.status).toBe(400);
    const tooMuch = await staffClient.post('/requests', {
      kind: 'leave',
      leaveTypeId: paid.id,
      // 23 scheduled work days (土日 are 所定休日) against the 21 days granted.
      from: '2026-12-01',
      to: '2026-12-31',
      unit: 'full',
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('leave_balance_insufficient');
    // A single 所定休日 (Sunday 2026-11-22), or a range of them, is refused: it would take 有給 for no work.
    for (const [from, to] of [
      ['2026-11-22', '2026-11-22'],
      ['2026-11-21', '2026-11-22'],
    ]) {
      const dayOff = await staffClient.post('/requests', {
        kind: 'leave',
        leaveTypeId: paid.id,
        from,
        to,
        unit: 'full',
      });
      expect(dayOff.status).toBe(422);
      expect(dayOff.body.error.code).toBe('leave_on_day_off');
      expect(dayOff.body.error.message).toBe('この日は所定休日のため、休暇を登録できません。');
    }
    // The form's preview keeps the 休暇区分 and says so instead of failing.
    const preview = await staffClient.get(
      `/requests/leave-balance?leaveTypeId=${paid.id}&from=2026-11-22&to=2026-11-22&unit=full`,
    );
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ balance: null, dayOff: true });
    expect(preview.body.types.length).toBeGreaterThan(0);

    const made = await staffClient.post('/requests', {
      kind: 'leave',
      leaveTypeId: paid.id,
      from: '2026-11-19',
      to: '2026-11-20',
      unit: 'full',
      reason: '私用',
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ kind: 'leave', dateFrom: '2026-11-19', dateTo: '2026-11-20' });
    const [a, b] = await Promise.all([
      managerClient.post(`/requests/${made.body.id}/approve`, {}),
      admin.post(`/requests/${made.body.id}/approve`, {}),
    ]);
    expect([a.status, b.status].sort(), JSON.stringify([a.body, b.body])).toEqual([200, 409]);
    const records = await database.db
      .selectFrom('leaveRecords')
      .select([sql<string>`leave_date::text`.as('date'), 'requestId'])
      .where('contractId', '=', c.contractId)
      .where('staffId', '=', staff.staffId)
      .orderBy('leaveDate')
      .execute();
    expect(records.map((r) => [r.date, Number(r.requestId)])).toEqual([
      ['2026-11-19', made.body.id],
      ['2026-11-20', made.body.id],
    ]);
    const again = await managerClient.post(`/requests/${made.body.id}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('request_not_pending');
    const recordsAfter = await database.db
      .selectFrom('leaveRecords')
      .select('id')
      .where('contractId', '=', c.contractId)
      .where('staffId', '=', staff.staffId)
      .execute();
    expect(recordsAfter).toHaveLength(2);
    // The balance on a date after the leave (the balance of a date counts the leave up to it).
    const later = `leaveTypeId=${paid.id}&from=2026-11-24&to=2026-11-24&unit=full`;
    const after = (await staffClient.get(`/requests/leave-balance?${later}`)).body.balance;
    expect(after.before).toBe(balance.before - 2);
    expect(after.after).toBe(balance.before - 3);
  });

  it('takes a 休暇申請 over a weekend on the scheduled work days only (a 所定休日 consumes no 有給)', async () => {
    const paid = (await staffClient.get('/requests/leave-balance')).body.types.find(
      (t: { kind: string }) => t.kind === 'annual',
    );
    // Fri 11/27 – Mon 11/30 under the default work rules (土日 are 所定休日): two days, not four.
    const ask = `leaveTypeId=${paid.id}&from=2026-11-27&to=2026-11-30&unit=full`;
    const balance = (await staffClient.get(`/requests/leave-balance?${ask}`)).body.balance;
    expect(balance.before - balance.after).toBe(2);
    const made = await staffClient.post('/requests', {
      kind: 'leave',
      leaveTypeId: paid.id,
      from: '2026-11-27',
      to: '2026-11-30',
      unit: 'full',
      reason: '連休',
    });
    expect(made.status).toBe(201);
    expect((await managerClient.post(`/requests/${made.body.id}/approve`, {})).status).toBe(200);
    const records = await database.db
      .selectFrom('leaveRecords')
      .select(sql<string>`leave_date::text`.as('date'))
      .where('contractId', '=', c.contractId)
      .where('requestId', '=', made.body.id)
      .orderBy('leaveDate')
      .execute();
    expect(records.map((r) => r.date)).toEqual(['2026-11-27', '2026-11-30']);
    const later = `leaveTypeId=${paid.id}&from=2026-12-01&to=2026-12-01&unit=full`;
    expect((await staffClient.get(`/requests/leave-balance?${later}`)).body.balance.before).toBe(
      balance.before - 2,
    );
  });
});

describe('plans, 承認経路 and API tokens', () => {
  it('answers plan_required below プレミアムプラス, and for custom routes below エンタープライズ', async () => {
    const premium = await buildContract(database.db, { plan: 'premium' });
    const low = await client(premium.adminEmail, premium.adminPassword);
    const refused = await low.post('/requests', correction('2026-11-05', [['clock_in', '09:00']]));
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({
      code: 'plan_required',
      feature: 'requests',
      plan: 'premium_plus',
    });
    const routes = await admin.get('/approval-routes');
    expect(routes.status).toBe(403);
    expect(routes.body.error).toMatchObject({ feature: 'approval_routes', plan: 'enterprise' });
  });

  it('follows a custom 2-step route on エンタープライズ: the named person, then an administrator', async () => {
    const e = await buildContract(database.db, { plan: 'enterprise' });
    const chief = await buildStaff(database.db, e.contractId, { name: '主任', offices: [{ officeId: 1 }] });
    const worker = await buildStaff(database.db, e.contractId, {
      name: '作業 員',
      offices: [{ officeId: 1 }],
    });
    const eAdmin = await client(e.adminEmail, e.adminPassword);
    const tooLong = await eAdmin.put('/approval-routes', {
      officeId: 1,
      kind: 'punch_correction',
      steps: [{ type: 'admin' }, { type: 'admin' }, { type: 'admin' }, { type: 'admin' }],
    });
    expect(tooLong.status).toBe(400);
    const route = await eAdmin.put('/approval-routes', {
      officeId: 1,
      kind: 'punch_correction',
      steps: [{ type: 'person', staffId: chief.staffId }, { type: 'admin' }],
    });
    expect(route.status).toBe(200);
    const w = await client(worker.email!, worker.password);
    const made = await w.post('/requests', correction('2026-11-05', [['clock_in', '09:00']]));
    expect(made.body.steps).toBe(2);
    const chiefClient = await client(chief.email!, chief.password);
    const first = await chiefClient.post(`/requests/${made.body.id}/approve`, {});
    expect(first.body).toMatchObject({ status: 'pending', step: 1, appliedAt: null, canDecide: false });
    const card = await w.get(`/timecards/${worker.staffId}?from=2026-11-05&to=2026-11-05`);
    expect(card.body.days[0].punches).toEqual([]);
    const last = await eAdmin.post(`/requests/${made.body.id}/approve`, {});
    expect(last.body.status).toBe('approved');
    const after = await w.get(`/timecards/${worker.staffId}?from=2026-11-05&to=2026-11-05`);
    expect(after.body.days[0].punches[0].history[0].requestId).toBe(made.body.id);

    // API tokens: requests:read lists, but deciding needs requests:write.
    const { token } = (await eAdmin.post('/api-tokens', { name: '申請連携', scopes: ['requests:read'] }))
      .body;
    const bearer = { authorization: `Bearer ${token}` };
    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/requests?status=approved',
      headers: bearer,
    });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((r: { id: number }) => r.id)).toContain(made.body.id);
    const write = await app.inject({
      method: 'POST',
      url: `/api/v1/requests/${made.body.id}/cancel`,
      headers: { ...bearer, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('api_token_scope_missing');
  });
});

describe('the approvers’ digest', () => {
  it('is sent once when two server processes run the job at the same time', async () => {
    const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
    const second = url ? await openDatabase({ databaseUrl: url, poolSize: 2 }) : database;
    try {
      const made = [];
      for (let i = 0; i < 3; i += 1) {
        const x = await buildContract(database.db, { plan: 'premium_plus' });
        const boss = await buildStaff(database.db, x.contractId, {
          name: '店長',
          offices: [{ officeId: 1, attendance: 'edit' }],
        });
        const person = await buildStaff(database.db, x.contractId, {
          name: '社員',
          offices: [{ officeId: 1 }],
        });
        const p = await client(person.email!, person.password);
        expect((await p.post('/requests', correction('2026-11-05', [['clock_in', '09:00']]))).status).toBe(
          201,
        );
        made.push(boss.email!);
      }
      const [a, b] = await Promise.all([digest(database).runOnce(), digest(second).runOnce()]);
      expect(a + b).toBeGreaterThanOrEqual(3);
      for (const to of made) expect(await mails(to)).toHaveLength(1);
    } finally {
      if (second !== database) await second.close();
    }
  });
});
