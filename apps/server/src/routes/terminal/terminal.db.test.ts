import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { type Database, withTenant } from '../../db/database.ts';
import { insertPunch } from '../../repositories/punch.repository.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract, buildOffice, buildStaff } from '../../testing/factories.ts';
import { countMailsTo } from '../../testing/mail-box.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

let database: Database;
let app: FastifyInstance;
let ipCounter = 0;
const device = () => new ApiClient(app, `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`);

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function openClock(c: BuiltContract, officeId = 1, pin = '0000') {
  const terminal = device();
  const response = await terminal.post('/clock/auth', { contractId: c.contractId, officeId, pin });
  if (response.status !== 200) throw new Error(`clock auth failed: ${JSON.stringify(response.body)}`);
  return terminal;
}

function punch(
  terminal: ApiClient,
  staffId: number,
  type: string,
  key = randomUUID(),
  extra: Record<string, unknown> = {},
) {
  return terminal.post('/terminal/punches', { staffId, type, ...extra }, { 'idempotency-key': key });
}

async function punchCount(contractId: string, staffId: number): Promise<number> {
  const rows = await database.db
    .selectFrom('punches')
    .select('id')
    .where('contractId', '=', contractId)
    .where('staffId', '=', staffId)
    .execute();
  return rows.length;
}

