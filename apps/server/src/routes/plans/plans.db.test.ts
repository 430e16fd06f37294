import type { RouteSpec } from '@timecard/contract';
import { FEATURE_MIN_PLAN, PLANS, shiftDate } from '@timecard/domain';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { runCliOn } from '../../cli/main.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

// Issue 13: the four plans for real (the プラン page's data, a change in place, the one plan guard
// on every gated route) and the 操作ログ (in words, filtered, exported, tamper-evident).
// The 操作ログ is stamped by the database's clock, and the log lists the contract's days up to the
// app's today: the app's clock is the real one, or a run after midnight JST would find no rows.
const NOW = new Date();
let database: Database;
let app: FastifyInstance;
const registered: { method: string; url: string; feature: string | undefined }[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    database,
    serveWeb: false,
    now: () => NOW,
    onRoute: (route) => {
      const contract = (route.config as { contract?: RouteSpec } | undefined)?.contract;
      for (const method of [route.method].flat()) {
        if (method !== 'HEAD') registered.push({ method, url: route.url, feature: contract?.feature });
      }
    },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function adminOf(contract: BuiltContract) {
  const client = new ApiClient(app);
  await client.login(contract.adminEmail, contract.adminPassword);
  return client;
}

/** The areas of gated capabilities, by path: a route here without the plan guard is a leak. */
const GATED_PATHS: [RegExp, keyof typeof FEATURE_MIN_PLAN][] = [
  [/shift|wish/, 'shifts'],
  [/audit-log/, 'audit_log_view'],
  [/\/api\/v1\/leave(\/|$)/, 'leave'],
  [/\/requests|\/approvals/, 'requests'],
  [/approval-routes/, 'approval_routes'],
  [/api-tokens/, 'api_tokens'],
  [/labor-alerts/, 'labor_alerts'],
  [/webhook/, 'webhooks'],
  [/\/photo/, 'punch_photo_gps'],
];

describe('the plan guard', () => {
  it('guards every registered route of a gated area with the feature of that area', () => {
    const gated = registered.filter((r) => GATED_PATHS.some(([pattern]) => pattern.test(r.url)));
    expect(gated.length).toBeGreaterThan(10);
    const unguarded = gated.filter(
      (r) => r.feature !== GATED_PATHS.find(([pattern]) => pattern.test(r.url))![1],
    );
    expect(unguarded.map((r) => `${r.method} ${r.url}`)).toEqual([]);
  });

  it('answers 403 plan_required on every gated route below its plan, naming the plan and the feature', async () => {
    const standard = await buildContract(database.db, { plan: 'standard' });
    const admin = await adminOf(standard);
    const routes = registered.filter((r) => r.feature);
    for (const route of routes) {
      const url = route.url.replace(/:id/g, '1').replace(/^\/api\/v1/, '');
      const answer = await admin.request(route.method, url, route.method === 'GET' ? undefined : {});
      expect(answer.status, `${route.method} ${route.url}`).toBe(403);
      expect(answer.body.error).toMatchObject({
        code: 'plan_required',
        feature: route.feature,
        plan: FEATURE_MIN_PLAN[route.feature as keyof typeof FEATURE_MIN_PLAN],
      });
    }
    const shifts = await admin.get('/offices/1/shift-patterns');
    expect(shifts.body.error.message).toBe('この機能はプレミアムプラン以上でご利用いただけます。');
    const english = await admin.get('/audit-log', { 'accept-language': 'en' });
    expect(english.body.error.message).toBe('This feature needs the Premium plan or higher.');
  });
});

describe('GET /plans and PUT /plans/current', () => {
  it('lists the four plans with what each adds, and changes the plan in place, up and down', async () => {
    const contract = await buildContract(database.db, { plan: 'standard' });
    const admin = await adminOf(contract);
    const plans = await admin.get('/plans');
    expect(plans.status).toBe(200);
    expect(plans.body.current).toBe('standard');
    expect(plans.body.canChange).toBe(true);
    expect(plans.body.plans.map((p: { id: string }) => p.id)).toEqual([...PLANS]);
    expect(plans.body.plans[1]).toMatchObject({ label: { ja: 'プレミアム', en: 'Premium' } });
    expect(plans.body.plans[1].adds).toContain('shifts');
    expect(plans.body.features.find((f: { id: string }) => f.id === 'shifts')).toMatchObject({
      minPlan: 'premium',
      available: false,
      name: { ja: 'シフト管理' },
    });

    const blocked = await admin.post('/offices/1/shift-patterns', {
      name: '早番',
      start: '09:00',
      end: '18:00',
    });
    expect(blocked.status).toBe(403);

    const up = await admin.put('/plans/current', { plan: 'premium' });
    expect(up.status).toBe(200);
    expect(up.body.current).toBe('premium');
    const created = await admin.post('/offices/1/shift-patterns', {
      name: '早番',
      start: '09:00',
      end: '18:00',
    });
    expect(created.status).toBe(201);

    // A downgrade keeps the pattern; only the routes stop answering until the plan comes back.
    expect((await admin.put('/plans/current', { plan: 'standard' })).status).toBe(200);
    expect((await admin.get('/offices/1/shift-patterns')).status).toBe(403);
    expect((await admin.put('/plans/current', { plan: 'enterprise' })).status).toBe(200);
    const kept = await admin.get('/offices/1/shift-patterns');
    expect(kept.body.items ?? kept.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: '早番' })]),
    );

    const log = await admin.get('/audit-log?kind=contract');
    const changes = log.body.items.filter((i: { action: string }) => i.action === 'contract.plan_changed');
    expect(changes.map((i: { text: string }) => i.text)).toEqual([
      'プランを変更しました',
      'プランを変更しました',
      'プランを変更しました',
    ]);
    expect(changes[2].changes).toEqual([{ field: 'plan', before: 'standard', after: 'premium' }]);

    expect((await admin.put('/plans/current', { plan: 'gold' })).body.error.code).toBe('plan_invalid');
  });

  it('lets only administrators change the plan', async () => {
    const contract = await buildContract(database.db, { plan: 'premium' });
    const member = await buildStaff(database.db, contract.contractId, {
      name: '一般 太郎',
      offices: [{ officeId: 1, attendance: 'edit' }],
    });
    const client = new ApiClient(app);
    await client.login(member.email!, member.password);
    expect((await client.get('/plans')).body.canChange).toBe(false);
    const refused = await client.put('/plans/current', { plan: 'enterprise' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('forbidden');
    expect((await client.get('/audit-log')).status).toBe(403);
  });

  it('changes a plan from the CLI: contract plan --id --plan', async () => {
    const contract = await buildContract(database.db, { plan: 'standard' });
    const lines: string[] = [];
    await runCliOn(
      database,
      ['contract', 'plan', '--id', contract.contractId, '--plan', 'premium_plus'],
      (l) => lines.push(l),
    );
    expect(lines.join('\n')).toContain('スタンダード → プレミアムプラス');
    const admin = await adminOf(contract);
    expect((await admin.get('/plans')).body.current).toBe('premium_plus');
    await expect(
      runCliOn(database, ['contract', 'plan', '--id', contract.contractId, '--plan', 'gold']),
    ).rejects.toMatchObject({
      code: 'plan_invalid',
    });
  });
});

