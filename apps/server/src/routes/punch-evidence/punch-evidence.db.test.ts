import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import { purgePunchPhotos } from '../../services/punch-evidence.service.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

let database: Database;
let app: FastifyInstance;
let ipCounter = 0;
const device = () => new ApiClient(app, `10.20.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`);
// Two processes purging at once need PostgreSQL: PGlite runs one transaction at a time.
const databaseUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

// Tokyo Station, and a point `metres` north of it.
const SHOP = { lat: 35.681236, lng: 139.767125 };
const north = (metres: number) => ({ lat: SHOP.lat + metres / 111_195, lng: SHOP.lng });

/** A JPEG as far as the server can tell (SOI … EOI), of about `size` bytes. */
function jpeg(size = 2000): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size), Buffer.from([0xff, 0xd9])]);
}
const dataUrl = (bytes: Buffer) => `data:image/jpeg;base64,${bytes.toString('base64')}`;

async function adminOf(c: BuiltContract) {
  const admin = device();
  await admin.login(c.adminEmail, c.adminPassword);
  return admin;
}

async function openClock(c: BuiltContract) {
  const terminal = device();
  const response = await terminal.post('/clock/auth', { contractId: c.contractId, officeId: 1, pin: '0000' });
  if (response.status !== 200) throw new Error(`clock auth failed: ${JSON.stringify(response.body)}`);
  return terminal;
}

async function photoOf(client: ApiClient, punchId: number) {
  return client.get(`/punches/${punchId}/photo`);
}

async function photoRows(contractId: string) {
  return database.db
    .selectFrom('punchPhotos')
    .select(['idempotencyKey', 'jpeg'])
    .where('contractId', '=', contractId)
    .execute();
}

describe('punch evidence settings on the office (PATCH /offices/{id} punchEvidence)', () => {
  it('are a プレミアム capability: スタンダード may only keep them off', async () => {
    const c = await buildContract(database.db, { plan: 'standard' });
    const admin = await adminOf(c);
    const refused = await admin.patch('/offices/1', {
      punchEvidence: { photo: { web_clock: { clock_in: 'required' } } },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'plan_required', plan: 'premium' });
    const off = await admin.patch('/offices/1', { punchEvidence: {} });
    expect(off.status).toBe(200);
    expect(off.body.punchEvidence.photo.web_clock.clock_in).toBe('off');
  });

  it('are kept whole and shown back, with defaults filled in', async () => {
    const c = await buildContract(database.db, { plan: 'premium' });
    const admin = await adminOf(c);
    const saved = await admin.patch('/offices/1', {
      punchEvidence: {
        photo: { app: { clock_in: 'optional' } },
        location: 'required',
        geofence: { ...SHOP, radiusM: 150, outside: 'flag' },
      },
    });
    expect(saved.status).toBe(200);
    const office = await admin.get('/offices/1');
    expect(office.body.punchEvidence).toEqual({
      photo: {
        web_clock: { clock_in: 'off', clock_out: 'off', break_start: 'off', break_end: 'off' },
        app: { clock_in: 'optional', clock_out: 'off', break_start: 'off', break_end: 'off' },
        personal: { clock_in: 'off', clock_out: 'off', break_start: 'off', break_end: 'off' },
      },
      location: 'required',
      geofence: { ...SHOP, radiusM: 150, outside: 'flag' },
    });
    const bad = await admin.patch('/offices/1', { punchEvidence: { location: 'always' } });
    expect(bad.status).toBe(400);
  });
});

