import { randomUUID } from 'node:crypto';
import { workDateOf } from '@timecard/domain';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

// Issue 11 §4: a closed period refuses every write path — also the terminals' punches, which are
// held for the administrator instead of written (never lost, never doubled), and taken in once
// the period is reopened, or discarded.
let database: Database;
let app: FastifyInstance;
let c: BuiltContract;
let admin: ApiClient;
let terminal: ApiClient;
let workerId: number;
const today = workDateOf(new Date(), 'Asia/Tokyo', '05:00');

const count = async (table: 'punches' | 'heldPunches') =>
  (
    await database.db
      .selectFrom(table)
      .select('id')
      .where('contractId', '=', c.contractId)
      .where('staffId', '=', workerId)
      .execute()
  ).length;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
  c = await buildContract(database.db);
  workerId = (
    await buildStaff(database.db, c.contractId, {
      name: '保留 一郎',
      email: null,
      offices: [{ officeId: 1 }],
    })
  ).staffId;
  admin = new ApiClient(app);
  await admin.login(c.adminEmail, c.adminPassword);
  terminal = new ApiClient(app, '10.77.0.1');
  expect(
    (await terminal.post('/clock/auth', { contractId: c.contractId, officeId: 1, pin: '0000' })).status,
  ).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const punch = (type: string, key: string) =>
  terminal.post('/terminal/punches', { staffId: workerId, type }, { 'idempotency-key': key });

describe('punches for a closed period', () => {
  it('holds a punch for a closed period instead of writing it, answers a retry the same, and changes no state', async () => {
    const closed = await admin.post('/period-locks', { date: today, confirm: true });
    expect(closed.status).toBe(200);
    const key = randomUUID();
    const first = await punch('clock_in', key);
    expect(first.status).toBeLessThan(300);
    expect(first.body).toMatchObject({
      held: true,
      replayed: false,
      punch: { staffId: workerId, type: 'clock_in' },
    });
    const again = await punch('clock_in', key);
    expect(again.body).toMatchObject({ held: true, replayed: true, punch: { id: first.body.punch.id } });
    expect(await count('punches')).toBe(0);
    expect(await count('heldPunches')).toBe(1);
    const board = await terminal.get('/terminal');
    expect(board.body.staff.find((s: { id: number }) => s.id === workerId).state).toBe('off');

    const list = await admin.get('/held-punches');
    expect(list.body.items).toEqual([
      expect.objectContaining({
        staffId: workerId,
        staffName: '保留 一郎',
        type: 'clock_in',
        workDate: today,
        periodClosed: true,
      }),
    ]);
    expect((await admin.get('/dashboard')).body.heldPunches).toBe(1);
    const refused = await admin.post(`/held-punches/${first.body.punch.id}/accept`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('period_locked');
    expect(await count('punches')).toBe(0);
  });

  it('takes a held punch in once the period is reopened, once, with the 操作ログ saying so', async () => {
    const [held] = (await admin.get('/held-punches')).body.items;
    expect((await admin.post('/period-locks/unlock', { date: today })).status).toBe(200);
    const accepted = await admin.post(`/held-punches/${held.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(await count('punches')).toBe(1);
    expect((await admin.get('/held-punches')).body.items).toEqual([]);
    expect((await admin.post(`/held-punches/${held.id}/accept`)).status).toBe(404);
    const timecard = await admin.get(`/timecards/${workerId}?from=${today}&to=${today}`);
    expect(timecard.body.days[0].punches.map((p: { type: string }) => p.type)).toEqual(['clock_in']);
    const log = await admin.get('/audit-log?kind=punch');
    expect(log.body.items[0].text).toBe('保留 一郎 の締め済み期間に届いた打刻を取り込みました');
  });

  it('discards a held punch, and lets only administrators see or decide', async () => {
    await admin.post('/period-locks', { date: today, confirm: true });
    const held = await punch('clock_out', randomUUID());
    expect(held.body.held).toBe(true);
    const member = await buildStaff(database.db, c.contractId, {
      name: '実績 編集者',
      offices: [{ officeId: 1, attendance: 'edit' }],
    });
    const client = new ApiClient(app);
    await client.login(member.email!, member.password);
    expect((await client.get('/held-punches')).status).toBe(403);
    expect((await client.post(`/held-punches/${held.body.punch.id}/discard`)).status).toBe(403);
    expect((await admin.post(`/held-punches/${held.body.punch.id}/discard`)).status).toBe(204);
    expect((await admin.get('/held-punches')).body.items).toEqual([]);
    expect(await count('punches')).toBe(1);
    await admin.post('/period-locks/unlock', { date: today });
  });

  it('never shows another contract’s held punches', async () => {
    const other = await buildContract(database.db);
    const otherAdmin = new ApiClient(app);
    await otherAdmin.login(other.adminEmail, other.adminPassword);
    expect((await otherAdmin.get('/held-punches')).body.items).toEqual([]);
  });
});