describe('操作ログ', () => {
  let contract: BuiltContract;
  let admin: ApiClient;
  let workerId: number;

  beforeAll(async () => {
    contract = await buildContract(database.db, { plan: 'premium' });
    admin = await adminOf(contract);
    const worker = await buildStaff(database.db, contract.contractId, {
      name: '=HYPERLINK("http://x","y")',
      code: 'W-1',
      email: null,
      offices: [{ officeId: 1 }],
    });
    workerId = worker.staffId;
    const added = await admin.post(`/timecards/${workerId}/punches`, {
      type: 'clock_in',
      at: '2026-12-01T09:00',
      reason: '打刻忘れ',
    });
    expect(added.status).toBe(201);
    const timecard = await admin.get(`/timecards/${workerId}?from=2026-12-01&to=2026-12-01`);
    const punchId = timecard.body.days[0].punches[0].id;
    expect(
      (
        await admin.patch(`/punches/${punchId}`, {
          type: 'clock_in',
          at: '2026-12-01T09:05',
          reason: '時刻の誤り',
        })
      ).status,
    ).toBe(200);
    await admin.patch(`/staff/${workerId}`, { code: 'W-2' });
  });

  it('lists changes newest first, in words, with who did it and before → after', async () => {
    const page = await admin.get('/audit-log');
    expect(page.status).toBe(200);
    // The last 90 days of the contract's calendar (Asia/Tokyo) by default.
    const today = new Date(NOW.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
    expect(page.body.range).toEqual({ from: shiftDate(today, -89), to: today });
    const [staffChange, punchChange] = page.body.items;
    expect(staffChange).toMatchObject({
      action: 'staff.update',
      kind: 'staff',
      text: '=HYPERLINK("http://x","y") の情報を変更しました',
      actor: { kind: 'staff', email: contract.adminEmail },
      changes: [{ field: 'code', before: 'W-1', after: 'W-2' }],
    });
    expect(punchChange).toMatchObject({
      action: 'punch.change',
      kind: 'punch',
      text: '=HYPERLINK("http://x","y") の打刻を修正しました',
    });
    expect(punchChange.changes).toEqual(
      expect.arrayContaining([
        { field: 'at', before: '2026-12-01T09:00', after: '2026-12-01T09:05' },
        { field: 'reason', before: null, after: '時刻の誤り' },
      ]),
    );
    const english = await admin.get('/audit-log?kind=punch', { 'accept-language': 'en' });
    expect(english.body.items[0].text).toBe('Corrected a punch of =HYPERLINK("http://x","y")');
  });

  it('filters by kind, person and period, and pages with a cursor', async () => {
    const punches = await admin.get('/audit-log?kind=punch');
    expect(punches.body.items.map((i: { action: string }) => i.action)).toEqual([
      'punch.change',
      'punch.add',
    ]);
    const person = await admin.get(`/audit-log?staffId=${workerId}`);
    expect(person.body.items.map((i: { action: string }) => i.action)).toEqual([
      'staff.update',
      'punch.change',
      'punch.add',
    ]);
    const first = await admin.get(`/audit-log?staffId=${workerId}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    const second = await admin.get(`/audit-log?staffId=${workerId}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: { action: string }) => i.action)).toEqual(['punch.add']);
    expect(second.body.nextCursor).toBeNull();
    const past = await admin.get('/audit-log?from=2025-01-01&to=2025-12-31');
    expect(past.body.items).toEqual([]);
    expect((await admin.get('/audit-log?from=2026-12-05&to=2026-12-01')).status).toBe(400);
  });

  it('exports the log as CSV with every typed cell formula-safe', async () => {
    const answer = await admin.get(`/audit-log.csv?staffId=${workerId}`);
    expect(answer.status).toBe(200);
    const text = answer.text.replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toBe('日時,操作者,メールアドレス,種類,内容,対象,変更前,変更後,IPアドレス');
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"") の打刻を修正しました"`);
    expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m);
  });

  it('never shows another contract’s 操作ログ, in the list, the CSV or the verification', async () => {
    const other = await buildContract(database.db, { plan: 'premium' });
    const otherAdmin = await adminOf(other);
    const list = await otherAdmin.get(`/audit-log?staffId=${workerId}`);
    expect(list.body.items.some((i: { text: string }) => i.text.includes('HYPERLINK'))).toBe(false);
    const csv = await otherAdmin.get('/audit-log.csv');
    expect(csv.text).not.toContain('HYPERLINK');
    const verified = await otherAdmin.get('/audit-log/verify');
    expect(verified.body.punches.rows).toBe(0);
  });

  it('verifies both chains, and names the row an SQL edit changed (API and CLI)', async () => {
    const intact = await admin.get('/audit-log/verify');
    expect(intact.body).toMatchObject({
      intact: true,
      audit: { brokenId: null },
      punches: { brokenId: null },
    });
    expect(intact.body.punches.rows).toBe(2);
    const lines: string[] = [];
    await runCliOn(database, ['audit', 'verify', '--contract', contract.contractId], (l) => lines.push(l));
    expect(lines.at(-1)).toContain('intact');

    // Someone with database access rewrites a punch's time, bypassing the append-only trigger.
    const punch = await database.db
      .selectFrom('punches')
      .select('id')
      .where('contractId', '=', contract.contractId)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    await sql`alter table punches disable trigger punches_append_only`.execute(database.db);
    await sql`update punches set punched_at = punched_at - interval '1 hour' where contract_id = ${contract.contractId} and id = ${punch.id}`.execute(
      database.db,
    );
    await sql`alter table punches enable trigger punches_append_only`.execute(database.db);
    const broken = await admin.get('/audit-log/verify');
    expect(broken.body).toMatchObject({ intact: false, punches: { brokenId: Number(punch.id) } });
    await expect(
      runCliOn(database, ['audit', 'verify', '--contract', contract.contractId]),
    ).rejects.toMatchObject({
      code: 'audit_chain_broken',
      params: { chain: 'punches', id: Number(punch.id) },
    });

    // …and an audit row's author.
    const row = await database.db
      .selectFrom('auditLog')
      .select('id')
      .where('contractId', '=', contract.contractId)
      .where('action', '=', 'punch.change')
      .executeTakeFirstOrThrow();
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set actor_staff_id = null where contract_id = ${contract.contractId} and id = ${row.id}`.execute(
      database.db,
    );
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
    await expect(
      runCliOn(database, ['audit', 'verify', '--contract', contract.contractId]),
    ).rejects.toMatchObject({
      params: { chain: 'audit_log', id: Number(row.id) },
    });
  });
});