describe('a photo with a terminal punch', () => {
  it('is required when the office says so, checked as a JPEG within 200 KB, and kept once per key', async () => {
    const c = await buildContract(database.db, { plan: 'premium' });
    const admin = await adminOf(c);
    await admin.patch('/offices/1', { punchEvidence: { photo: { web_clock: { clock_in: 'required' } } } });
    const person = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const terminal = await openClock(c);
    const board = await terminal.get('/terminal');
    expect(board.body.office.photo.clock_in).toBe('required');

    const key = randomUUID();
    const punch = (body: Record<string, unknown>, k = key) =>
      terminal.post(
        '/terminal/punches',
        { staffId: person.staffId, type: 'clock_in', ...body },
        { 'idempotency-key': k },
      );
    const without = await punch({});
    expect(without.status).toBe(422);
    expect(without.body.error.code).toBe('photo_required');
    expect(without.body.error.message).toContain('写真');
    expect((await punch({ photo: 'data:image/png;base64,iVBORw0KGgo=' })).body.error.code).toBe(
      'photo_invalid',
    );
    // A data URL that says JPEG but is not one.
    expect((await punch({ photo: dataUrl(Buffer.from('not a jpeg at all')) })).body.error.code).toBe(
      'photo_invalid',
    );
    const huge = await punch({ photo: dataUrl(jpeg(210 * 1024)) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('photo_too_large');

    const first = jpeg();
    const recorded = await punch({ photo: dataUrl(first) });
    expect(recorded.status).toBe(201);
    // A retry with the same key answers the first result and keeps the first photo.
    const retried = await punch({ photo: dataUrl(jpeg()) });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ replayed: true, punch: { id: recorded.body.punch.id } });
    const rows = await photoRows(c.contractId);
    expect(
      rows.filter((r) => r.idempotencyKey === key).map((r) => Buffer.from(r.jpeg).equals(first)),
    ).toEqual([true]);

    // 退勤 asks for no photo: one sent anyway is not kept.
    const out = await punch({ type: 'clock_out', photo: dataUrl(jpeg()) }, randomUUID());
    expect(out.status).toBe(201);
    expect(await photoRows(c.contractId)).toHaveLength(rows.length);
  });

  it('shows on the timecard and 今日の出勤状況 to those with 実績 閲覧, with every viewing in the 操作ログ', async () => {
    const c = await buildContract(database.db, { plan: 'premium' });
    const admin = await adminOf(c);
    await admin.patch('/offices/1', { punchEvidence: { photo: { web_clock: { clock_in: 'optional' } } } });
    const person = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const viewer = await buildStaff(database.db, c.contractId, {
      offices: [{ officeId: 1, attendance: 'view' }],
    });
    const colleague = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const terminal = await openClock(c);
    const bytes = jpeg();
    const recorded = await terminal.post(
      '/terminal/punches',
      { staffId: person.staffId, type: 'clock_in', photo: dataUrl(bytes) },
      { 'idempotency-key': randomUUID() },
    );
    const punchId = recorded.body.punch.id as number;

    const month = recorded.body.punch.workDate.slice(0, 7);
    const card = await admin.get(`/timecards/${person.staffId}?month=${month}`);
    const punches = card.body.days.flatMap((d: { punches: unknown[] }) => d.punches);
    expect(punches).toEqual([expect.objectContaining({ id: punchId, photoPunchId: punchId })]);
    const today = await admin.get('/attendance/today');
    const row = today.body.offices[0].staff.find((s: { id: number }) => s.id === person.staffId);
    expect(row.photoPunchId).toBe(punchId);

    const seen = await photoOf(admin, punchId);
    expect(seen.status).toBe(200);
    expect(seen.headers['content-type']).toBe('image/jpeg');
    expect(Number(seen.headers['content-length'])).toBe(bytes.length);

    const asViewer = device();
    await asViewer.login(viewer.email!, viewer.password);
    expect((await photoOf(asViewer, punchId)).status).toBe(200);
    const asSelf = device();
    await asSelf.login(person.email!, person.password);
    expect((await photoOf(asSelf, punchId)).status).toBe(200);
    const asColleague = device();
    await asColleague.login(colleague.email!, colleague.password);
    expect((await photoOf(asColleague, punchId)).status).toBe(404);

    const log = await database.db
      .selectFrom('auditLog')
      .select(['action', 'actorStaffId', 'target'])
      .where('contractId', '=', c.contractId)
      .where('action', '=', 'punch.photo_viewed')
      .orderBy('id')
      .execute();
    expect(log.map((e) => e.actorStaffId)).toEqual([c.adminStaffId, viewer.staffId, person.staffId]);
    expect(log.every((e) => e.target === `punch:${punchId}`)).toBe(true);
  });

  it('is a プレミアム route: below it the photo answers plan_required', async () => {
    const c = await buildContract(database.db, { plan: 'standard' });
    const admin = await adminOf(c);
    const answer = await photoOf(admin, 1);
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('plan_required');
  });
});

describe('the personal clock: position and 打刻可能範囲', () => {
  async function personalClock(outside: 'refuse' | 'flag') {
    const c = await buildContract(database.db, { plan: 'premium' });
    const admin = await adminOf(c);
    await admin.patch('/offices/1', {
      punchEvidence: { location: 'required', geofence: { ...SHOP, radiusM: 100, outside } },
    });
    const person = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const phone = device();
    await phone.login(person.email!, person.password);
    const punch = (body: Record<string, unknown>) =>
      phone.post('/me/punches', { type: 'clock_in', ...body }, { 'idempotency-key': randomUUID() });
    return { c, admin, person, phone, punch };
  }

  it('asks for the position, refuses a punch outside with the distance, accepts one inside', async () => {
    const { admin, person, phone, punch } = await personalClock('refuse');
    const status = await phone.get('/me/punch-status');
    expect(status.body.evidence).toMatchObject({ location: 'required', geofence: true });
    expect((await punch({})).body.error.code).toBe('location_required');
    const far = await punch({ location: { ...north(800), accuracyM: 20 } });
    expect(far.status).toBe(422);
    expect(far.body.error.code).toBe('outside_geofence');
    expect(far.body.error.message).toContain('約800m');
    const near = await punch({ location: { ...north(60), accuracyM: 20 } });
    expect(near.status).toBe(201);
    const card = await admin.get(
      `/timecards/${person.staffId}?month=${near.body.punch.workDate.slice(0, 7)}`,
    );
    const [recorded] = card.body.days.flatMap((d: { punches: unknown[] }) => d.punches);
    expect(recorded.flags).toMatchObject({
      location: { accuracyM: 20 },
      geofence: { distanceM: 60, radiusM: 100, outside: false },
    });
    expect(recorded.flags.outsideGeofence).toBeUndefined();
  });

  it('accepts and marks a punch outside when the office flags instead of refusing', async () => {
    const { admin, person, punch } = await personalClock('flag');
    const far = await punch({ location: { ...north(800), accuracyM: 20 } });
    expect(far.status).toBe(201);
    const card = await admin.get(`/timecards/${person.staffId}?month=${far.body.punch.workDate.slice(0, 7)}`);
    const [recorded] = card.body.days.flatMap((d: { punches: unknown[] }) => d.punches);
    expect(recorded.flags).toMatchObject({ outsideGeofence: true, geofence: { distanceM: 800 } });
  });
});