describe('Web出退勤画面: the 出退勤画面用PINコード', () => {
  it('opens a terminal with the right PIN and refuses a wrong one with a clear text', async () => {
    const c = await buildContract(database.db);
    const wrong = await device().post('/clock/auth', { contractId: c.contractId, officeId: 1, pin: '1234' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('clock_pin_wrong');
    expect(wrong.body.error.message).toContain('出退勤画面用PINコード');
    const terminal = await openClock(c);
    const board = await terminal.get('/terminal');
    expect(board.status).toBe(200);
    expect(board.body.office).toMatchObject({ id: 1, name: '本店' });
    expect(board.body.serverTime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/);
    expect((await device().get('/terminal')).body.error.code).toBe('terminal_unauthenticated');
    expect(
      (await device().post('/clock/auth', { contractId: 'no-such-x', officeId: 1, pin: '0000' })).status,
    ).toBe(404);
  });

  it('slows one device down with growing waits (429 + Retry-After)', async () => {
    const c = await buildContract(database.db);
    const attacker = device();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (await attacker.post('/clock/auth', { contractId: c.contractId, officeId: 1, pin: `11${i}1` }))
          .status,
      );
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    const throttled = await attacker.post('/clock/auth', {
      contractId: c.contractId,
      officeId: 1,
      pin: '0000',
    });
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('evaluates at most 100 wrong PINs per contract a day, tells the administrators, and open terminals keep working', async () => {
    const c = await buildContract(database.db);
    const staff = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const open = await openClock(c);
    // 99 wrong PINs from elsewhere today (the counter the service keeps), then the 100th.
    const key = (
      await database.db
        .selectFrom('contracts')
        .select('timeZone')
        .where('id', '=', c.contractId)
        .executeTakeFirstOrThrow()
    ).timeZone;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: key }).format(new Date());
    await database.db
      .insertInto('loginThrottle')
      .values({ key: `pin:contract:${c.contractId}:${today}`, failures: 99, blockedUntil: null })
      // (opening the terminal above counted its PIN, then gave it back: the row exists)
      .onConflict((oc) => oc.column('key').doUpdateSet({ failures: 99, blockedUntil: null }))
      .execute();
    expect(
      (await device().post('/clock/auth', { contractId: c.contractId, officeId: 1, pin: '9999' })).status,
    ).toBe(401);
    const locked = await device().post('/clock/auth', { contractId: c.contractId, officeId: 1, pin: '0000' });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('clock_pin_locked');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(await countMailsTo(database.db, c.adminEmail)).toBe(1);
    // The terminal opened before the attack still punches.
    expect((await punch(open, staff.staffId, 'clock_in')).status).toBe(201);
  });
});

describe('punching at a terminal', () => {
  it('walks 出勤 → 休憩 → 復帰 → 退勤 with only the valid buttons offered, showing the server time', async () => {
    const c = await buildContract(database.db);
    const staff = await buildStaff(database.db, c.contractId, {
      name: '打刻 一郎',
      offices: [{ officeId: 1 }],
    });
    const terminal = await openClock(c);
    const person = () =>
      terminal.get('/terminal').then((r) => r.body.staff.find((s: { id: number }) => s.id === staff.staffId));
    expect(await person()).toMatchObject({ name: '打刻 一郎', state: 'off', allowed: ['clock_in'] });

    const inResponse = await punch(terminal, staff.staffId, 'clock_in');
    expect(inResponse.status).toBe(201);
    expect(inResponse.body.punch).toMatchObject({ type: 'clock_in', staffId: staff.staffId });
    expect(inResponse.body.punch.punchedAt).toMatch(/\+09:00$/);
    expect(inResponse.body.status).toMatchObject({ state: 'working', allowed: ['clock_out', 'break_start'] });
    expect((await punch(terminal, staff.staffId, 'break_start')).body.status.state).toBe('on_break');
    expect((await person()).allowed).toEqual(['break_end']);
    expect((await punch(terminal, staff.staffId, 'break_end')).body.status.state).toBe('working');
    expect((await punch(terminal, staff.staffId, 'clock_out')).body.status.state).toBe('done');
    expect((await person()).state).toBe('done');
    expect(await punchCount(c.contractId, staff.staffId)).toBe(4);
  });

  it('refuses a punch invalid in the current state and records nothing', async () => {
    const c = await buildContract(database.db);
    const staff = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const terminal = await openClock(c);
    for (const type of ['clock_out', 'break_start', 'break_end']) {
      const response = await punch(terminal, staff.staffId, type);
      expect(response.status).toBe(409);
      expect(response.body.error.code).toBe('punch_invalid_state');
    }
    expect((await punch(terminal, staff.staffId, 'nap')).body.error.code).toBe('punch_type_invalid');
    expect(
      (await terminal.post('/terminal/punches', { staffId: staff.staffId, type: 'clock_in' })).body.error
        .code,
    ).toBe('idempotency_key_invalid');
    expect(await punchCount(c.contractId, staff.staffId)).toBe(0);
  });

  it('records a retried or double-tapped punch once: the same key answers with the first result', async () => {
    const c = await buildContract(database.db);
    const staff = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const terminal = await openClock(c);
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => punch(terminal, staff.staffId, 'clock_in', key)),
    );
    const ids = new Set(responses.map((r) => r.body.punch.id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(7);
    // A retry after the state moved on still gets the first answer, not a 409.
    await punch(terminal, staff.staffId, 'clock_out');
    const late = await punch(terminal, staff.staffId, 'clock_in', key);
    expect(late.status).toBe(200);
    expect(late.body.replayed).toBe(true);
    expect(await punchCount(c.contractId, staff.staffId)).toBe(2);
  });

  it('lets only one of two simultaneous 出勤 taps (different keys) through', async () => {
    const c = await buildContract(database.db);
    const staff = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const a = await openClock(c);
    const b = await openClock(c);
    const responses = await Promise.all([
      ...Array.from({ length: 4 }, () => punch(a, staff.staffId, 'clock_in')),
      ...Array.from({ length: 4 }, () => punch(b, staff.staffId, 'clock_in')),
    ]);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 409)).toHaveLength(7);
    expect(await punchCount(c.contractId, staff.staffId)).toBe(1);
  });

  it('refuses staff set to 利用しない and people outside the office or the contract', async () => {
    const c = await buildContract(database.db);
    const other = await buildContract(database.db);
    const retired = await buildStaff(database.db, c.contractId, {
      usage: 'inactive',
      offices: [{ officeId: 1 }],
    });
    const elsewhere = await buildStaff(database.db, c.contractId, { offices: [] });
    const theirs = await buildStaff(database.db, other.contractId, { offices: [{ officeId: 1 }] });
    const terminal = await openClock(c);
    expect((await punch(terminal, retired.staffId, 'clock_in')).status).toBe(422);
    expect((await terminal.get('/terminal')).body.staff.map((s: { id: number }) => s.id)).not.toContain(
      retired.staffId,
    );
    expect((await punch(terminal, elsewhere.staffId, 'clock_in')).status).toBe(404);
    // Same numeric id in another contract: the terminal only ever sees its own contract.
    // (id 2 is contract A's retired person here, so the answer is A's 422, never a punch for B.)
    expect(theirs.staffId).toBe(retired.staffId);
    expect((await punch(terminal, theirs.staffId, 'clock_in')).status).toBe(422);
    expect(await punchCount(other.contractId, theirs.staffId)).toBe(0);
  });

  it('refuses 利用しない staff that are still members of the office', async () => {
    const c = await buildContract(database.db);
    const staff = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const admin = new ApiClient(app);
    await admin.login(c.adminEmail, c.adminPassword);
    await admin.patch(`/staff/${staff.staffId}`, { usage: 'inactive' });
    const terminal = await openClock(c);
    const response = await punch(terminal, staff.staffId, 'clock_in');
    expect(response.status).toBe(422);
    expect(response.body.error.code).toBe('staff_not_in_use');
  });

  it('asks for the パスコード when the office uses 従業員パスコード設定', async () => {
    const c = await buildContract(database.db);
    const admin = new ApiClient(app);
    await admin.login(c.adminEmail, c.adminPassword);
    await admin.patch('/offices/1', { passcodeRequired: true });
    const created = await admin.post('/staff', {
      name: 'パス 子',
      passcode: '4321',
      offices: [{ officeId: 1 }],
    });
    const terminal = await openClock(c);
    expect((await terminal.get('/terminal')).body.office.passcodeRequired).toBe(true);
    expect((await punch(terminal, created.body.id, 'clock_in')).body.error.code).toBe('passcode_required');
    const wrong = await punch(terminal, created.body.id, 'clock_in', randomUUID(), { passcode: '0000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('パスコードが正しくありません。');
    expect(
      (await punch(terminal, created.body.id, 'clock_in', randomUUID(), { passcode: '4321' })).status,
    ).toBe(201);
  });

  it('offers 出勤 again after a forgotten 退勤 from an earlier work day and flags the open shift', async () => {
    const c = await buildContract(database.db);
    const staff = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    await withTenant(database.db, c.contractId, (trx) =>
      insertPunch(trx, c.contractId, {
        staffId: staff.staffId,
        officeId: 1,
        type: 'clock_in',
        punchedAt: new Date(Date.now() - 3 * 24 * 3600_000),
        deviceAt: null,
        workDate: '2020-01-06',
        source: 'web_clock',
        idempotencyKey: randomUUID(),
        terminalId: null,
        actorAccountId: null,
        flags: {},
      }),
    );
    const terminal = await openClock(c);
    const person = (await terminal.get('/terminal')).body.staff.find(
      (s: { id: number }) => s.id === staff.staffId,
    );
    expect(person).toMatchObject({ state: 'working', missingClockOut: true });
    expect(person.allowed).toEqual(expect.arrayContaining(['clock_in', 'clock_out']));
    const again = await punch(terminal, staff.staffId, 'clock_in');
    expect(again.status).toBe(201);
    const row = await database.db
      .selectFrom('punches')
      .select('flags')
      .where('contractId', '=', c.contractId)
      .where('id', '=', again.body.punch.id)
      .executeTakeFirstOrThrow();
    expect(row.flags).toEqual({ previousShiftOpen: true });
    // The old shift stays open-ended: nothing closed it.
    expect(await punchCount(c.contractId, staff.staffId)).toBe(2);
  });

  it('places a queued offline punch on the server clock by its age, keeping the device time and flagging skew', async () => {
    const c = await buildContract(database.db);
    const staff = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const terminal = await openClock(c);
    // The device clock runs 2 h fast; the punch was tapped 10 minutes before it was sent.
    const deviceNow = Date.now() + 2 * 3600_000;
    const tapped = new Date(deviceNow - 10 * 60_000).toISOString();
    const response = await terminal.post(
      '/terminal/punches',
      { staffId: staff.staffId, type: 'clock_in', deviceTime: tapped },
      { 'idempotency-key': randomUUID(), 'x-device-sent-at': new Date(deviceNow).toISOString() },
    );
    expect(response.status).toBe(201);
    const row = await database.db
      .selectFrom('punches')
      .selectAll()
      .where('contractId', '=', c.contractId)
      .where('id', '=', response.body.punch.id)
      .executeTakeFirstOrThrow();
    const minutesAgo = (Date.now() - row.punchedAt.getTime()) / 60_000;
    expect(minutesAgo).toBeGreaterThan(9.5);
    expect(minutesAgo).toBeLessThan(11);
    expect(row.deviceAt?.toISOString()).toBe(tapped);
    expect(row.flags).toMatchObject({ offline: true });
    expect(Math.abs(Number(row.flags.clockSkewSeconds) - 7200)).toBeLessThan(60);
  });

  it('stops working after ログアウト', async () => {
    const c = await buildContract(database.db);
    const terminal = await openClock(c);
    expect((await terminal.post('/terminal/logout')).status).toBe(204);
    expect((await terminal.get('/terminal')).status).toBe(401);
  });

  it('keeps punches append-only', async () => {
    const c = await buildContract(database.db);
    const staff = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const terminal = await openClock(c);
    const response = await punch(terminal, staff.staffId, 'clock_in');
    await expect(
      database.db
        .updateTable('punches')
        .set({ type: 'clock_out' })
        .where('contractId', '=', c.contractId)
        .where('id', '=', response.body.punch.id)
        .execute(),
    ).rejects.toThrow(/append_only/);
  });
});

describe('a device token names its contract through token_directory (ready for Citus, issue 21)', () => {
  it('finds each terminal in its own contract when devices of several contracts ask at once', async () => {
    const contracts = await Promise.all([buildContract(database.db), buildContract(database.db)]);
    await withTenant(database.db, contracts[1]!.contractId, (trx) =>
      trx
        .updateTable('offices')
        .set({ name: '二号店' })
        .where('contractId', '=', contracts[1]!.contractId)
        .execute(),
    );
    const terminals = await Promise.all(contracts.flatMap((c) => [openClock(c), openClock(c)]));
    const boards = await Promise.all(terminals.map((t) => t.get('/terminal')));
    expect(boards.map((b) => [b.status, b.body.office.name])).toEqual([
      [200, '本店'],
      [200, '本店'],
      [200, '二号店'],
      [200, '二号店'],
    ]);
    const directory = await database.db
      .selectFrom('tokenDirectory')
      .select(['contractId', 'kind'])
      .where(
        'contractId',
        'in',
        contracts.map((c) => c.contractId),
      )
      .orderBy('contractId')
      .execute();
    expect(directory).toEqual(
      [...contracts.map((c) => c.contractId)].sort().flatMap((contractId) => [
        { contractId, kind: 'terminal' },
        { contractId, kind: 'terminal' },
      ]),
    );
  });

  it('refuses a token the directory does not know, and an API token presented as a terminal token', async () => {
    const c = await buildContract(database.db, { plan: 'enterprise' });
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/terminal',
      cookies: { tc_terminal: 'not-a-token' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().error.code).toBe('terminal_unauthenticated');
    const admin = new ApiClient(app);
    await admin.login(c.adminEmail, c.adminPassword);
    const made = await admin.post('/api-tokens', { name: '連携', scopes: ['timecards:read'] });
    expect(made.status).toBe(201);
    const asTerminal = await app.inject({
      method: 'GET',
      url: '/api/v1/terminal',
      cookies: { tc_terminal: made.body.token },
    });
    expect(asTerminal.statusCode).toBe(401);
  });
});

describe('the タイムカード・アプリ as a terminal', () => {
  it('becomes the terminal of the office chosen', async () => {
    const c = await buildContract(database.db);
    const office2 = await buildOffice(database.db, c.contractId, '駅前店');
    const staff = await buildStaff(database.db, c.contractId, { offices: [{ officeId: office2 }] });
    const tablet = device();
    await tablet.post('/app/login', { userId: c.adminEmail, password: c.adminPassword });
    await tablet.post('/app/select-office', { contractId: c.contractId, officeId: office2 });
    const board = await tablet.get('/terminal');
    expect(board.body.office.name).toBe('駅前店');
    expect(board.body.kind).toBe('app');
    const response = await punch(tablet, staff.staffId, 'clock_in');
    expect(response.status).toBe(201);
    const row = await database.db
      .selectFrom('punches')
      .select(['source', 'officeId'])
      .where('contractId', '=', c.contractId)
      .where('id', '=', response.body.punch.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'app', officeId: office2 });
    // ログアウト of the app ends the tablet's terminal too.
    expect((await tablet.post('/app/logout')).status).toBe(204);
    expect((await tablet.get('/terminal')).status).toBe(401);
  });
});

