import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { buildContract, buildStaff } from '../../testing/factories.ts';
import { countMailsTo, lastMailTo, linkToken } from '../../testing/mail-box.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

let database: Database;
let app: FastifyInstance;
let ipCounter = 0;
/**
 * Each test logs in from its own address, so per-IP throttling of one test never leaks into another
 * (nor into the next run on a shared PostgreSQL database, where the counts outlive a run).
 */
const subnet = 1 + Math.floor(Math.random() * 250);
const client = () => new ApiClient(app, `10.${subnet}.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`);

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', PUBLIC_URL: 'https://timecard.example.com' }),
    database,
    serveWeb: false,
  });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('管理画面 login', () => {
  it('answers a wrong password and an unknown e-mail with the same text: アカウントを認証できませんでした。', async () => {
    const built = await buildContract(database.db);
    const wrong = await client().post('/auth/login', { login: built.adminEmail, password: 'wrong password' });
    const unknown = await client().post('/auth/login', {
      login: `nobody@${built.contractId}.example.com`,
      password: 'x',
    });
    for (const response of [wrong, unknown]) {
      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        error: { code: 'login_failed', message: 'アカウントを認証できませんでした。' },
      });
    }
    const english = await client().post(
      '/auth/login',
      { login: built.adminEmail, password: 'wrong' },
      { 'accept-language': 'en' },
    );
    expect(english.body.error.message).toBe('We could not authenticate your account.');
  });

  it('logs in with the e-mail and sets an HttpOnly, SameSite=Lax cookie whose token is stored only hashed', async () => {
    const built = await buildContract(database.db);
    const api = client();
    const response = await api.post('/auth/login', {
      login: built.adminEmail.toUpperCase(),
      password: built.adminPassword,
    });
    expect(response.status).toBe(200);
    expect(response.body.contract).toEqual({
      id: built.contractId,
      name: expect.any(String),
      plan: 'enterprise',
    });
    expect(response.body.staff).toMatchObject({ isAdmin: true });
    const cookie = response.cookies.find((c) => c.name === 'tc_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const rows = await database.db
      .selectFrom('sessions')
      .select('tokenHash')
      .where('accountId', '=', built.adminAccountId)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.tokenHash.toString('base64url')).not.toBe(cookie.value);
    expect((await api.get('/me')).status).toBe(200);
  });

  it('refuses a stopped staff member with 「<契約ID>へのアクセスを制限されています。」 naming the real 契約ID', async () => {
    const built = await buildContract(database.db);
    const staff = await buildStaff(database.db, built.contractId, { loginStatus: 'stopped' });
    const response = await client().post('/auth/login', { login: staff.email, password: staff.password });
    expect(response.status).toBe(403);
    expect(response.body.error).toEqual({
      code: 'login_stopped',
      message: `${built.contractId}へのアクセスを制限されています。`,
    });
    // The wrong password still gets the generic text: a stop is only revealed to the right password.
    const wrong = await client().post('/auth/login', { login: staff.email, password: 'not it' });
    expect(wrong.body.error.code).toBe('login_failed');
  });

  it('lets an account in several contracts choose one, and refuses a stopped one', async () => {
    const a = await buildContract(database.db, { name: 'A社' });
    const b = await buildContract(database.db, { name: 'B社' });
    const c = await buildContract(database.db, { name: 'C社' });
    const email = `multi@${a.contractId}.example.com`;
    const person = await buildStaff(database.db, a.contractId, { email });
    await buildStaff(database.db, b.contractId, { email });
    await buildStaff(database.db, c.contractId, { email, loginStatus: 'stopped' });

    const api = client();
    const me = await api.login(email, person.password);
    expect(me.contract).toBeNull();
    expect(me.contracts.map((x: { id: string }) => x.id).sort()).toEqual(
      [a.contractId, b.contractId, c.contractId].sort(),
    );
    expect((await api.get('/staff')).body.error.code).toBe('contract_not_selected');

    const stopped = await api.post('/auth/select-contract', { contractId: c.contractId });
    expect(stopped.status).toBe(403);
    expect(stopped.body.error.message).toBe(`${c.contractId}へのアクセスを制限されています。`);

    const chosen = await api.post('/auth/select-contract', { contractId: b.contractId });
    expect(chosen.status).toBe(200);
    expect(chosen.body.contract.id).toBe(b.contractId);
    const other = await api.post('/auth/select-contract', { contractId: 'no-such-contract' });
    expect(other.status).toBe(404);
  });

  it('slows down repeated failures per account with Retry-After, even for the right password, without a permanent lock', async () => {
    const built = await buildContract(database.db);
    const api = client();
    for (let i = 0; i < 5; i++) {
      expect(
        (await api.post('/auth/login', { login: built.adminEmail, password: `guess ${i}` })).status,
      ).toBe(401);
    }
    // Five failures are free (ADR 007); the sixth attempt, even with the right password, waits.
    const throttled = await client().post('/auth/login', {
      login: built.adminEmail,
      password: built.adminPassword,
    });
    expect(throttled.status).toBe(429);
    expect(throttled.body.error.code).toBe('rate_limited');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(throttled.headers['retry-after'])).toBeLessThanOrEqual(900);
    // The wait ends: once it has passed, the right password works again.
    await database.db
      .updateTable('loginThrottle')
      .set({ blockedUntil: new Date(Date.now() - 1000) })
      .where('key', '=', `login:account:${built.adminEmail}`)
      .execute();
    expect(
      (await client().post('/auth/login', { login: built.adminEmail, password: built.adminPassword })).status,
    ).toBe(200);
  });

  it('throttles one IP trying many accounts', async () => {
    const api = new ApiClient(app, '192.0.2.77');
    let last = 0;
    for (let i = 0; i < 22; i++) {
      last = (await api.post('/auth/login', { login: `spray${i}@nowhere.example.com`, password: 'x' }))
        .status;
    }
    expect(last).toBe(429);
  });

  it('audits logins and failures in the contract', async () => {
    const built = await buildContract(database.db);
    await client().post('/auth/login', { login: built.adminEmail, password: 'bad' });
    await client().login(built.adminEmail, built.adminPassword);
    const actions = await database.db
      .selectFrom('auditLog')
      .select('action')
      .where('contractId', '=', built.contractId)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['auth.login_failed', 'auth.login']));
  });
});

