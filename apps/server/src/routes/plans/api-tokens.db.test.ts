import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { runCliOn } from '../../cli/main.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { API_TOKEN_REQUESTS_PER_MINUTE } from '../../http/credentials.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

// Issue 14: API tokens (エンタープライズ) — made once and stored hashed, scoped per area, ended by
// 削除 or expiry, refused below the plan, and never reaching another contract.
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
      code: 'API-1',
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
const bearer = (token: string, method: string, url: string, body?: unknown) =>
  app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });

describe('API tokens', () => {
  it('shows a token once, keeps only its hash, and lists it with its scopes', async () => {
    const made = await admin.post('/api-tokens', {
      name: '給与連携',
      scopes: ['timecards:read', 'reports:read'],
    });
    expect(made.status).toBe(201);
    expect(made.body.token).toMatch(/^tct_[\w-]{43}$/);
    const stored = await database.db
      .selectFrom('apiTokens')
      .select(['tokenHash', 'prefix'])
      .where('contractId', '=', c.contractId)
      .executeTakeFirstOrThrow();
    expect(stored.tokenHash.toString('hex')).not.toContain(Buffer.from(made.body.token).toString('hex'));
    expect(made.body.token.startsWith(stored.prefix)).toBe(true);
    const list = await admin.get('/api-tokens');
    expect(list.body.items).toEqual([
      expect.objectContaining({
        name: '給与連携',
        scopes: ['timecards:read', 'reports:read'],
        lastUsedAt: null,
      }),
    ]);
    expect(JSON.stringify(list.body)).not.toContain(made.body.token);
    const bad = await admin.post('/api-tokens', { name: 'x', scopes: ['salary:read'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('api_token_scopes_invalid');
  });

  it('reads within its scopes, and is refused outside them or without a token', async () => {
    const { token } = (await admin.post('/api-tokens', { name: '読み取り', scopes: ['timecards:read'] }))
      .body;
    const timecard = await bearer(token, 'GET', `/timecards/${workerId}?from=2026-11-01&to=2026-11-30`);
    expect(timecard.statusCode).toBe(200);
    expect(timecard.json().staff).toMatchObject({ id: workerId, name: '連携 花子' });
    const report = await bearer(token, 'GET', '/reports/attendance?from=2026-11-01&to=2026-11-30');
    expect(report.statusCode).toBe(403);
    expect(report.json().error).toMatchObject({ code: 'api_token_scope_missing' });
    expect(report.json().error.message).toContain('reports:read');
    // A route that takes no token at all (a console-only one) answers as to anyone without a session.
    expect((await bearer(token, 'GET', '/plans')).statusCode).toBe(401);
    expect((await bearer('tct_wrong', 'GET', `/timecards/${workerId}`)).statusCode).toBe(401);
    const used = (await admin.get('/api-tokens')).body.items.find(
      (t: { name: string }) => t.name === '読み取り',
    );
    expect(used.lastUsedAt).not.toBeNull();
  });

  it('writes with a write scope, recorded in the 操作ログ', async () => {
    const { token } = (await admin.post('/api-tokens', { name: '書き込み', scopes: ['punches:write'] })).body;
    const added = await bearer(token, 'POST', `/timecards/${workerId}/punches`, {
      type: 'clock_in',
      at: '2026-11-02T09:00',
      reason: '外部システムから',
    });
    expect(added.statusCode).toBe(201);
    const log = await admin.get('/audit-log?kind=punch');
    expect(log.body.items[0]).toMatchObject({
      text: '連携 花子 の打刻を追加しました',
      actor: { kind: 'staff', email: c.adminEmail },
      apiToken: '書き込み',
    });
    expect(log.body.items[0].changes.map((change: { field: string }) => change.field)).not.toContain(
      'apiToken',
    );
    // A request with a session right after carries no token.
    await admin.post(`/timecards/${workerId}/punches`, {
      type: 'clock_out',
      at: '2026-11-02T18:00',
      reason: '手入力',
    });
    expect((await admin.get('/audit-log?kind=punch')).body.items[0].apiToken).toBeNull();
  });

  it('ends a token when it is deleted or past its last day', async () => {
    const made = (await admin.post('/api-tokens', { name: '削除予定', scopes: ['timecards:read'] })).body;
    expect((await admin.request('DELETE', `/api-tokens/${made.id}`)).status).toBe(204);
    const gone = await bearer(made.token, 'GET', `/timecards/${workerId}`);
    expect(gone.statusCode).toBe(401);
    expect(gone.json().error.code).toBe('api_token_invalid');
    const expired = (
      await admin.post('/api-tokens', {
        name: '期限切れ',
        scopes: ['timecards:read'],
        expiresOn: '2020-01-01',
      })
    ).body;
    expect((await bearer(expired.token, 'GET', `/timecards/${workerId}`)).statusCode).toBe(401);
  });

  it('opens nothing below エンタープライズ, and never another contract', async () => {
    const lines: string[] = [];
    await runCliOn(
      database,
      ['token', 'create', '--contract', c.contractId, '--name', 'CLI', '--scopes', 'timecards:read'],
      (l) => lines.push(l),
    );
    const token = lines.at(-1)!;
    expect(token).toMatch(/^tct_/);
    const other = await buildContract(database.db, { plan: 'enterprise' });
    const stranger = await buildStaff(database.db, other.contractId, {
      name: '他社 太郎',
      email: null,
      offices: [{ officeId: 1 }],
    });
    // Ids are per contract: the same number names this contract's own person, never the other's.
    const across = await bearer(token, 'GET', `/timecards/${stranger.staffId}?from=2026-11-01&to=2026-11-30`);
    expect(across.body).not.toContain('他社 太郎');
    await runCliOn(database, ['contract', 'plan', '--id', c.contractId, '--plan', 'premium_plus']);
    const below = await bearer(token, 'GET', `/timecards/${workerId}`);
    expect(below.statusCode).toBe(403);
    expect(below.json().error).toMatchObject({
      code: 'plan_required',
      feature: 'api_tokens',
      plan: 'enterprise',
    });
    expect((await admin.get('/api-tokens')).body.error.code).toBe('plan_required');
    await runCliOn(database, ['contract', 'plan', '--id', c.contractId, '--plan', 'enterprise']);
    await expect(
      runCliOn(database, [
        'token',
        'create',
        '--contract',
        c.contractId,
        '--name',
        'x',
        '--scopes',
        'salary:read',
      ]),
    ).rejects.toMatchObject({ code: 'api_token_scopes_invalid' });
  });

  it('limits each token per minute, atomically, and says so in RateLimit headers', async () => {
    // A stopped clock: the whole burst falls in one window.
    const stopped = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      database,
      serveWeb: false,
      now: () => new Date('2026-12-04T10:00:30+09:00'),
    });
    try {
      const { token } = (await admin.post('/api-tokens', { name: '上限', scopes: ['timecards:read'] })).body;
      const call = () =>
        stopped.inject({
          method: 'GET',
          url: '/api/v1/period-locks',
          headers: { authorization: `Bearer ${token}` },
        });
      const first = await call();
      expect(first.statusCode).toBe(200);
      expect(first.headers['ratelimit-limit']).toBe(String(API_TOKEN_REQUESTS_PER_MINUTE));
      expect(first.headers['ratelimit-remaining']).toBe(String(API_TOKEN_REQUESTS_PER_MINUTE - 1));
      const burst = await Promise.all(Array.from({ length: API_TOKEN_REQUESTS_PER_MINUTE + 20 }, call));
      const statuses = burst.map((r) => r.statusCode);
      expect(statuses.filter((s) => s === 200)).toHaveLength(API_TOKEN_REQUESTS_PER_MINUTE - 1);
      const refused = burst.find((r) => r.statusCode === 429)!;
      expect(refused.json().error.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers['ratelimit-remaining']).toBe('0');
    } finally {
      await stopped.close();
    }
  });

  it('lists the effective punches of a period by cursor for a punches:read token', async () => {
    for (const at of ['2026-11-09T09:00', '2026-11-09T18:00', '2026-11-10T09:00']) {
      const type = at.endsWith('18:00') ? 'clock_out' : 'clock_in';
      expect(
        (await admin.post(`/timecards/${workerId}/punches`, { type, at, reason: '一覧用' })).status,
      ).toBe(201);
    }
    const { token } = (await admin.post('/api-tokens', { name: '一覧', scopes: ['punches:read'] })).body;
    const page = async (cursor?: number) =>
      (
        await bearer(
          token,
          'GET',
          `/punches?from=2026-11-09&to=2026-11-10&staffId=${workerId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        )
      ).json();
    const first = await page();
    expect(first.items.map((p: { punchedAt: string }) => p.punchedAt)).toEqual([
      '2026-11-09T09:00:00+09:00',
      '2026-11-09T18:00:00+09:00',
    ]);
    expect(first.items[0]).toMatchObject({
      staffId: workerId,
      staffCode: 'API-1',
      type: 'clock_in',
      workDate: '2026-11-09',
    });
    const second = await page(first.nextCursor);
    expect(second.items.map((p: { type: string }) => p.type)).toEqual(['clock_in']);
    expect(second.nextCursor).toBeNull();
    // A corrected punch is listed once, as corrected.
    await admin.patch(`/punches/${second.items[0].id}`, {
      type: 'clock_in',
      at: '2026-11-10T09:05',
      reason: '修正',
    });
    const after = await page(first.nextCursor);
    expect(after.items).toEqual([
      expect.objectContaining({ punchedAt: '2026-11-10T09:05:00+09:00', corrected: true }),
    ]);
    const other = (await admin.post('/api-tokens', { name: '範囲外', scopes: ['timecards:read'] })).body
      .token;
    expect((await bearer(other, 'GET', '/punches?from=2026-11-09&to=2026-11-10')).statusCode).toBe(403);
    expect((await bearer(token, 'GET', '/punches?from=2026-01-01&to=2026-12-31')).statusCode).toBe(400);
  });
});
