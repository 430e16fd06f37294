import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { ApiClient } from '../testing/api-client.ts';
import { type BuiltContract, buildContract, buildStaff } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';

// Issue 14, public API: staff and offices for programs with an API token (staff:read|write,
// offices:read|write), punches by POST /punches with an Idempotency-Key (punches:write), daily and
// monthly totals through the timecard (timecards:read); a token's writes are in the 操作ログ naming
// the token.
let database: Database;
let app: FastifyInstance;
let c: BuiltContract;
let admin: ApiClient;
let workerId: number;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
  c = await buildContract(database.db, { plan: 'enterprise' });
  workerId = (
    await buildStaff(database.db, c.contractId, {
      name: '連携 花子',
      code: 'PUB-1',
      email: null,
      offices: [{ officeId: 1 }],
    })
  ).staffId;
  admin = new ApiClient(app);
  await admin.login(c.adminEmail, c.adminPassword);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A caller with no cookie, only the bearer token. */
const bearer = (
  token: string,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });

async function tokenWith(name: string, scopes: string[]): Promise<string> {
  const made = await admin.post('/api-tokens', { name, scopes });
  expect(made.status).toBe(201);
  return made.body.token;
}

async function lastAudit(action: string) {
  return database.db
    .selectFrom('auditLog')
    .select(['action', 'target', 'details'])
    .where('contractId', '=', c.contractId)
    .where('action', '=', action)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

describe('staff and offices by API token', () => {
  it('reads staff with staff:read and is refused writes without staff:write', async () => {
    const reader = await tokenWith('従業員読取', ['staff:read']);
    const list = await bearer(reader, 'GET', '/staff?q=PUB-1');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([expect.objectContaining({ id: workerId, code: 'PUB-1' })]);
    const one = await bearer(reader, 'GET', `/staff/${workerId}`);
    expect(one.json()).toMatchObject({ name: '連携 花子', hasPasscode: false });
    expect(one.json()).not.toHaveProperty('passcodeHash');
    const refused = await bearer(reader, 'POST', '/staff', { name: '拒否 太郎' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'api_token_scope_missing' });
    expect(refused.json().error.message).toContain('staff:write');
    expect((await bearer(reader, 'GET', '/offices')).statusCode).toBe(403);
  });

  it('adds and changes staff with staff:write, recorded in the 操作ログ with the token', async () => {
    const writer = await tokenWith('従業員連携', ['staff:write']);
    const made = await bearer(writer, 'POST', '/staff', {
      name: '外部 次郎',
      kana: 'ガイブ ジロウ',
      code: 'PUB-2',
      offices: [{ officeId: 1 }],
    });
    expect(made.statusCode).toBe(201);
    const id = made.json().id;
    const created = await lastAudit('staff.create');
    expect(created.target).toBe(`staff:${id}`);
    expect(created.details).toMatchObject({ apiToken: { name: '従業員連携' } });
    const changed = await bearer(writer, 'PATCH', `/staff/${id}`, {
      retiredOn: '2026-12-31',
      usage: 'inactive',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ retiredOn: '2026-12-31', usage: 'inactive' });
    expect((await lastAudit('staff.update')).details).toMatchObject({ apiToken: { name: '従業員連携' } });
    // The same checks as the 管理画面: a taken code is refused with its field.
    const taken = await bearer(writer, 'POST', '/staff', { name: '重複', code: 'PUB-1' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('staff_code_taken');
  });

  it('reads and writes offices with offices:read|write', async () => {
    const reader = await tokenWith('事業所読取', ['offices:read']);
    const list = await bearer(reader, 'GET', '/offices');
    expect(list.statusCode).toBe(200);
    expect(list.json().items[0]).toMatchObject({ id: 1 });
    expect((await bearer(reader, 'PATCH', '/offices/1', { address: 'x' })).statusCode).toBe(403);
    const writer = await tokenWith('事業所連携', ['offices:write']);
    const made = await bearer(writer, 'POST', '/offices', { name: '駅前店', kana: 'エキマエテン' });
    expect(made.statusCode).toBe(201);
    expect((await lastAudit('office.create')).details).toMatchObject({ apiToken: { name: '事業所連携' } });
    const changed = await bearer(writer, 'PATCH', `/offices/${made.json().id}`, { passcodeRequired: true });
    expect(changed.json()).toMatchObject({ name: '駅前店', passcodeRequired: true });
    expect((await lastAudit('office.update')).details).toMatchObject({ apiToken: { name: '事業所連携' } });
  });
});

describe('POST /punches', () => {
  const punch = (token: string, body: unknown, key: string = randomUUID()) =>
    bearer(token, 'POST', '/punches', body, { 'idempotency-key': key });
  const countPunches = async (staffId: number) =>
    Number(
      (
        await database.db
          .selectFrom('punches')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('contractId', '=', c.contractId)
          .where('staffId', '=', staffId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('records a punch once per Idempotency-Key, by staff code or id, in the 操作ログ', async () => {
    const token = await tokenWith('打刻機', ['punches:write']);
    const person = (
      await buildStaff(database.db, c.contractId, {
        name: '打刻 三郎',
        code: 'PUB-3',
        email: null,
        offices: [{ officeId: 1 }],
      })
    ).staffId;
    const key = randomUUID();
    const first = await punch(token, { staffCode: 'PUB-3', type: 'clock_in' }, key);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      punch: { staffId: person, type: 'clock_in', deviceAt: null },
      status: { state: 'working' },
      replayed: false,
    });
    // The same request again (a retry): the first answer, and still one punch.
    const again = await punch(token, { staffCode: 'PUB-3', type: 'clock_in' }, key);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ punch: { id: first.json().punch.id }, replayed: true });
    expect(await countPunches(person)).toBe(1);
    // The key with a different body: refused, nothing recorded.
    const reused = await punch(token, { staffId: person, type: 'clock_out' }, key);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.code).toBe('idempotency_key_reused');
    expect(await countPunches(person)).toBe(1);
    const audit = await lastAudit('punch.api');
    expect(audit).toMatchObject({ target: `staff:${person}`, details: { apiToken: { name: '打刻機' } } });
    // The state machine holds as at a terminal.
    const twice = await punch(token, { staffId: person, type: 'clock_in' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('punch_invalid_state');
    const out = await punch(token, { staffId: person, type: 'clock_out' });
    expect(out.statusCode).toBe(201);
    expect(await countPunches(person)).toBe(2);
  });

  it('places a past `at` on the server clock, and refuses what it cannot take', async () => {
    const token = await tokenWith('打刻機2', ['punches:write']);
    const person = (
      await buildStaff(database.db, c.contractId, {
        name: '過去 四郎',
        email: null,
        offices: [{ officeId: 1 }],
      })
    ).staffId;
    const at = new Date(Date.now() - 3600_000);
    at.setMilliseconds(0);
    const made = await punch(token, { staffId: person, type: 'clock_in', at: at.toISOString() });
    expect(made.statusCode).toBe(201);
    const recorded = Date.parse(made.json().punch.punchedAt);
    expect(Math.abs(recorded - at.getTime())).toBeLessThan(5_000);
    expect(Date.parse(made.json().punch.deviceAt)).toBe(at.getTime());
    const cases: [unknown, string][] = [
      [{ type: 'clock_out' }, 'punch_staff_required'],
      [{ staffId: person, staffCode: 'X', type: 'clock_out' }, 'punch_staff_required'],
      [{ staffId: person, type: 'clock_out', at: '2020-01-01T09:00:00+09:00' }, 'punch_at_out_of_range'],
      [{ staffId: person, type: 'clock_out', at: '2999-01-01T09:00:00+09:00' }, 'punch_at_out_of_range'],
      [{ staffId: person, type: 'nap' }, 'punch_type_invalid'],
    ];
    for (const [body, code] of cases) {
      const refused = await punch(token, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.json().error.code, JSON.stringify(body)).toBe(code);
    }
    const noKey = await bearer(token, 'POST', '/punches', { staffId: person, type: 'clock_out' });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().error.code).toBe('idempotency_key_invalid');
    expect((await punch(token, { staffCode: 'NOBODY', type: 'clock_in' })).statusCode).toBe(404);
    const reader = await tokenWith('読取のみ', ['punches:read']);
    expect((await punch(reader, { staffId: person, type: 'clock_out' })).statusCode).toBe(403);
    expect(await countPunches(person)).toBe(1);
  });

  it('is for administrators in the console, not for other staff', async () => {
    const made = await admin.request(
      'POST',
      '/punches',
      { staffId: workerId, type: 'clock_in' },
      { 'idempotency-key': randomUUID() },
    );
    expect(made.status).toBe(201);
    expect(made.body.punch).toMatchObject({ staffId: workerId, type: 'clock_in' });
    const staffMember = await buildStaff(database.db, c.contractId, {
      name: '一般 五郎',
      email: 'goro@example.com',
      password: 'a long password 5',
      offices: [{ officeId: 1, attendance: 'edit' }],
    });
    const other = new ApiClient(app);
    await other.login('goro@example.com', 'a long password 5');
    const refused = await other.request(
      'POST',
      '/punches',
      { staffId: staffMember.staffId, type: 'clock_in' },
      { 'idempotency-key': randomUUID() },
    );
    expect(refused.status).toBe(403);
  });
});

describe('daily and monthly totals by token', () => {
  it('gives the days with their figures and the pay period totals to timecards:read', async () => {
    const token = await tokenWith('給与', ['timecards:read']);
    for (const [type, at] of [
      ['clock_in', '2026-11-02T09:00'],
      ['clock_out', '2026-11-02T18:00'],
    ] as const) {
      expect(
        (await admin.post(`/timecards/${workerId}/punches`, { type, at, reason: '集計用' })).status,
      ).toBe(201);
    }
    const daily = await bearer(token, 'GET', `/timecards/${workerId}?from=2026-11-02&to=2026-11-03`);
    expect(daily.statusCode).toBe(200);
    const day = daily.json().days.find((d: { date: string }) => d.date === '2026-11-02');
    expect(day.figures.worked).toBeGreaterThan(0);
    const monthly = await bearer(token, 'GET', `/timecards/${workerId}?month=2026-11`);
    expect(monthly.statusCode).toBe(200);
    expect(monthly.json().totals.worked).toBe(day.figures.worked);
    expect(monthly.json().totals.attendedDays).toBe(1);
  });
});
