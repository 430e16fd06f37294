import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract, buildOffice, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

let database: Database;
let app: FastifyInstance;
let ipCounter = 0;
const device = () => new ApiClient(app, `10.12.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`);

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function admin(c: BuiltContract) {
  const client = device();
  await client.login(c.adminEmail, c.adminPassword);
  return client;
}

async function openClock(c: BuiltContract, officeId = 1, pin = '0000') {
  const terminal = device();
  const response = await terminal.post('/clock/auth', { contractId: c.contractId, officeId, pin });
  if (response.status !== 200) throw new Error(`clock auth failed: ${JSON.stringify(response.body)}`);
  return terminal;
}

async function openApp(c: BuiltContract, login: { email: string; password: string }, officeId = 1) {
  const tablet = device();
  const answer = await tablet.post('/app/login', { userId: login.email, password: login.password });
  if (answer.status !== 200) throw new Error(`app login failed: ${JSON.stringify(answer.body)}`);
  const selected = await tablet.post('/app/select-office', { contractId: c.contractId, officeId });
  if (selected.status !== 200) throw new Error(`select office failed: ${JSON.stringify(selected.body)}`);
  return tablet;
}

async function auditActions(contractId: string) {
  const rows = await database.db
    .selectFrom('auditLog')
    .select(['action', 'actorAccountId', 'target'])
    .where('contractId', '=', contractId)
    .orderBy('id')
    .execute();
  return rows;
}

describe('基本設定 > [打刻設定] 端末一覧', () => {
  it('lists every open terminal with office, how it was opened and when; 解除 ends it at once', async () => {
    const c = await buildContract(database.db);
    const console = await admin(c);
    const clock = await openClock(c);
    const tablet = await openApp(c, { email: c.adminEmail, password: c.adminPassword });
    const list = await console.get('/terminals');
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(2);
    const pin = list.body.items.find((t: { openedWith: string }) => t.openedWith === 'pin');
    const app_ = list.body.items.find((t: { openedWith: string }) => t.openedWith === 'app');
    expect(pin).toMatchObject({ office: { id: 1, name: '本店' }, openedBy: null });
    expect(app_).toMatchObject({
      office: { id: 1, name: '本店' },
      openedBy: { accountId: c.adminAccountId, email: c.adminEmail, name: '管理 太郎' },
    });
    expect(pin.firstSeenAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/);
    expect(pin.lastSeenAt).toMatch(/\+09:00$/);

    const revoked = await console.post(`/terminals/${pin.id}/revoke`);
    expect(revoked.status).toBe(204);
    const after = await clock.get('/terminal');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('terminal_unauthenticated');
    expect((await tablet.get('/terminal')).status).toBe(200);
    expect((await console.get('/terminals')).body.items.map((t: { id: number }) => t.id)).toEqual([app_.id]);
    // Twice, or an unknown id: 404 with a code the UI explains.
    const again = await console.post(`/terminals/${pin.id}/revoke`);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('terminal_not_found');
    const audit = await auditActions(c.contractId);
    expect(audit).toContainEqual({
      action: 'terminal.revoked',
      actorAccountId: c.adminAccountId,
      target: `terminal:${pin.id}`,
    });
  });

  it("never shows or revokes another contract's terminals", async () => {
    const a = await buildContract(database.db);
    const b = await buildContract(database.db);
    const clockB = await openClock(b);
    const consoleB = await admin(b);
    const [terminalB] = (await consoleB.get('/terminals')).body.items;
    const consoleA = await admin(a);
    expect((await consoleA.get('/terminals')).body.items).toEqual([]);
    const refused = await consoleA.post(`/terminals/${terminalB.id}/revoke`);
    expect(refused.status).toBe(404);
    expect((await clockB.get('/terminal')).status).toBe(200);
  });

  it('lets a manager with 事業所管理 編集 see and end the terminals of that office only', async () => {
    const c = await buildContract(database.db);
    const office2 = await buildOffice(database.db, c.contractId, '駅前店');
    const manager = await buildStaff(database.db, c.contractId, {
      offices: [
        { officeId: office2, officeManage: 'edit' },
        { officeId: 1, officeManage: 'view' },
      ],
    });
    const viewer = await buildStaff(database.db, c.contractId, {
      offices: [{ officeId: 1, officeManage: 'view', staffManage: 'edit' }],
    });
    await openClock(c, 1);
    const station = await openClock(c, office2);
    const console = await admin(c);
    const head = (await console.get('/terminals')).body.items.find(
      (t: { office: { id: number } }) => t.office.id === 1,
    );
    const managerClient = device();
    await managerClient.login(manager.email!, manager.password);
    const seen = (await managerClient.get('/terminals')).body.items;
    expect(seen.map((t: { office: { name: string } }) => t.office.name)).toEqual(['駅前店']);
    expect((await managerClient.get(`/terminals?officeId=${office2}`)).body.items).toHaveLength(1);
    expect((await managerClient.get('/terminals?officeId=1')).status).toBe(403);
    expect((await console.get('/terminals?officeId=1')).body.items.map((t: { id: number }) => t.id)).toEqual([
      head.id,
    ]);
    expect((await console.get('/terminals?officeId=abc')).status).toBe(400);
    expect((await managerClient.post(`/terminals/${head.id}/revoke`)).status).toBe(403);
    expect((await managerClient.post(`/terminals/${seen[0].id}/revoke`)).status).toBe(204);
    expect((await station.get('/terminal')).status).toBe(401);
    const viewerClient = device();
    await viewerClient.login(viewer.email!, viewer.password);
    expect((await viewerClient.get('/terminals')).status).toBe(403);
    expect((await managerClient.post('/settings/punch/revoke-terminals', { clockPin: '1111' })).status).toBe(
      403,
    );
  });
});