describe('CSRF', () => {
  it('refuses a cookie-authenticated write without the token or from another origin', async () => {
    const built = await buildContract(database.db);
    const api = client();
    await api.login(built.adminEmail, built.adminPassword);
    const token = api.csrfToken;
    api.csrfToken = undefined;
    const missing = await api.post('/offices', { name: '横浜店' });
    expect(missing.status).toBe(403);
    expect(missing.body.error.code).toBe('csrf_failed');
    api.csrfToken = token;
    const foreign = await api.post('/offices', { name: '横浜店' }, { origin: 'https://evil.example.com' });
    expect(foreign.body.error.code).toBe('csrf_failed');
    const ok = await api.post('/offices', { name: '横浜店' });
    expect(ok.status).toBe(201);
  });

  it('accepts JSON only, so that a cross-site form cannot post', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'login=a&password=b',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('bad_request');
  });
});

describe('ログイン停止 / ログイン可', () => {
  it('ends the staff member’s sessions in that contract at once and ログイン可 restores access; records stay', async () => {
    const built = await buildContract(database.db);
    const staff = await buildStaff(database.db, built.contractId);
    const admin = client();
    await admin.login(built.adminEmail, built.adminPassword);
    const person = client();
    await person.login(staff.email!, staff.password);
    expect((await person.get('/me')).status).toBe(200);

    const stop = await admin.patch(`/staff/${staff.staffId}`, { loginStatus: 'stopped' });
    expect(stop.status).toBe(200);
    expect(stop.body.loginStatus).toBe('stopped');
    const refused = await person.get('/me');
    expect(refused.status).toBe(401);
    const again = await client().post('/auth/login', { login: staff.email, password: staff.password });
    expect(again.body.error.message).toBe(`${built.contractId}へのアクセスを制限されています。`);

    expect((await admin.patch(`/staff/${staff.staffId}`, { loginStatus: 'allowed' })).status).toBe(200);
    expect(
      (await client().post('/auth/login', { login: staff.email, password: staff.password })).status,
    ).toBe(200);
    const record = await admin.get(`/staff/${staff.staffId}`);
    expect(record.body.name).toBe('テスト スタッフ');

    const audit = await database.db
      .selectFrom('auditLog')
      .select('action')
      .where('contractId', '=', built.contractId)
      .where('target', '=', `staff:${staff.staffId}`)
      .execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['staff.login_stopped', 'staff.login_allowed']),
    );
  });

  it('does not let administrators stop themselves or remove the last administrator', async () => {
    const built = await buildContract(database.db);
    const admin = client();
    await admin.login(built.adminEmail, built.adminPassword);
    const self = await admin.patch(`/staff/${built.adminStaffId}`, { loginStatus: 'stopped' });
    expect(self.body.error.code).toBe('cannot_stop_self');
    const demote = await admin.patch(`/staff/${built.adminStaffId}`, { isAdmin: false });
    expect(demote.status).toBe(422);
    expect(demote.body.error.code).toBe('last_admin');
  });
});

