import { randomUUID } from 'node:crypto';
import { WebhookEventSchema } from '@timecard/contract';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import {
  DISABLE_AFTER_FAILURES,
  nextAttemptAt,
  retryDelaySeconds,
  startWebhookWorker,
  type WebhookWorker,
} from '../../jobs/webhook-worker.ts';
import { claimDueDeliveries } from '../../repositories/webhook.repository.ts';
import { signWebhook } from '../../services/webhook-signature.ts';
import { webhookAllowList } from '../../services/webhook-target.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver.ts';

// Issue 14: webhooks (エンタープライズ) — endpoints made at 設定 > API連携 or by API, events written
// with the change they tell of, signed deliveries retried for 24 h, a failing endpoint turned off
// with a mail to the administrators, and no target inside the server's own networks.
const silent = pino({ level: 'silent' });

let database: Database;
/** The app as the operator of these tests runs it: 127.0.0.1 allowed (the local receiver). */
let app: FastifyInstance;
/** The app with no WEBHOOK_ALLOW_HOSTS. */
let strictApp: FastifyInstance;
let receiver: WebhookReceiver;
const workers: WebhookWorker[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', WEBHOOK_ALLOW_HOSTS: '127.0.0.1' }),
    database,
    serveWeb: false,
  });
  strictApp = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
  receiver = await startWebhookReceiver();
});
afterEach(() => {
  receiver.received.length = 0;
  receiver.status = 200;
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await receiver?.stop();
  await app?.close();
  await strictApp?.close();
  await database?.close();
});

async function adminOf(c: BuiltContract, on = app) {
  const admin = new ApiClient(on);
  await admin.login(c.adminEmail, c.adminPassword);
  return admin;
}

function workerFor(contractId: string, clock?: { now: Date }) {
  const worker = startWebhookWorker({
    database,
    allowList: webhookAllowList(['127.0.0.1']),
    publicUrl: 'https://timecard.example.jp',
    log: silent,
    pollMs: 0,
    contractIds: [contractId],
    ...(clock ? { now: () => clock.now } : {}),
  });
  workers.push(worker);
  return worker;
}

async function deliveriesOf(contractId: string) {
  return database.db
    .selectFrom('webhookDeliveries as d')
    .innerJoin('webhookEvents as e', (j) =>
      j.onRef('e.contractId', '=', 'd.contractId').onRef('e.id', '=', 'd.eventId'),
    )
    .select(['d.id', 'd.status', 'd.attempts', 'd.nextAttemptAt', 'd.lastStatusCode', 'e.type', 'e.publicId'])
    .where('d.contractId', '=', contractId)
    .orderBy('d.id')
    .execute();
}