describe('【PINコードを変更して全端末を解除】', () => {
  it('changes the PIN and ends every terminal opened with the PIN; app terminals stay', async () => {
    const c = await buildContract(database.db);
    const console = await admin(c);
    const clock1 = await openClock(c);
    const clock2 = await openClock(c);
    const tablet = await openApp(c, { email: c.adminEmail, password: c.adminPassword });
    const answer = await console.post('/settings/punch/revoke-terminals', { clockPin: '4826' });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ clockPin: '4826', revokedTerminals: 2 });
    expect((await clock1.get('/terminal')).status).toBe(401);
    expect((await clock2.get('/terminal')).status).toBe(401);
    expect((await tablet.get('/terminal')).status).toBe(200);
    expect((await console.get('/settings/punch')).body.clockPin).toBe('4826');
    const old = await device().post('/clock/auth', { contractId: c.contractId, officeId: 1, pin: '0000' });
    expect(old.status).toBe(401);
    await openClock(c, 1, '4826');
    const bad = await console.post('/settings/punch/revoke-terminals', { clockPin: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.clockPin.code).toBe('clock_pin_invalid');
    expect((await console.get('/settings/punch')).body.clockPin).toBe('4826');
    expect((await auditActions(c.contractId)).map((r) => r.action)).toContain('terminal.revoked_all_pin');
  });
});

describe('a stopped staff member’s app terminals end', () => {
  for (const [label, change] of [
    ['ログイン停止', { loginStatus: 'stopped' }],
    ['利用しない', { usage: 'inactive' }],
    ['退職', { retiredOn: '2020-03-31' }],
  ] as const) {
    it(`on ${label}`, async () => {
      const c = await buildContract(database.db);
      const manager = await buildStaff(database.db, c.contractId, {
        hiredOn: '2019-04-01',
        offices: [{ officeId: 1, officeManage: 'edit' }],
      });
      const other = await buildStaff(database.db, c.contractId, {
        offices: [{ officeId: 1, officeManage: 'edit' }],
      });
      const tablet = await openApp(c, { email: manager.email!, password: manager.password });
      const otherTablet = await openApp(c, { email: other.email!, password: other.password });
      const clock = await openClock(c);
      expect((await tablet.get('/terminal')).status).toBe(200);
      const console = await admin(c);
      const changed = await console.patch(`/staff/${manager.staffId}`, change);
      expect(changed.status).toBe(200);
      const after = await tablet.get('/terminal');
      expect(after.status).toBe(401);
      expect(after.body.error.code).toBe('terminal_unauthenticated');
      expect((await otherTablet.get('/terminal')).status).toBe(200);
      expect((await clock.get('/terminal')).status).toBe(200);
    });
  }

  it('ends those of an office where 事業所管理 編集 is taken away, and keeps the others', async () => {
    const c = await buildContract(database.db);
    const office2 = await buildOffice(database.db, c.contractId, '駅前店');
    const manager = await buildStaff(database.db, c.contractId, {
      offices: [
        { officeId: 1, officeManage: 'edit' },
        { officeId: office2, officeManage: 'edit' },
      ],
    });
    const head = await openApp(c, { email: manager.email!, password: manager.password }, 1);
    const station = await openApp(c, { email: manager.email!, password: manager.password }, office2);
    const console = await admin(c);
    const changed = await console.patch(`/staff/${manager.staffId}`, {
      offices: [
        { officeId: 1, officeManage: 'edit' },
        { officeId: office2, officeManage: 'view' },
      ],
    });
    expect(changed.status).toBe(200);
    expect((await head.get('/terminal')).status).toBe(200);
    expect((await station.get('/terminal')).status).toBe(401);
    // A change that is not about rights ends nothing.
    expect((await console.patch(`/staff/${manager.staffId}`, { name: '改名 太郎' })).status).toBe(200);
    expect((await head.get('/terminal')).status).toBe(200);
  });

  it('keeps them for a 退職日 still to come', async () => {
    const c = await buildContract(database.db);
    const manager = await buildStaff(database.db, c.contractId, {
      offices: [{ officeId: 1, officeManage: 'edit' }],
    });
    const tablet = await openApp(c, { email: manager.email!, password: manager.password });
    const console = await admin(c);
    expect((await console.patch(`/staff/${manager.staffId}`, { retiredOn: '2999-12-31' })).status).toBe(200);
    expect((await tablet.get('/terminal')).status).toBe(200);
  });
});