describe('基本設定 > [打刻設定] and the personal clock', () => {
  it('lets administrators read and change the 4-digit PIN (default 0000); others may not', async () => {
    const c = await buildContract(database.db);
    const staff = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const admin = new ApiClient(app);
    await admin.login(c.adminEmail, c.adminPassword);
    expect((await admin.get('/settings/punch')).body).toEqual({ clockPin: '0000' });
    const bad = await admin.request('PUT', '/settings/punch', { clockPin: '12a4' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('出退勤画面用PINコードは4桁の数字で入力してください。');
    expect((await admin.request('PUT', '/settings/punch', { clockPin: '' })).status).toBe(400);
    expect((await admin.request('PUT', '/settings/punch', { clockPin: '2468' })).body).toEqual({
      clockPin: '2468',
    });
    expect(
      (await device().post('/clock/auth', { contractId: c.contractId, officeId: 1, pin: '0000' })).status,
    ).toBe(401);
    await openClock(c, 1, '2468');

    const person = new ApiClient(app);
    await person.login(staff.email!, staff.password);
    expect((await person.get('/settings/punch')).status).toBe(403);
    expect((await person.request('PUT', '/settings/punch', { clockPin: '1111' })).status).toBe(403);
  });

  it('lets a logged-in person punch for themself (個別Web出退勤画面)', async () => {
    const c = await buildContract(database.db);
    const staff = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const person = new ApiClient(app);
    await person.login(staff.email!, staff.password);
    expect((await person.get('/me/punch-status')).body).toMatchObject({
      state: 'off',
      allowed: ['clock_in'],
    });
    const response = await person.post(
      '/me/punches',
      { type: 'clock_in' },
      { 'idempotency-key': randomUUID() },
    );
    expect(response.status).toBe(201);
    expect((await person.get('/me/punch-status')).body.state).toBe('working');
    const row = await database.db
      .selectFrom('punches')
      .select(['source', 'actorAccountId'])
      .where('contractId', '=', c.contractId)
      .where('id', '=', response.body.punch.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'personal', actorAccountId: staff.accountId });
  });

  it('shows 今日の出勤状況 as counts per state to those with 実績 rights only', async () => {
    const c = await buildContract(database.db);
    const a = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const b = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const terminal = await openClock(c);
    await punch(terminal, a.staffId, 'clock_in');
    await punch(terminal, b.staffId, 'clock_in');
    await punch(terminal, b.staffId, 'break_start');
    const admin = new ApiClient(app);
    await admin.login(c.adminEmail, c.adminPassword);
    const today = await admin.get('/attendance/today');
    expect(today.body.offices[0].counts).toEqual({ off: 1, working: 1, on_break: 1, done: 0 });
    const plain = new ApiClient(app);
    await plain.login(a.email!, a.password);
    expect((await plain.get('/attendance/today')).status).toBe(403);
  });
});