describe('the photo purge job', () => {
  async function withPhotos(retentionDays?: number) {
    const c = await buildContract(database.db, { plan: 'premium' });
    const admin = await adminOf(c);
    if (retentionDays) {
      expect((await admin.get('/settings/photo-retention')).body).toEqual({ days: 90 });
      const set = await admin.put('/settings/photo-retention', { days: retentionDays });
      expect(set.body).toEqual({ days: retentionDays });
      expect((await admin.get('/settings/photo-retention')).body).toEqual({ days: retentionDays });
      expect((await admin.put('/settings/photo-retention', { days: 0 })).status).toBe(400);
    }
    await admin.patch('/offices/1', { punchEvidence: { photo: { web_clock: { clock_in: 'optional' } } } });
    const terminal = await openClock(c);
    const people = [];
    for (let i = 0; i < 3; i++) {
      const person = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
      const answer = await terminal.post(
        '/terminal/punches',
        { staffId: person.staffId, type: 'clock_in', photo: dataUrl(jpeg(500)) },
        { 'idempotency-key': randomUUID() },
      );
      expect(answer.status).toBe(201);
      people.push(person);
    }
    // A punch refused after its photo was stored (already clocked in): an orphan photo.
    const refused = await terminal.post(
      '/terminal/punches',
      { staffId: people[0]!.staffId, type: 'clock_in', photo: dataUrl(jpeg(500)) },
      { 'idempotency-key': randomUUID() },
    );
    expect(refused.status).toBe(409);
    return c;
  }
  const daysLater = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000);
  const purgedCount = async (contractId: string) =>
    (
      await database.db
        .selectFrom('auditLog')
        .select('details')
        .where('contractId', '=', contractId)
        .where('action', '=', 'punch.photos_purged')
        .execute()
    ).reduce((sum, row) => sum + Number((row.details as { count: number }).count), 0);

  it('removes orphans after a day and photos after the retention (default 90 days), writing the count once', async () => {
    const c = await withPhotos();
    expect(await photoRows(c.contractId)).toHaveLength(4);
    await purgePunchPhotos(database.db, daysLater(0.5), [c.contractId]);
    expect(await photoRows(c.contractId)).toHaveLength(4);
    await purgePunchPhotos(database.db, daysLater(2), [c.contractId]);
    expect(await photoRows(c.contractId)).toHaveLength(3);
    await purgePunchPhotos(database.db, daysLater(89), [c.contractId]);
    expect(await photoRows(c.contractId)).toHaveLength(3);
    await purgePunchPhotos(database.db, daysLater(91), [c.contractId]);
    expect(await photoRows(c.contractId)).toHaveLength(0);
    expect(await purgedCount(c.contractId)).toBe(4);
    // The punches stay (労働基準法 109条): only their photos go.
    const punches = await database.db
      .selectFrom('punches')
      .select('id')
      .where('contractId', '=', c.contractId)
      .execute();
    expect(punches).toHaveLength(3);
  });

  it('follows the contract’s retention setting (設定 > 打刻写真の保存期間)', async () => {
    const c = await withPhotos(7);
    await purgePunchPhotos(database.db, daysLater(6), [c.contractId]);
    expect(await photoRows(c.contractId)).toHaveLength(3);
    await purgePunchPhotos(database.db, daysLater(8), [c.contractId]);
    expect(await photoRows(c.contractId)).toHaveLength(0);
  });

  it.skipIf(!databaseUrl)('deletes and counts each photo once when two processes purge at once', async () => {
    const contracts = [await withPhotos(), await withPhotos(), await withPhotos()];
    const ids = contracts.map((c) => c.contractId);
    const other = await openDatabase({ databaseUrl: databaseUrl!, poolSize: 3 });
    try {
      const runs = await Promise.all([
        purgePunchPhotos(database.db, daysLater(91), ids),
        purgePunchPhotos(other.db, daysLater(91), ids),
        purgePunchPhotos(database.db, daysLater(91), ids),
        purgePunchPhotos(other.db, daysLater(91), ids),
      ]);
      expect(runs.reduce((sum, run) => sum + run.deleted, 0)).toBe(12);
      for (const id of ids) {
        expect(await photoRows(id)).toHaveLength(0);
        expect(await purgedCount(id)).toBe(4);
      }
    } finally {
      await other.close();
    }
  });
});
