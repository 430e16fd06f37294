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

/** Contract A with a second office (2) and four people; contract B as the stranger. */
let a: BuiltContract;
let b: BuiltContract;
let admin: ApiClient;
let manager: ApiClient; // 従業員管理 編集 and 事業所管理 編集 on office 2 only
let viewer: ApiClient; // 従業員管理 閲覧 on office 2
let plain: ApiClient; // no rights at all
let stranger: ApiClient; // administrator of contract B
let plainId: number;
let office2Member: number;
let office1Member: number;

async function loggedIn(email: string, password: string) {
  const api = new ApiClient(app);
  await api.login(email, password);
  return api;
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
  a = await buildContract(database.db);
  b = await buildContract(database.db);
  const office2 = await buildOffice(database.db, a.contractId, '新宿店');
  expect(office2).toBe(2);
  const m = await buildStaff(database.db, a.contractId, {
    name: '店長 次郎',
    offices: [{ officeId: 2, staffManage: 'edit', officeManage: 'edit' }],
  });
  const v = await buildStaff(database.db, a.contractId, {
    name: '閲覧 三郎',
    offices: [{ officeId: 2, staffManage: 'view' }],
  });
  const p = await buildStaff(database.db, a.contractId, { name: '一般 四郎', offices: [{ officeId: 1 }] });
  plainId = p.staffId;
  office2Member = (
    await buildStaff(database.db, a.contractId, {
      name: '新宿 五郎',
      email: null,
      offices: [{ officeId: 2 }],
    })
  ).staffId;
  office1Member = (
    await buildStaff(database.db, a.contractId, {
      name: '本店 六子',
      email: null,
      offices: [{ officeId: 1 }],
    })
  ).staffId;
  admin = await loggedIn(a.adminEmail, a.adminPassword);
  manager = await loggedIn(m.email!, m.password);
  viewer = await loggedIn(v.email!, v.password);
  plain = await loggedIn(p.email!, p.password);
  stranger = await loggedIn(b.adminEmail, b.adminPassword);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const names = (body: { items: { name: string }[] }) => body.items.map((s) => s.name).sort();

describe('GET /staff', () => {
  it('lists everyone for an administrator, searchable by name and e-mail', async () => {
    const all = await admin.get('/staff');
    expect(all.status).toBe(200);
    expect(names(all.body)).toEqual(
      ['一般 四郎', '店長 次郎', '新宿 五郎', '本店 六子', '管理 太郎', '閲覧 三郎'].sort(),
    );
    expect(all.body.items[0]).toHaveProperty('email');
    expect(names((await admin.get(`/staff?q=${encodeURIComponent('新宿')}`)).body)).toEqual(['新宿 五郎']);
    expect(names((await admin.get(`/staff?q=${encodeURIComponent(a.adminEmail)}`)).body)).toEqual([
      '管理 太郎',
    ]);
  });

  it('pages by cursor', async () => {
    const first = await admin.get('/staff?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await admin.get(`/staff?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items[0].id).toBeGreaterThan(first.body.items[1].id);
  });

  it('shows a manager only the staff of the offices they manage', async () => {
    expect(names((await manager.get('/staff')).body)).toEqual(['店長 次郎', '新宿 五郎', '閲覧 三郎'].sort());
    expect(names((await viewer.get('/staff')).body)).toEqual(['店長 次郎', '新宿 五郎', '閲覧 三郎'].sort());
  });

  it('refuses staff without 従業員管理, asks for a login without a session, and never shows another contract', async () => {
    expect((await plain.get('/staff')).status).toBe(403);
    expect((await new ApiClient(app).get('/staff')).status).toBe(401);
    const theirs = await stranger.get('/staff');
    expect(names(theirs.body)).toEqual(['管理 太郎']);
    expect(theirs.body.items[0].email).toBe(b.adminEmail);
  });
});

describe('GET /staff/:id', () => {
  it('answers 404 for another contract’s id and for people outside the caller’s offices, but shows yourself', async () => {
    expect((await admin.get(`/staff/${office2Member}`)).status).toBe(200);
    expect((await stranger.get(`/staff/${office2Member}`)).status).toBe(404);
    expect((await manager.get(`/staff/${office1Member}`)).status).toBe(404);
    expect((await manager.get(`/staff/${office2Member}`)).status).toBe(200);
    expect((await plain.get(`/staff/${office1Member}`)).status).toBe(404);
    expect((await plain.get(`/staff/${plainId}`)).body.name).toBe('一般 四郎');
    expect((await admin.get('/staff/abc')).status).toBe(404);
  });
});

describe('POST /staff', () => {
  it('adds a person with the fields of product.md §4 and validates each field', async () => {
    const created = await admin.post('/staff', {
      name: '追加 七海',
      kana: 'ツイカ ナナミ',
      code: 'A-7',
      employmentType: 'part_time',
      hiredOn: '2026-04-01',
      passcode: '1234',
      offices: [{ officeId: 1, attendance: 'view' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '追加 七海',
      kana: 'ツイカ ナナミ',
      code: 'A-7',
      employmentType: 'part_time',
      hiredOn: '2026-04-01',
      usage: 'active',
      loginStatus: 'allowed',
      isAdmin: false,
      verification: 'none',
      hasPasscode: true,
      offices: [
        { officeId: 1, shiftPlan: 'none', attendance: 'view', officeManage: 'none', staffManage: 'none' },
      ],
    });
    expect(created.body).not.toHaveProperty('passcodeHash');

    const bad = await admin.post('/staff', {
      name: ' ',
      email: 'not-mail',
      hiredOn: '2026-02-30',
      passcode: '12a4',
      offices: [{ officeId: 99 }],
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(['email', 'hiredOn', 'name', 'passcode']);
    expect(bad.body.error.fields.hiredOn.message).toBe('日付は YYYY-MM-DD の形式で入力してください。');

    const dupe = await admin.post('/staff', { name: '重複', code: 'A-7' });
    expect(dupe.status).toBe(409);
    expect(dupe.body.error.fields.code.code).toBe('staff_code_taken');
    const unknownOffice = await admin.post('/staff', { name: '迷子', offices: [{ officeId: 99 }] });
    expect(unknownOffice.status).toBe(404);
  });

  it('lets a manager add people only to their own office and without rights', async () => {
    expect((await manager.post('/staff', { name: '新宿 八郎', offices: [{ officeId: 2 }] })).status).toBe(
      201,
    );
    expect((await manager.post('/staff', { name: '本店 九郎', offices: [{ officeId: 1 }] })).status).toBe(
      403,
    );
    expect(
      (await manager.post('/staff', { name: '昇格', offices: [{ officeId: 2, staffManage: 'edit' }] }))
        .status,
    ).toBe(403);
    expect((await viewer.post('/staff', { name: '閲覧者の追加', offices: [{ officeId: 2 }] })).status).toBe(
      403,
    );
    expect((await plain.post('/staff', { name: '一般の追加' })).status).toBe(403);
  });
});

describe('PATCH /staff/:id', () => {
  it('edits, retires (利用しない + 退職日) and never deletes', async () => {
    const edited = await admin.patch(`/staff/${office1Member}`, {
      kana: 'ホンテン ロクコ',
      retiredOn: '2026-12-31',
      usage: 'inactive',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      kana: 'ホンテン ロクコ',
      retiredOn: '2026-12-31',
      usage: 'inactive',
    });
    expect(names((await admin.get('/staff?usage=inactive')).body)).toContain('本店 六子');
    expect(names((await admin.get('/staff')).body)).not.toContain('本店 六子');
    const back = await admin.patch(`/staff/${office1Member}`, { usage: 'active', retiredOn: null });
    expect(back.body.usage).toBe('active');
    const order = await admin.patch(`/staff/${office1Member}`, {
      hiredOn: '2027-01-01',
      retiredOn: '2026-01-01',
    });
    expect(order.body.error.fields.retiredOn.code).toBe('retired_before_hired');
    const unknownField = await admin.patch(`/staff/${office1Member}`, { contractId: b.contractId });
    expect(unknownField.status).toBe(400);
  });

  it('keeps 権限, スタッフの状態 and rights to administrators, and other contracts out', async () => {
    expect((await manager.patch(`/staff/${office2Member}`, { kana: 'シンジュク ゴロウ' })).status).toBe(200);
    expect((await manager.patch(`/staff/${office2Member}`, { loginStatus: 'stopped' })).status).toBe(403);
    expect((await manager.patch(`/staff/${office2Member}`, { isAdmin: true })).status).toBe(403);
    expect((await manager.patch(`/staff/${office1Member}`, { kana: 'エックス' })).status).toBe(404);
    expect((await viewer.patch(`/staff/${office2Member}`, { kana: 'エックス' })).status).toBe(403);
    expect((await plain.patch(`/staff/${plainId}`, { name: '自分で改名' })).status).toBe(403);
    expect((await stranger.patch(`/staff/${office2Member}`, { name: '乗っ取り' })).status).toBe(404);
    expect((await admin.get(`/staff/${office2Member}`)).body.name).toBe('新宿 五郎');
  });
});

describe('POST /staff/:id/verification-mail', () => {
  it('is refused to people without the right and to other contracts', async () => {
    const pending = await admin.post('/staff', {
      name: '未認証 十子',
      email: `ten@${a.contractId}.example.com`,
      offices: [{ officeId: 2 }],
    });
    expect((await stranger.post(`/staff/${pending.body.id}/verification-mail`)).status).toBe(404);
    expect((await plain.post(`/staff/${pending.body.id}/verification-mail`)).status).toBe(404);
    expect((await viewer.post(`/staff/${pending.body.id}/verification-mail`)).status).toBe(403);
    expect((await manager.post(`/staff/${pending.body.id}/verification-mail`)).status).toBe(200);
    const noEmail = await admin.post(`/staff/${office2Member}/verification-mail`);
    expect(noEmail.body.error.code).toBe('email_required_for_verification');
  });
});

describe('offices', () => {
  it('lists a contract’s own offices to any member and hides other contracts’ ids', async () => {
    const mine = await plain.get('/offices');
    expect(mine.body.items.map((o: { name: string }) => o.name)).toEqual(['本店', '新宿店']);
    const theirs = await stranger.get('/offices');
    expect(theirs.body.items.map((o: { name: string }) => o.name)).toEqual(['本店']);
    expect((await stranger.get('/offices/2')).status).toBe(404);
    expect((await stranger.patch('/offices/2', { name: '乗っ取り' })).status).toBe(404);
  });

  it('lets administrators add offices and 事業所管理 編集 edit its office only', async () => {
    const added = await admin.post('/offices', {
      name: '横浜店',
      shortName: '横浜',
      kana: 'ヨコハマテン',
      address: '神奈川県横浜市',
      passcodeRequired: true,
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: 3, name: '横浜店', passcodeRequired: true });
    expect((await manager.post('/offices', { name: '店長の店' })).status).toBe(403);
    expect((await manager.patch('/offices/2', { address: '東京都新宿区' })).body.address).toBe(
      '東京都新宿区',
    );
    expect((await manager.patch('/offices/1', { address: 'x' })).status).toBe(403);
    expect((await viewer.patch('/offices/2', { address: 'x' })).status).toBe(403);
    const invalid = await admin.post('/offices', { name: '' });
    expect(invalid.body.error.fields.name.message).toBe('名前を入力してください。');
    expect((await stranger.get('/offices/1')).body.name).toBe('本店');
  });
});

describe('タイムカード・アプリ', () => {
  it('answers wrong credentials with ユーザーIDまたはパスワードが正しくありません。', async () => {
    const wrong = await new ApiClient(app).post('/app/login', { userId: a.adminEmail, password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe('ユーザーIDまたはパスワードが正しくありません。');
  });

  it('answers ユーザーを取得できませんでした。 when the account is stopped in every contract', async () => {
    const stopped = await buildStaff(database.db, a.contractId, { loginStatus: 'stopped' });
    const response = await new ApiClient(app).post('/app/login', {
      userId: stopped.email,
      password: stopped.password,
    });
    expect(response.status).toBe(403);
    expect(response.body.error.message).toBe('ユーザーを取得できませんでした。');
  });

  it('lists every office and lets the account choose only those with 事業所管理 編集', async () => {
    const m = await buildStaff(database.db, a.contractId, {
      offices: [{ officeId: 2, officeManage: 'edit' }, { officeId: 1 }],
    });
    const app1 = new ApiClient(app);
    const login = await app1.post('/app/login', { userId: m.email, password: m.password });
    expect(login.status).toBe(200);
    expect(login.body.loginEmail).toBe(m.email);
    const offices = login.body.contracts[0].offices;
    expect(offices.filter((o: { editable: boolean }) => o.editable).map((o: { id: number }) => o.id)).toEqual(
      [2],
    );
    expect(
      offices.filter((o: { editable: boolean }) => !o.editable).map((o: { id: number }) => o.id),
    ).toContain(1);
    expect((await app1.post('/app/select-office', { contractId: a.contractId, officeId: 1 })).status).toBe(
      403,
    );
    expect((await app1.get('/app/me')).body.selected).toBeNull();
    const chosen = await app1.post('/app/select-office', { contractId: a.contractId, officeId: 2 });
    expect(chosen.body.office).toEqual({ id: 2, name: '新宿店' });
    // The tablet remembers its office on the server: /app/me says which it is the terminal of.
    expect((await app1.get('/app/me')).body.selected).toEqual({ contractId: a.contractId, officeId: 2 });
    expect((await app1.post('/app/select-office', { contractId: b.contractId, officeId: 1 })).status).toBe(
      404,
    );
    // The app session is not a 管理画面 session.
    expect((await app1.get('/me')).status).toBe(401);
    expect((await app1.post('/app/logout')).status).toBe(204);
    expect((await app1.get('/app/me')).status).toBe(401);
    // Logging out again (no session any more) is not an error.
    expect((await app1.post('/app/logout')).status).toBe(204);
    expect((await new ApiClient(app).post('/auth/logout')).status).toBe(204);
  });
});
