import type { ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  mailTo,
  type SmtpTestServer,
  startSmtpTestServer,
} from '../apps/server/src/testing/smtp-test-server.ts';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { type StartedServer, startServer } from './support/server.ts';
import { loginInBrowser, runSuffix, TimecardApi } from './support/timecard.ts';

// ワークフロー in Chromium (issue 18), with a real SMTP server: a staff member sends a 打刻修正申請
// from their timecard, the manager gets the digest mail, approves at ワークフロー > 申請一覧, the
// timecard shows the corrected punch with 修正履歴 naming the request, and the staff member's mail
// says 承認.
let smtp: SmtpTestServer;
let server: StartedServer;
let browser: Browser;
const suffix = runSuffix();
const owner = { email: `owner.${suffix}@workflow.example.com`, password: `owner-pass-${suffix}` };
const manager = { email: `manager.${suffix}@workflow.example.com`, password: 'manager-pass-1' };
const worker = { email: `worker.${suffix}@workflow.example.com`, password: 'worker-pass-1' };
let workerId: number;
// Yesterday in Tokyo: a day that has ended, in the pay period the timecard opens on (or the one before).
const day = new Date(Date.now() + 9 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
const dayText = day.replaceAll('-', '/');

/** An IPv6 address of the documentation range (RFC 3849), a new one per run. */
const documentationAddress = () =>
  `2001:db8::${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`;

const textOf = (mail: ParsedMail) => mail.text ?? '';
const linkIn = (mail: ParsedMail, path: string) => {
  const match = new RegExp(`https?://\\S+${path}\\S+`).exec(textOf(mail));
  if (!match) throw new Error(`no ${path} link in: ${textOf(mail)}`);
  return match[0];
};

async function verify(address: string, password: string) {
  const mail = await smtp.waitForMail(
    (m) => mailTo(m).includes(address) && /認証/.test(m.subject ?? ''),
    20_000,
  );
  const token = linkIn(mail, '/admin/verify/').split('/').pop();
  await new TimecardApi(server.url).ok('POST', '/auth/verify', { token, password });
}

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  // With real SMTP the per-address 新規登録 limit applies (5 a day from one IP). On the shared
  // PostgreSQL test database other files sign up from 127.0.0.1 as well, so this run's owner signs
  // up from an address of its own, passed on by the loopback proxy that TRUST_PROXY names.
  server = await startServer({
    LOG_LEVEL: 'warn',
    SMTP_URL: smtp.url,
    REQUEST_DIGEST_SECONDS: '0',
    TRUST_PROXY: '127.0.0.1',
  });
  browser = await launchBrowser();
  const admin = new TimecardApi(server.url);
  const signup = await fetch(`${server.url}/api/v1/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': documentationAddress() },
    body: JSON.stringify({
      companyName: `申請商店 ${suffix}`,
      contractId: `wf-${suffix}`,
      adminName: '店主 花子',
      email: owner.email,
      plan: 'premium_plus',
    }),
  });
  expect(signup.status, await signup.text()).toBe(201);
  await verify(owner.email, owner.password);
  await admin.ok('POST', '/auth/login', { login: owner.email, password: owner.password });
  const officeId = (await admin.ok('GET', '/offices')).items[0].id as number;
  await admin.ok('POST', '/staff', {
    name: '店長 一郎',
    email: manager.email,
    offices: [{ officeId, attendance: 'edit' }],
  });
  await verify(manager.email, manager.password);
  workerId = (
    await admin.ok('POST', '/staff', { name: '申請 次郎', email: worker.email, offices: [{ officeId }] })
  ).id;
  await verify(worker.email, worker.password);
  await admin.ok('POST', `/timecards/${workerId}/punches`, {
    type: 'clock_in',
    at: `${day}T09:00`,
    reason: '出勤の記録',
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await smtp?.stop();
});

async function pageOf(login: { email: string; password: string }): Promise<Page> {
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await loginInBrowser(page, server.url, login.email, login.password);
  return page;
}

describe('ワークフロー: 打刻修正申請 from the timecard to the approval', () => {
  let requestId: number;
  let staffPage: Page;

  it('lets the staff member send a 修正申請 for a day of their timecard', async () => {
    staffPage = await pageOf(worker);
    await staffPage.goto(`${server.url}/admin/timecards/${workerId}?month=${day.slice(0, 7)}`);
    const row = staffPage.getByRole('row', { name: new RegExp(dayText) });
    await row.getByRole('button', { name: '修正申請', exact: true }).click();
    const dialog = staffPage.getByRole('dialog', { name: new RegExp(`${dayText}.*の修正申請`) });
    await dialog.getByRole('list', { name: '現在の打刻' }).getByText('出勤 09:00').waitFor();
    await dialog.getByRole('button', { name: '打刻を追加' }).click();
    await dialog.getByLabel('打刻2 種類').selectOption('clock_out');
    await dialog.getByLabel('打刻2 時刻').fill('18:00');
    await dialog.getByRole('list', { name: '申請後の打刻' }).getByText('退勤 18:00').waitFor();
    await dialog.getByLabel('理由').fill('退勤の打刻忘れ');
    expect(await seriousAxeViolations(staffPage)).toEqual([]);
    await dialog.getByRole('button', { name: '申請する' }).click();
    const notice = staffPage.getByText(/申請No\.(\d+)を送信しました/);
    await notice.waitFor();
    requestId = Number(/No\.(\d+)/.exec((await notice.textContent()) ?? '')![1]);
    await staffPage.goto(`${server.url}/admin/requests`);
    await staffPage.getByRole('heading', { level: 1, name: '申請' }).waitFor();
    const mine = staffPage.getByRole('row', { name: new RegExp(`申請No\\.${requestId}`) });
    expect(await mine.textContent()).toContain('申請中');
    expect(await seriousAxeViolations(staffPage)).toEqual([]);
  });

  it('mails the manager, who approves at ワークフロー > 申請一覧', async () => {
    const digest = await smtp.waitForMail(
      (m) => mailTo(m).includes(manager.email) && /承認待ちの申請/.test(m.subject ?? ''),
      30_000,
    );
    const link = linkIn(digest, '/admin/workflow/requests/');
    expect(link).toBe(`${server.url}/admin/workflow/requests/${requestId}`);

    const page = await pageOf(manager);
    const menu = page.getByRole('navigation');
    // The menu's badge counts what waits for the manager.
    await menu.getByLabel('承認待ち 1件').waitFor();
    await menu.getByRole('link', { name: /申請一覧/ }).click();
    await page.getByRole('heading', { level: 1, name: '申請一覧' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(`申請No\\.${requestId}`) });
    expect(await row.textContent()).toContain('申請 次郎');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await row.getByRole('link', { name: `申請No.${requestId}` }).click();
    await page.getByRole('heading', { level: 1, name: `申請No.${requestId}` }).waitFor();
    await page.getByRole('list', { name: '申請後の打刻' }).getByText('退勤 18:00').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '承認', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await page.getByText(`申請No.${requestId}を承認にしました。`).waitFor();
    await page.context().close();
  });

  it('shows the corrected punch on the timecard with 修正履歴 naming the request, and mails 承認', async () => {
    await staffPage.goto(`${server.url}/admin/timecards/${workerId}?month=${day.slice(0, 7)}`);
    const row = staffPage.getByRole('row', { name: new RegExp(dayText) });
    await row.getByText('18:00').first().waitFor();
    await row.getByRole('button', { name: /18:00の修正履歴/ }).click();
    const history = staffPage.getByRole('dialog', { name: '修正履歴' });
    await history.getByText('退勤の打刻忘れ').waitFor();
    await history.getByRole('link', { name: `申請No.${requestId}の承認による修正` }).waitFor();
    expect(await seriousAxeViolations(staffPage)).toEqual([]);

    const decision = await smtp.waitForMail(
      (m) => mailTo(m).includes(worker.email) && /申請が承認されました/.test(m.subject ?? ''),
      20_000,
    );
    expect(textOf(decision)).toContain(`申請No.${requestId}`);
    expect(linkIn(decision, '/admin/requests/')).toBe(`${server.url}/admin/requests/${requestId}`);
  });
});

describe('ワークフロー > 承認経路 (エンタープライズ)', () => {
  it('shows the upgrade notice below エンタープライズ, then edits a 2-step route', async () => {
    const page = await pageOf(owner);
    await page.goto(`${server.url}/admin/workflow/routes`);
    // プレミアムプラス: the plan guard, as other gated pages.
    await page.getByRole('heading', { level: 1, name: '承認経路の設定' }).waitFor();
    await page.getByText('事業所と申請の種類ごとに、最大3段階の承認経路を設定します。').waitFor();

    const api = new TimecardApi(server.url);
    await api.ok('POST', '/auth/login', { login: owner.email, password: owner.password });
    await api.ok('PUT', '/plans/current', { plan: 'enterprise' });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '承認経路' }).waitFor();
    const office = (await api.ok('GET', '/offices')).items[0].name as string;
    await page.getByRole('button', { name: `${office}の打刻修正申請の承認経路を編集` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('ステップ1の承認者').selectOption({ label: '特定の人' });
    await dialog.getByLabel('ステップ1の人').selectOption({ label: '店長 一郎' });
    await dialog.getByRole('button', { name: 'ステップを追加' }).click();
    await dialog.getByLabel('ステップ2の承認者').selectOption({ label: 'システム管理者' });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('承認経路を保存しました。').waitFor();
    const row = page.getByRole('table', { name: office }).getByRole('row', { name: /打刻修正申請/ });
    expect(await row.textContent()).toContain('店長 一郎');
    expect(await row.textContent()).toContain('システム管理者');
    expect(await seriousAxeViolations(page)).toEqual([]);
    const routes = await api.ok('GET', '/approval-routes');
    expect(routes.items).toEqual([
      {
        officeId: expect.any(Number),
        kind: 'punch_correction',
        steps: [{ type: 'person', staffId: expect.any(Number) }, { type: 'admin' }],
      },
    ]);
    await page.context().close();
  });
});