describe('パスワード再発行', () => {
  it('answers the same for a registered and an unknown address; only the registered one gets a mail', async () => {
    const built = await buildContract(database.db);
    const unknownEmail = `ghost@${built.contractId}.example.com`;
    const known = await client().post('/auth/password-reset', { email: built.adminEmail });
    const unknown = await client().post('/auth/password-reset', { email: unknownEmail });
    await app.background.idle();
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(known.body).toEqual(unknown.body);
    expect(await countMailsTo(database.db, unknownEmail)).toBe(0);
    const mail = await lastMailTo(database.db, built.adminEmail);
    expect(mail?.subject).toContain('パスワード再発行');
    expect(mail?.bodyText).toContain('https://timecard.example.com/admin/password-reset/');
  });

  it('mails one address at most three times an hour, answering the fourth request the same', async () => {
    const built = await buildContract(database.db);
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(await client().post('/auth/password-reset', { email: built.adminEmail }));
    await app.background.idle();
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(answers[0]!.body);
    }
    expect(await countMailsTo(database.db, built.adminEmail)).toBe(3);
  });

  it('sets a new password once with the link, ends every session, and refuses the link afterwards', async () => {
    const built = await buildContract(database.db);
    const before = client();
    await before.login(built.adminEmail, built.adminPassword);
    await client().post('/auth/password-reset', { email: built.adminEmail });
    await app.background.idle();
    const token = linkToken(
      (await lastMailTo(database.db, built.adminEmail))!.bodyText,
      '/admin/password-reset',
    );
    expect(token.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits

    const stored = await database.db
      .selectFrom('authTokens')
      .select('tokenHash')
      .where('accountId', '=', built.adminAccountId)
      .execute();
    for (const row of stored) expect(row.tokenHash.toString('base64url')).not.toBe(token);

    expect((await client().get(`/auth/tokens/${token}`)).body).toMatchObject({
      kind: 'reset',
      status: 'valid',
    });
    const short = await client().post('/auth/password-reset/confirm', { token, password: 'short' });
    expect(short.body.error.code).toBe('password_invalid');
    const done = await client().post('/auth/password-reset/confirm', {
      token,
      password: 'a brand new password',
    });
    expect(done.status).toBe(200);

    expect((await before.get('/me')).status).toBe(401);
    expect(
      (await client().post('/auth/login', { login: built.adminEmail, password: built.adminPassword })).status,
    ).toBe(401);
    expect(
      (await client().post('/auth/login', { login: built.adminEmail, password: 'a brand new password' }))
        .status,
    ).toBe(200);

    const reused = await client().post('/auth/password-reset/confirm', {
      token,
      password: 'another new password',
    });
    expect(reused.status).toBe(410);
    expect(reused.body.error.code).toBe('token_used');
    expect((await client().get(`/auth/tokens/${token}`)).body.status).toBe('used');
  });

  it('refuses an expired link and an unknown one', async () => {
    const built = await buildContract(database.db);
    await client().post('/auth/password-reset', { email: built.adminEmail });
    await app.background.idle();
    const token = linkToken(
      (await lastMailTo(database.db, built.adminEmail))!.bodyText,
      '/admin/password-reset',
    );
    const row = await database.db
      .selectFrom('authTokens')
      .select(['createdAt', 'expiresAt'])
      .where('accountId', '=', built.adminAccountId)
      .where('kind', '=', 'reset')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(3600_000 + 1000);
    await database.db
      .updateTable('authTokens')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('accountId', '=', built.adminAccountId)
      .execute();
    const expired = await client().post('/auth/password-reset/confirm', {
      token,
      password: 'a brand new password',
    });
    expect(expired.body.error.code).toBe('token_expired');
    const invalid = await client().post('/auth/password-reset/confirm', {
      token: 'x'.repeat(43),
      password: 'a brand new password',
    });
    expect(invalid.status).toBe(404);
    expect(invalid.body.error.code).toBe('token_invalid');
  });
});