describe('digits as typed (issue 11 §5)', () => {
  it('refuses a five-digit PIN instead of cutting it, and takes full-width digits as half-width', async () => {
    const c = await buildContract(database.db);
    const console = await admin(c);
    const five = await console.request('PUT', '/settings/punch', { clockPin: '12345' });
    expect(five.status).toBe(400);
    expect(five.body.error.fields.clockPin).toMatchObject({
      code: 'clock_pin_invalid',
      message: '出退勤画面用PINコードは4桁の数字で入力してください。',
    });
    expect((await console.get('/settings/punch')).body.clockPin).toBe('0000');
    const wide = await console.request('PUT', '/settings/punch', { clockPin: '１２３４' });
    expect(wide.status).toBe(200);
    expect(wide.body.clockPin).toBe('1234');
    const clock = device();
    const opened = await clock.post('/clock/auth', {
      contractId: c.contractId,
      officeId: 1,
      pin: '１２３４',
    });
    expect(opened.status).toBe(200);
  });

  it('takes a full-width passcode on the staff form and at the terminal', async () => {
    const c = await buildContract(database.db);
    const console = await admin(c);
    expect((await console.patch('/offices/1', { passcodeRequired: true })).status).toBe(200);
    const created = await console.post('/staff', {
      name: '全角 太郎',
      passcode: '５５５５',
      offices: [{ officeId: 1 }],
    });
    expect(created.status).toBe(201);
    expect(created.body.hasPasscode).toBe(true);
    const five = await console.patch(`/staff/${created.body.id}`, { passcode: '１２３４５' });
    expect(five.status).toBe(400);
    expect(five.body.error.fields.passcode.code).toBe('passcode_invalid');
    const clock = await openClock(c);
    const punched = await clock.post(
      '/terminal/punches',
      { staffId: created.body.id, type: 'clock_in', passcode: '５５５５' },
      { 'idempotency-key': `wide-${c.contractId}` },
    );
    expect(punched.status).toBe(201);
  });
});