describe('webhook endpoints', () => {
  it('shows the signing secret once, lists the endpoint without it, and records it in the 操作ログ', async () => {
    const c = await buildContract(database.db);
    const admin = await adminOf(c);
    const made = await admin.post('/webhooks', {
      url: receiver.url,
      events: ['punch.created', 'staff.created'],
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      url: receiver.url,
      events: ['punch.created', 'staff.created'],
      state: 'active',
    });
    expect(made.body.secret).toMatch(/^whsec_[\w-]{43}$/);
    const list = await admin.get('/webhooks');
    expect(list.body.items).toEqual([expect.objectContaining({ id: made.body.id, consecutiveFailures: 0 })]);
    expect(JSON.stringify(list.body)).not.toContain(made.body.secret);
    const log = await admin.get('/audit-log?kind=settings');
    expect(log.body.items[0]).toMatchObject({ text: 'Webhookを追加しました' });
    expect(JSON.stringify(log.body)).not.toContain(made.body.secret);

    const bad = await admin.post('/webhooks', { url: receiver.url, events: ['salary.paid'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('webhook_events_invalid');
    for (const url of [
      'ftp://example.com/x',
      'not a url',
      'https://user:pass@93.184.215.14/x',
      'javascript:alert(1)',
    ]) {
      const refused = await admin.post('/webhooks', { url, events: ['punch.created'] });
      expect(refused.status, url).toBe(400);
      expect(refused.body.error.code, url).toBe('webhook_url_invalid');
    }
    expect((await admin.request('DELETE', `/webhooks/${made.body.id}`)).status).toBe(204);
    expect((await admin.get('/webhooks')).body.items).toEqual([]);
    expect((await admin.request('DELETE', `/webhooks/${made.body.id}`)).status).toBe(404);
    expect((await admin.get('/audit-log?kind=settings')).body.items[0].text).toBe('Webhookを削除しました');
  });

  it('refuses private, loopback, link-local and metadata targets unless WEBHOOK_ALLOW_HOSTS allows them', async () => {
    const c = await buildContract(database.db);
    const strict = await adminOf(c, strictApp);
    for (const url of [
      receiver.url,
      'http://localhost:8080/hook',
      'http://127.1/hook',
      'http://10.0.0.8/hook',
      'http://172.16.5.4/hook',
      'http://192.168.1.10/hook',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/hook',
      'http://[::1]:8080/hook',
      'http://[fd00:ec2::254]/hook',
      'http://[fe80::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://0.0.0.0:3000/hook',
    ]) {
      const refused = await strict.post('/webhooks', { url, events: ['punch.created'] });
      expect(refused.status, url).toBe(400);
      expect(refused.body.error.code, url).toBe('webhook_url_forbidden');
    }
    const unresolvable = await strict.post('/webhooks', {
      url: 'https://no-such-host.invalid/hook',
      events: ['punch.created'],
    });
    expect(unresolvable.body.error.code).toBe('webhook_url_unresolvable');
    // A public address is taken (nothing is sent at creation).
    expect(
      (await strict.post('/webhooks', { url: 'https://93.184.215.14/hook', events: ['punch.created'] }))
        .status,
    ).toBe(201);
    // With WEBHOOK_ALLOW_HOSTS=127.0.0.1 the local receiver is taken; other private ranges still are not.
    const allowed = await adminOf(c);
    expect((await allowed.post('/webhooks', { url: receiver.url, events: ['punch.created'] })).status).toBe(
      201,
    );
    expect(
      (await allowed.post('/webhooks', { url: 'http://10.0.0.8/hook', events: ['punch.created'] })).body.error
        .code,
    ).toBe('webhook_url_forbidden');
  });

  it('refuses at delivery a target that became private (checked again after DNS resolution)', async () => {
    const c = await buildContract(database.db);
    const admin = await adminOf(c);
    await admin.post('/webhooks', { url: receiver.url, events: ['staff.created'] });
    await admin.post('/staff', { name: '新人 一郎', email: null, offices: [{ officeId: 1 }] });
    const strictWorker = startWebhookWorker({
      database,
      allowList: webhookAllowList([]),
      publicUrl: 'https://timecard.example.jp',
      log: silent,
      pollMs: 0,
      contractIds: [c.contractId],
    });
    workers.push(strictWorker);
    expect(await strictWorker.drain()).toBe(0);
    expect(receiver.received).toEqual([]);
    const [delivery] = await database.db
      .selectFrom('webhookDeliveries')
      .select(['status', 'lastError', 'attempts'])
      .where('contractId', '=', c.contractId)
      .execute();
    expect(delivery).toMatchObject({ status: 'pending', lastError: 'webhook_url_forbidden', attempts: 1 });
  });

  it('connects to the address it checked when the URL names a host', async () => {
    const c = await buildContract(database.db);
    const admin = await adminOf(c);
    const byName = receiver.url.replace('127.0.0.1', 'localhost');
    const made = await admin.post('/webhooks', { url: byName, events: ['staff.created'] });
    expect(made.status).toBe(201);
    await admin.post('/staff', { name: '名前 解決', email: null, offices: [{ officeId: 1 }] });
    expect(await workerFor(c.contractId).drain()).toBe(1);
    expect(receiver.received[0]!.headers.host).toBe(new URL(byName).host);
    expect(receiver.received[0]!.json.type).toBe('staff.created');
  });

  it('answers plan_required below エンタープライズ', async () => {
    const c = await buildContract(database.db, { plan: 'premium_plus' });
    const admin = await adminOf(c);
    const answer = await admin.post('/webhooks', { url: receiver.url, events: ['punch.created'] });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({
      code: 'plan_required',
      feature: 'webhooks',
      plan: 'enterprise',
    });
    expect((await admin.get('/webhooks')).status).toBe(403);
    expect(
      await database.db
        .selectFrom('webhookEndpoints')
        .select('id')
        .where('contractId', '=', c.contractId)
        .execute(),
    ).toEqual([]);
  });

  it('is managed by an API token with webhooks:write, and refused to a token without it', async () => {
    const c = await buildContract(database.db);
    const admin = await adminOf(c);
    const writer = (
      await admin.post('/api-tokens', { name: 'hooks', scopes: ['webhooks:write', 'webhooks:read'] })
    ).body.token;
    const reader = (await admin.post('/api-tokens', { name: 'punches', scopes: ['punches:read'] })).body
      .token;
    const bearer = (token: string, method: string, url: string, body?: unknown) =>
      app.inject({
        method: method as 'GET',
        url: `/api/v1${url}`,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { payload: JSON.stringify(body) } : {}),
      });
    const made = await bearer(writer, 'POST', '/webhooks', {
      url: receiver.url,
      events: ['timecard.closed'],
    });
    expect(made.statusCode).toBe(201);
    expect(made.json().secret).toMatch(/^whsec_/);
    expect((await bearer(writer, 'GET', '/webhooks')).json().items).toHaveLength(1);
    const refused = await bearer(reader, 'POST', '/webhooks', {
      url: receiver.url,
      events: ['timecard.closed'],
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('api_token_scope_missing');
    expect((await admin.get('/audit-log?kind=settings')).body.items[0]).toMatchObject({
      text: 'Webhookを追加しました',
      apiToken: 'hooks',
    });
  });
});

describe('events from the real paths, delivered signed', () => {
  it('sends punch.created, punch.corrected, timecard.closed/reopened and staff.created/updated, each verifiable', async () => {
    const c = await buildContract(database.db);
    const admin = await adminOf(c);
    const made = (
      await admin.post('/webhooks', {
        url: receiver.url,
        events: [
          'punch.created',
          'punch.corrected',
          'timecard.closed',
          'timecard.reopened',
          'staff.created',
          'staff.updated',
        ],
      })
    ).body;
    // staff.created, staff.updated
    const staff = await admin.post('/staff', { name: '通知 花子', email: null, offices: [{ officeId: 1 }] });
    expect(staff.status).toBe(201);
    expect((await admin.patch(`/staff/${staff.body.id}`, { code: 'N-1' })).status).toBe(200);
    // punch.created through the API (the personal clock of the administrator)
    const punched = await admin.post(
      '/me/punches',
      { type: 'clock_in', officeId: 1 },
      { 'idempotency-key': randomUUID() },
    );
    expect(punched.status).toBe(201);
    // punch.corrected: a punch added by an administrator
    const added = await admin.post(`/timecards/${staff.body.id}/punches`, {
      type: 'clock_in',
      at: '2026-11-02T09:00',
      reason: '打刻忘れ',
    });
    expect(added.status).toBe(201);
    // timecard.closed, timecard.reopened (closing again tells nobody)
    expect((await admin.post('/period-locks', { date: '2020-01-15', confirm: true })).status).toBe(200);
    expect((await admin.post('/period-locks', { date: '2020-01-15', confirm: true })).status).toBe(200);
    expect((await admin.post('/period-locks/unlock', { date: '2020-01-15' })).status).toBe(200);

    expect(await workerFor(c.contractId).drain()).toBe(6);
    expect(receiver.received.map((r) => r.json.type).sort()).toEqual([
      'punch.corrected',
      'punch.created',
      'staff.created',
      'staff.updated',
      'timecard.closed',
      'timecard.reopened',
    ]);
    const byType = (type: string) => receiver.received.filter((r) => r.json.type === type).map((r) => r.json);
    expect(byType('staff.created')[0].data.staff).toMatchObject({ id: staff.body.id, name: '通知 花子' });
    expect(byType('staff.created')[0].data.staff).not.toHaveProperty('passcodeHash');
    expect(
      byType('staff.updated').some((e) => e.data.changed.includes('code') && e.data.staff.code === 'N-1'),
    ).toBe(true);
    expect(byType('punch.created')[0].data.punch).toMatchObject({
      id: punched.body.punch.id,
      type: 'clock_in',
      officeId: 1,
      source: 'personal',
    });
    expect(byType('punch.corrected')[0]).toMatchObject({
      data: {
        action: 'added',
        reason: '打刻忘れ',
        supersedes: null,
        punch: { staffId: staff.body.id, type: 'clock_in', deleted: false },
      },
    });
    expect(byType('punch.corrected')[0].data.punch.punchedAt).toBe('2026-11-02T09:00:00+09:00');
    expect(byType('timecard.closed')).toHaveLength(1);
    expect(byType('timecard.closed')[0].data.period).toEqual({ from: '2020-01-01', to: '2020-01-31' });
    expect(byType('timecard.reopened')[0].data.period).toEqual({ from: '2020-01-01', to: '2020-01-31' });
    for (const request of receiver.received) {
      expect(request.json).toMatchObject({ contractId: c.contractId, id: expect.stringMatching(/^evt_/) });
      // The body is what the contract's WebhookEvent (OpenAPI `webhooks`) says.
      expect(WebhookEventSchema.safeParse(request.json).success).toBe(true);
      expect(request.headers['timecard-event-id']).toBe(request.json.id);
      expect(request.headers['content-type']).toBe('application/json');
      const t = Number(/^t=(\d+),v1=[0-9a-f]{64}$/.exec(String(request.headers['timecard-signature']))![1]);
      expect(request.headers['timecard-signature']).toBe(signWebhook(made.secret, request.body, t));
    }
    // The delivery log shows each with its status code.
    const log = await admin.get(`/webhooks/${made.id}/deliveries`);
    expect(log.body.items).toHaveLength(6);
    expect(
      log.body.items.every(
        (d: { status: string; lastStatusCode: number }) =>
          d.status === 'delivered' && d.lastStatusCode === 200,
      ),
    ).toBe(true);
  });

  it('sends request.created and request.decided from ワークフロー, leave.recorded and leave.deleted from 休暇', async () => {
    const c = await buildContract(database.db);
    const admin = await adminOf(c);
    const made = await admin.post('/webhooks', {
      url: receiver.url,
      events: ['request.created', 'request.decided', 'leave.recorded', 'leave.deleted'],
    });
    expect(made.status).toBe(201);
    const person = await buildStaff(database.db, c.contractId, {
      name: '申請 花子',
      offices: [{ officeId: 1 }],
    });
    const applicant = new ApiClient(app);
    await applicant.login(person.email!, person.password);
    const sent = await applicant.post('/requests', {
      kind: 'punch_correction',
      date: '2026-11-02',
      punches: [
        { type: 'clock_in', at: '2026-11-02T09:00' },
        { type: 'clock_out', at: '2026-11-02T18:00' },
      ],
      reason: '打刻忘れ',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect((await admin.post(`/requests/${sent.body.id}/approve`, { comment: '確認しました' })).status).toBe(
      200,
    );
    const type = await admin.post('/leave/types', { kind: 'special', name: '慶弔休暇', paid: true });
    expect(type.status).toBe(201);
    const leave = await admin.post('/leave/records', {
      staffId: person.staffId,
      date: '2026-11-04',
      leaveTypeId: type.body.id,
      unit: 'full',
      reason: '親族の法事',
    });
    expect(leave.status, JSON.stringify(leave.body)).toBe(201);
    expect((await admin.request('DELETE', `/leave/records/${leave.body.id}`)).status).toBe(204);

    expect(await workerFor(c.contractId).drain()).toBe(4);
    const byType = (type: string) => receiver.received.filter((r) => r.json.type === type).map((r) => r.json);
    expect(byType('request.created')[0].data.request).toMatchObject({
      id: sent.body.id,
      kind: 'punch_correction',
      status: 'pending',
      staff: { id: person.staffId, name: '申請 花子' },
      dateFrom: '2026-11-02',
    });
    expect(byType('request.decided')[0].data).toMatchObject({
      action: 'approve',
      comment: '確認しました',
      request: { id: sent.body.id, status: 'approved' },
    });
    expect(byType('request.decided')[0].data.request).not.toHaveProperty('canDecide');
    expect(byType('leave.recorded')[0].data.leave).toEqual({
      id: leave.body.id,
      staffId: person.staffId,
      date: '2026-11-04',
      leaveTypeId: type.body.id,
      leaveTypeName: '慶弔休暇',
      unit: 'full',
      hours: null,
      reason: '親族の法事',
      requestId: null,
    });
    expect(byType('leave.deleted')[0].data.leave).toEqual({
      id: leave.body.id,
      staffId: person.staffId,
      date: '2026-11-04',
      unit: 'full',
    });
    for (const delivery of receiver.received) expect(WebhookEventSchema.parse(delivery.json)).toBeTruthy();
  });

  it('writes no event when the change is refused, nor for an event nobody subscribed to', async () => {
    const c = await buildContract(database.db);
    const admin = await adminOf(c);
    await admin.post('/webhooks', { url: receiver.url, events: ['punch.corrected'] });
    const worker = await buildStaff(database.db, c.contractId, { email: null, offices: [{ officeId: 1 }] });
    // An impossible day (退勤 without 出勤) is refused: no punch, no event.
    const refused = await admin.post(`/timecards/${worker.staffId}/punches`, {
      type: 'clock_out',
      at: '2026-11-02T18:00',
      reason: '誤り',
    });
    expect(refused.status).toBe(422);
    await admin.post('/me/punches', { type: 'clock_in', officeId: 1 }, { 'idempotency-key': randomUUID() });
    expect(
      await database.db
        .selectFrom('webhookEvents')
        .select('id')
        .where('contractId', '=', c.contractId)
        .execute(),
    ).toEqual([]);
  });
});

describe('the delivery worker', () => {
  it('retries a failing delivery with growing waits for 24 h, then marks it failed', async () => {
    expect([1, 2, 3, 4, 8, 30].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 3600, 3600]);
    const c = await buildContract(database.db);
    const admin = await adminOf(c);
    const endpoint = (await admin.post('/webhooks', { url: receiver.url, events: ['staff.created'] })).body;
    await admin.post('/staff', { name: '再送 次郎', email: null, offices: [{ officeId: 1 }] });
    receiver.status = 503;
    const [created] = await deliveriesOf(c.contractId);
    const clock = { now: new Date() };
    const worker = workerFor(c.contractId, clock);
    expect(await worker.drain()).toBe(0);
    let [row] = await deliveriesOf(c.contractId);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503 });
    expect(row!.nextAttemptAt.getTime() - clock.now.getTime()).toBe(30_000);
    // Not due before its time.
    clock.now = new Date(clock.now.getTime() + 29_000);
    await worker.drain();
    expect(receiver.received).toHaveLength(1);
    // Each try at its time, until the 24 h are over.
    let tries = 1;
    while (row!.status === 'pending') {
      clock.now = new Date(row!.nextAttemptAt.getTime());
      await worker.drain();
      tries += 1;
      [row] = await deliveriesOf(c.contractId);
      expect(tries).toBeLessThan(60);
    }
    expect(row).toMatchObject({ status: 'failed', lastStatusCode: 503 });
    expect(receiver.received).toHaveLength(tries);
    expect(clock.now.getTime() - created!.nextAttemptAt.getTime()).toBeLessThanOrEqual(24 * 3600_000);
    // Every try carried the same event id: the receiver can tell them apart from new events.
    expect(new Set(receiver.received.map((r) => r.headers['timecard-event-id'])).size).toBe(1);
    const log = (await admin.get(`/webhooks/${endpoint.id}/deliveries`)).body.items;
    expect(log[0]).toMatchObject({
      status: 'failed',
      attempts: tries,
      lastStatusCode: 503,
      nextAttemptAt: null,
    });
  });

  it('turns off an endpoint failing for 24 h, mails the administrators, and 【再送】 turns it on again', async () => {
    const c = await buildContract(database.db);
    const admin = await adminOf(c);
    const endpoint = (
      await admin.post('/webhooks', { url: receiver.url, events: ['staff.created', 'staff.updated'] })
    ).body;
    receiver.status = 500;
    const clock = { now: new Date() };
    const worker = workerFor(c.contractId, clock);
    // A staff change every hour for a day: every attempt fails.
    for (let hour = 0; hour <= 25; hour += 1) {
      await admin.post('/staff', { name: `失敗 ${hour}`, email: null, offices: [{ officeId: 1 }] });
      await worker.drain();
      clock.now = new Date(clock.now.getTime() + 3600_000);
      const [state] = await database.db
        .selectFrom('webhookEndpoints')
        .select(['state'])
        .where('contractId', '=', c.contractId)
        .execute();
      if (state!.state === 'disabled') break;
    }
    const list = (await admin.get('/webhooks')).body.items;
    expect(list[0]).toMatchObject({ id: endpoint.id, state: 'disabled' });
    expect(list[0].consecutiveFailures).toBeGreaterThanOrEqual(DISABLE_AFTER_FAILURES);
    // Nothing is pending for it any more, and new events do not reach it.
    expect((await deliveriesOf(c.contractId)).filter((d) => d.status === 'pending')).toEqual([]);
    const before = (await deliveriesOf(c.contractId)).length;
    await admin.post('/staff', { name: '無効後', email: null, offices: [{ officeId: 1 }] });
    expect((await deliveriesOf(c.contractId)).length).toBe(before);
    const mails = await database.db
      .selectFrom('mailOutbox')
      .select(['toAddress', 'subject', 'bodyText'])
      .where('contractId', '=', c.contractId)
      .where('subject', 'like', '%Webhook%')
      .execute();
    expect(mails).toEqual([expect.objectContaining({ toAddress: c.adminEmail })]);
    expect(mails[0]!.bodyText).toContain(receiver.url);
    expect((await admin.get('/audit-log?kind=settings')).body.items[0].text).toBe(
      '送信の失敗が続いたためWebhookを無効にしました',
    );

    // The receiver is fixed; 【再送】 of a failed delivery turns the endpoint on and sends the same event.
    receiver.status = 200;
    receiver.received.length = 0;
    const log = (await admin.get(`/webhooks/${endpoint.id}/deliveries`)).body.items;
    const failed = log.find((d: { status: string }) => d.status === 'failed');
    const again = await admin.post(`/webhook-deliveries/${failed.id}/redeliver`);
    expect(again.status).toBe(201);
    expect((await admin.get('/webhooks')).body.items[0]).toMatchObject({
      state: 'active',
      consecutiveFailures: 0,
    });
    expect(await worker.drain()).toBe(1);
    expect(receiver.received[0]!.headers['timecard-event-id']).toBe(failed.eventId);
    const after = (await admin.get(`/webhooks/${endpoint.id}/deliveries`)).body.items[0];
    expect(after).toMatchObject({
      id: again.body.id,
      redeliveryOf: failed.id,
      status: 'delivered',
      eventId: failed.eventId,
    });
    expect((await admin.get('/audit-log?kind=settings')).body.items[0].text).toBe('Webhookを再送しました');
  });

  it('delivers again a delivery whose worker died mid-send, once its lease has ended', async () => {
    const c = await buildContract(database.db);
    const admin = await adminOf(c);
    await admin.post('/webhooks', { url: receiver.url, events: ['staff.created'] });
    await admin.post('/staff', { name: '中断 三郎', email: null, offices: [{ officeId: 1 }] });
    const clock = { now: new Date() };
    // A worker claims it and is killed before it records anything.
    const claimed = await claimDueDeliveries(database.db, c.contractId, {
      now: clock.now,
      limit: 10,
      leaseSeconds: 60,
    });
    expect(claimed).toHaveLength(1);
    const worker = workerFor(c.contractId, clock);
    expect(await worker.drain()).toBe(0);
    clock.now = new Date(clock.now.getTime() + 61_000);
    expect(await worker.drain()).toBe(1);
    expect(receiver.received.map((r) => r.json.id)).toEqual([claimed[0]!.eventId]);
  });

  it('computes no retry past the 24 h after the event', () => {
    const created = new Date('2026-12-05T00:00:00Z');
    expect(nextAttemptAt(created, 1, new Date('2026-12-05T00:00:00Z'))).toEqual(
      new Date('2026-12-05T00:00:30Z'),
    );
    expect(nextAttemptAt(created, 20, new Date('2026-12-05T23:30:00Z'))).toBeNull();
  });
});