describe('認証メール', () => {
  it('sends one when a staff member is added with an e-mail; the link sets a password and アカウントID and logs in', async () => {
    const built = await buildContract(database.db);
    const admin = client();
    await admin.login(built.adminEmail, built.adminPassword);
    const email = `new@${built.contractId}.example.com`;
    const created = await admin.post('/staff', { name: '新人 太郎', email, offices: [{ officeId: 1 }] });
    expect(created.status).toBe(201);
    expect(created.body.verification).toBe('pending');
    const pending = await admin.get('/staff?verification=pending');
    expect(pending.body.items.map((s: { email: string }) => s.email)).toEqual([email]);

    const mail = await lastMailTo(database.db, email);
    expect(mail?.subject).toContain('認証');
    const token = linkToken(mail!.bodyText, '/admin/verify');
    expect((await client().get(`/auth/tokens/${token}`)).body).toEqual({
      kind: 'verify',
      status: 'valid',
      email,
      needsPassword: true,
    });
    const person = client();
    const noPassword = await person.post('/auth/verify', { token });
    expect(noPassword.body.error.code).toBe('password_required');
    const loginId = `tanaka${built.contractId.replace(/-/g, '').slice(-8)}`;
    const verified = await person.post('/auth/verify', { token, password: 'my first password', loginId });
    expect(verified.status).toBe(200);
    expect(verified.body.contract.id).toBe(built.contractId);
    expect((await person.get('/me')).body.staff.name).toBe('新人 太郎');
    expect((await admin.get(`/staff/${created.body.id}`)).body.verification).toBe('verified');

    // アカウントID works at login too, and the link works once.
    expect(
      (await client().post('/auth/login', { login: loginId, password: 'my first password' })).status,
    ).toBe(200);
    expect((await client().post('/auth/verify', { token, password: 'again password' })).body.error.code).toBe(
      'token_used',
    );
  });

  it('resends with a fresh link that voids the old one, and says 認証メールを送信しました。', async () => {
    const built = await buildContract(database.db);
    const admin = client();
    await admin.login(built.adminEmail, built.adminPassword);
    const email = `late@${built.contractId}.example.com`;
    const created = await admin.post('/staff', { name: '遅延 花子', email });
    const first = linkToken((await lastMailTo(database.db, email))!.bodyText, '/admin/verify');
    const resent = await admin.post(`/staff/${created.body.id}/verification-mail`);
    expect(resent.status).toBe(200);
    expect(resent.body).toEqual({ message: '認証メールを送信しました。' });
    expect(await countMailsTo(database.db, email)).toBe(2);
    const second = linkToken((await lastMailTo(database.db, email))!.bodyText, '/admin/verify');
    expect(second).not.toBe(first);
    expect((await client().get(`/auth/tokens/${first}`)).body.status).toBe('expired');
    expect((await client().post('/auth/verify', { token: second, password: 'finally set' })).status).toBe(
      200,
    );
    const again = await admin.post(`/staff/${created.body.id}/verification-mail`);
    expect(again.body.error.code).toBe('already_verified');
  });

  it('expires after 72 hours', async () => {
    const built = await buildContract(database.db);
    const admin = client();
    await admin.login(built.adminEmail, built.adminPassword);
    const email = `slow@${built.contractId}.example.com`;
    await admin.post('/staff', { name: '期限 切子', email });
    const row = await database.db
      .selectFrom('authTokens as t')
      .innerJoin('accounts as a', 'a.id', 't.accountId')
      .select(['t.id', 't.createdAt', 't.expiresAt'])
      .where('a.email', '=', email)
      .executeTakeFirstOrThrow();
    expect(Math.abs(row.expiresAt.getTime() - row.createdAt.getTime() - 72 * 3600_000)).toBeLessThan(5000);
    await database.db
      .updateTable('authTokens')
      .set({ expiresAt: new Date(Date.now() - 1) })
      .where('id', '=', row.id)
      .execute();
    const token = linkToken((await lastMailTo(database.db, email))!.bodyText, '/admin/verify');
    expect((await client().post('/auth/verify', { token, password: 'too late now' })).body.error.code).toBe(
      'token_expired',
    );
  });
});

describe('新規登録', () => {
  it('checks the 契約ID, creates the contract and mails its administrator, who verifies and lands in it', async () => {
    const contractId = `su-${Date.now().toString(36)}`;
    expect((await client().get(`/signup/contract-id?id=${contractId}`)).body).toEqual({ available: true });
    expect((await client().get('/signup/contract-id?id=Bad!')).body.error.code).toBe('contract_id_invalid');
    const email = `owner@${contractId}.example.com`;
    const response = await client().post('/signup', {
      companyName: '新規商店',
      contractId,
      adminName: '店主 一郎',
      email,
    });
    expect(response.status).toBe(201);
    expect((await client().get(`/signup/contract-id?id=${contractId}`)).body).toEqual({ available: false });
    const taken = await client().post('/signup', {
      companyName: 'x',
      contractId,
      adminName: 'y',
      email: 'z@example.com',
    });
    expect(taken.body.error.code).toBe('contract_id_taken');

    const token = linkToken((await lastMailTo(database.db, email))!.bodyText, '/admin/verify');
    const owner = client();
    const me = await owner.post('/auth/verify', { token, password: 'owner password' });
    expect(me.status).toBe(200);
    expect(me.body.contract).toMatchObject({ id: contractId, name: '新規商店', plan: 'standard' });
    expect(me.body.staff.isAdmin).toBe(true);
    const offices = await owner.get('/offices');
    expect(offices.body.items).toEqual([expect.objectContaining({ id: 1, name: '本店' })]);
  });
});