describe('パスコードが未設定のスタッフ and the dashboard', () => {
  it('lists staff without the passcode their office requires', async () => {
    const c = await buildContract(database.db);
    const office2 = await buildOffice(database.db, c.contractId, '駅前店');
    const console = await admin(c);
    await console.patch(`/offices/${office2}`, { passcodeRequired: true });
    const missing = await buildStaff(database.db, c.contractId, {
      name: '未設定 花子',
      offices: [{ officeId: office2 }],
    });
    await buildStaff(database.db, c.contractId, { name: '本店 のみ', offices: [{ officeId: 1 }] });
    await buildStaff(database.db, c.contractId, {
      name: '利用停止 次郎',
      usage: 'inactive',
      offices: [{ officeId: office2 }],
    });
    const withCode = await console.post('/staff', {
      name: '設定済 三郎',
      passcode: '1234',
      offices: [{ officeId: office2 }],
    });
    expect(withCode.status).toBe(201);
    const all = await console.get('/staff/passcode-warnings');
    expect(all.status).toBe(200);
    expect(all.body.offices).toEqual([
      { officeId: office2, officeName: '駅前店', staff: [{ id: missing.staffId, name: '未設定 花子' }] },
    ]);
    expect((await console.get('/staff/passcode-warnings?officeId=1')).body.offices).toEqual([]);
    expect((await console.get(`/staff/passcode-warnings?officeId=${office2}`)).body.offices).toHaveLength(1);
    expect((await console.get('/staff/passcode-warnings?officeId=x')).status).toBe(400);
    const plain = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const plainClient = device();
    await plainClient.login(plain.email!, plain.password);
    expect((await plainClient.get('/staff/passcode-warnings')).status).toBe(403);
  });

  it('shows today’s counts, 未打刻, the default PIN, 認証待ち and missing passcodes', async () => {
    const c = await buildContract(database.db);
    const console = await admin(c);
    const clock = await openClock(c);
    const working = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const resting = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    await buildStaff(database.db, c.contractId, { verified: false, offices: [{ officeId: 1 }] });
    let n = 0;
    const punch = (staffId: number, type: string) =>
      clock.post(
        '/terminal/punches',
        { staffId, type },
        { 'idempotency-key': `dash-${c.contractId}-${++n}` },
      );
    expect((await punch(working.staffId, 'clock_in')).status).toBe(201);
    expect((await punch(resting.staffId, 'clock_in')).status).toBe(201);
    expect((await punch(resting.staffId, 'break_start')).status).toBe(201);
    const dashboard = await console.get('/dashboard');
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.today.counts).toEqual({ off: 2, working: 1, on_break: 1, done: 0 });
    expect(dashboard.body.today.missingClockOut).toEqual([]);
    expect(dashboard.body.clockPinIsDefault).toBe(true);
    expect(dashboard.body.heldPunches).toBe(0);
    expect(dashboard.body.incomplete.staff).toEqual([]);
    expect(dashboard.body.pendingVerification).toBe(1);
    expect(dashboard.body.passcodeMissing).toEqual([]);
    await console.request('PUT', '/settings/punch', { clockPin: '2468' });
    expect((await console.get('/dashboard')).body.clockPinIsDefault).toBe(false);
    // Someone with no rights sees none of it.
    const plain = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const plainClient = device();
    await plainClient.login(plain.email!, plain.password);
    expect((await plainClient.get('/dashboard')).body).toEqual({
      today: null,
      clockPinIsDefault: null,
      incomplete: null,
      heldPunches: null,
      pendingVerification: null,
      passcodeMissing: null,
    });
  });
});

describe('the dashboard on a fixed day', () => {
  it('names people with 未打刻 days of the pay period and an earlier day without 退勤', async () => {
    const fixed = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      database,
      serveWeb: false,
      // 2026-10-15 12:00 in Tokyo.
      now: () => new Date('2026-10-15T03:00:00Z'),
    });
    try {
      const c = await buildContract(database.db);
      const forgetful = await buildStaff(database.db, c.contractId, {
        name: '忘れ 一郎',
        hiredOn: '2025-04-01',
        offices: [{ officeId: 1 }],
      });
      const console = new ApiClient(fixed, '10.13.0.1');
      await console.login(c.adminEmail, c.adminPassword);
      const added = await console.post(`/timecards/${forgetful.staffId}/punches`, {
        type: 'clock_in',
        at: '2026-10-14T09:00',
        reason: '打刻忘れ',
      });
      expect(added.status).toBe(201);
      const dashboard = await console.get('/dashboard');
      expect(dashboard.status).toBe(200);
      expect(dashboard.body.today.workDate).toBe('2026-10-15');
      expect(dashboard.body.today.missingClockOut).toEqual([
        expect.objectContaining({ id: forgetful.staffId, name: '忘れ 一郎' }),
      ]);
      expect(dashboard.body.incomplete.period).toEqual({ from: '2026-10-01', to: '2026-10-31' });
      expect(dashboard.body.incomplete.staff).toEqual([
        { id: forgetful.staffId, name: '忘れ 一郎', incompleteDays: 1 },
      ]);
    } finally {
      await fixed.close();
    }
  });
});
