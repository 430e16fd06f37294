import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { type StartedServer, startServer } from './support/server.ts';
import { loginInBrowser, type OwnContract, signUpOwnContract } from './support/timecard.ts';

// 休暇 in Chromium (issue 17): the balances of the law, recording a day of 有給 for a person, and the
// 年次有給休暇管理簿 printed one person a page.
let server: StartedServer;
let browser: Browser;
let contract: OwnContract;
let page: Page;
let staff: { id: number; name: string };

beforeAll(async () => {
  server = await startServer({ LOG_LEVEL: 'warn' });
  browser = await launchBrowser();
  contract = await signUpOwnContract(server, 'leave', 'premium_plus');
  const added = await contract.admin.ok('POST', '/staff', {
    name: '有給 太郎',
    code: 'LV-1',
    hiredOn: '2018-04-01',
    offices: [{ officeId: contract.officeId }],
  });
  staff = { id: added.id, name: added.name };
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
  await loginInBrowser(page, server.url, contract.email, contract.password);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('休暇', () => {
  it('shows the balance the law gives and records a day of 有給休暇', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '休暇', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '休暇' }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(staff.name) });
    // Hired 2018-04-01, full time: 20 + 20 days valid in December 2026.
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('40日');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByLabel('スタッフ', { exact: true }).selectOption({ label: staff.name });
    await page.getByLabel('日付', { exact: true }).fill('2026-11-16');
    await page.getByLabel('休暇区分').selectOption({ label: '有給休暇' });
    await page.getByLabel('取得単位').selectOption({ label: '全日' });
    await page.getByRole('button', { name: '登録', exact: true }).click();
    await page.getByText('有給休暇を登録しました').waitFor();
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('39日');
  });

  it('prints the 年次有給休暇管理簿 on A4, one person a page', async () => {
    await page.getByRole('link', { name: '年次有給休暇管理簿' }).click();
    await page.getByRole('heading', { level: 1, name: '年次有給休暇管理簿' }).waitFor();
    const sheet = page.getByRole('region', { name: staff.name });
    await sheet.getByText('全日').waitFor();
    expect(await sheet.textContent()).toContain('基準日');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    // Every person but the last ends their page (the administrator, without a code, comes first).
    const first = page.locator('.leave-register-page').first();
    const breakAfter = await first.evaluate((el) => getComputedStyle(el).breakAfter);
    expect(['page', 'always']).toContain(breakAfter);
    expect(await page.getByRole('button', { name: '印刷' }).isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows the page in English', async () => {
    await page.evaluate(() => localStorage.setItem('timecard.lang', 'en'));
    await page.goto(`${server.url}/admin/leave`);
    await page.getByRole('heading', { level: 1, name: 'Leave' }).waitFor();
    await page.getByRole('heading', { name: 'Record leave' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
