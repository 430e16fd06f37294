import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { type StartedServer, startServer } from './support/server.ts';
import { loginInBrowser, type OwnContract, signUpOwnContract } from './support/timecard.ts';

// Issue 13 in Chromium: a スタンダード contract sees the plan badges and a plan page instead of
// the gated capability, and the API refuses it; after a change of plan on 設定 > プラン the same
// pages work, and 設定 > 操作ログ lists the change with an intact chain.
let server: StartedServer;
let browser: Browser;
let page: Page;
let contract: OwnContract;

beforeAll(async () => {
  server = await startServer({ LOG_LEVEL: 'warn' });
  browser = await launchBrowser();
  contract = await signUpOwnContract(server, 'plan', 'standard');
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
  await loginInBrowser(page, server.url, contract.email, contract.password);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the plans in the 管理画面', () => {
  it('shows a スタンダード contract the plan badges, the plan page of a gated menu entry, and a 403 from the API', async () => {
    const nav = page.getByRole('navigation');
    const shifts = nav.getByRole('link', { name: 'シフト', exact: true });
    await expect(shifts.getAttribute('title')).resolves.toBe(
      'この機能はプレミアムプラン以上でご利用いただけます。',
    );
    await expect(nav.getByText('プレミアムプラス').count()).resolves.toBeGreaterThanOrEqual(2);
    await shifts.click();
    await page.getByRole('heading', { level: 1, name: 'シフト管理' }).waitFor();
    await page.getByText('この機能はプレミアムプラン以上でご利用いただけます。').waitFor();
    await page.getByText('現在のプランはスタンダードです。').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    const refused = await contract.admin.request('GET', `/offices/${contract.officeId}/shift-patterns`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'plan_required', feature: 'shifts', plan: 'premium' });

    await page.getByRole('link', { name: 'プランを確認する' }).click();
    await page.getByRole('heading', { level: 1, name: 'プラン' }).waitFor();
  });

  it('compares the four plans and changes the plan in place; the gated pages then work', async () => {
    await page.getByText('現在のプラン: スタンダード').waitFor();
    for (const name of ['スタンダード', 'プレミアム', 'プレミアムプラス', 'エンタープライズ']) {
      await page.getByRole('columnheader', { name: new RegExp(`^${name}\\s*(現在のプラン)?$`) }).waitFor();
    }
    await page.getByRole('rowheader', { name: /操作ログ/ }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel('変更後のプラン').selectOption({ label: 'プレミアム' });
    await page.getByRole('button', { name: 'プランを変更' }).click();
    const dialog = page.getByRole('dialog', { name: 'プランの変更' });
    await dialog.getByText('スタンダードからプレミアムに変更します。').waitFor();
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page.getByText('現在のプラン: プレミアム').waitFor();

    const nav = page.getByRole('navigation');
    // The session is read again after the change: the plan badge goes.
    await expect
      .poll(() => nav.getByRole('link', { name: 'シフト', exact: true }).getAttribute('title'), {
        timeout: 15_000,
      })
      .toBeNull();
    await nav.getByRole('link', { name: 'シフト', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'シフト' }).waitFor();
    const allowed = await contract.admin.request('GET', `/offices/${contract.officeId}/shift-patterns`);
    expect(allowed.status).toBe(200);
  });

  it('lists the change in the 操作ログ with an intact chain', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '操作ログ' }).click();
    await page.getByRole('heading', { level: 1, name: '操作ログ' }).waitFor();
    await page.getByText(/^改ざんは検出されませんでした/).waitFor();
    const row = page.getByRole('row', { name: /プランを変更しました/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('plan: standard → premium');
    await page.getByLabel('種類').selectOption({ label: '打刻' });
    await page.getByText('この条件の操作はありません。').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('renders the interactive API docs at /api/docs from this server, under its CSP', async () => {
    const docs = await page.context().newPage();
    const refused: string[] = [];
    docs.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
    });
    docs.on('request', (request) => {
      if (!request.url().startsWith(server.url)) refused.push(`outside request: ${request.url()}`);
    });
    // Swagger UI renders a long document's operations around the viewport only (108 paths today):
    // open the plans tag by its deep link, as a reader following a link from docs/api.md would.
    await docs.goto(`${server.url}/api/docs#/plans`);
    await docs.getByRole('heading', { name: /Timecard API/ }).waitFor();
    await docs.getByText('/api/v1/plans/current').first().waitFor();
    expect(refused).toEqual([]);
    await docs.close();
  });

  it('makes an API token on 設定 > API連携 that another program uses, shown once, and deletes it', async () => {
    await contract.admin.ok('PUT', '/plans/current', { plan: 'enterprise' });
    await page.goto(`${server.url}/admin/settings/api`);
    await page.getByRole('heading', { level: 1, name: 'API連携' }).waitFor();
    await page.getByLabel('名前').fill('給与連携');
    await page.getByRole('checkbox', { name: 'タイムカード 読み取り' }).check();
    await page.getByRole('button', { name: 'APIトークンを作成' }).click();
    const token = (await page.locator('pre').filter({ hasText: 'tct_' }).textContent())!.trim();
    expect(token).toMatch(/^tct_/);
    const me = await contract.admin.ok('GET', '/me');
    const used = await fetch(`${server.url}/api/v1/timecards/${me.staff.id}?month=2026-11`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(used.status).toBe(200);
    const row = page.getByRole('row', { name: /給与連携/ });
    await row.waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await row.getByRole('button', { name: '削除' }).click();
    await page.getByRole('dialog', { name: 'APIトークンの削除' }).getByRole('button', { name: 'OK' }).click();
    await page.getByText('APIトークンはまだありません。').waitFor();
    const after = await fetch(`${server.url}/api/v1/timecards/${me.staff.id}?month=2026-11`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(401);
  });
});
