import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { ApiClient } from '../testing/api-client.ts';
import { type BuiltContract, buildContract, buildStaff } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';

// Issue 14, public API: staff and offices for programs with an API token (staff:read|write,
// offices:read|write); a token's writes are in the 操作ログ naming the token.
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
