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

  it('adds a 特別休暇 through the 休暇区分 card and lists it', async () => {
    await page.goto(`${server.url}/admin/leave`);
    const card = page.getByRole('heading', { name: '休暇区分の追加' }).locator('xpath=ancestor::form');
    await card.getByLabel('名称').fill('慶弔休暇');
    await card.getByLabel('種類').selectOption({ label: '特別休暇' });
    await card.getByLabel('有給', { exact: true }).check();
    await card.getByRole('button', { name: '追加', exact: true }).click();
    await page.getByText('慶弔休暇を追加しました').waitFor();
    const row = page.getByRole('row', { name: /慶弔休暇/ });
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('特別休暇');
    expect(await row.textContent()).toContain('有給');
    // The API sees it too, and the form to record leave offers it.
    const listed = await contract.admin.ok('GET', '/leave/types');
    expect(listed.items.map((x: { name: string }) => x.name)).toContain('慶弔休暇');
    expect(await seriousAxeViolations(page)).toEqual([]);

    // 【編集】 in place: 有給休暇 may be taken by the hour (時間単位), and 慶弔休暇 is archived.
    await page.getByRole('button', { name: '有給休暇を編集' }).click();
    await page.getByLabel('時間単位', { exact: true }).check();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('有給休暇を保存しました').waitFor();
    const annual = page.getByRole('row', { name: /^有給休暇/ });
    await expect.poll(() => annual.textContent(), { timeout: 20_000 }).toContain('時間単位');
    await page.getByRole('button', { name: '慶弔休暇を編集' }).click();
    await page.getByLabel('廃止する').check();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('廃止');
  });

  it('grants 3 days by hand with a reason on the person’s page, and the balance rises by 3', async () => {
    await page.goto(`${server.url}/admin/leave`);
    await page.getByRole('link', { name: staff.name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `${staff.name}の休暇` }).waitFor();
    const balance = page.getByTestId('leave-balance');
    const daysLeft = async () =>
      Number(/残日数 (\d+(?:\.\d+)?)日/.exec((await balance.textContent()) ?? '')?.[1]);
    await expect.poll(daysLeft, { timeout: 20_000 }).toBeGreaterThan(0);
    const before = await daysLeft();
    const form = page.getByRole('region', { name: '手動付与' });
    await form.getByLabel('付与日').fill('2026-12-01');
    await form.getByLabel('日数').fill('3');
    await form.getByLabel('理由').fill('旧システムからの繰越');
    await form.getByRole('button', { name: '付与', exact: true }).click();
    await page.getByText('3日を付与しました').waitFor();
    await expect.poll(daysLeft, { timeout: 20_000 }).toBe(before + 3);
    await page.getByRole('cell', { name: '旧システムからの繰越' }).waitFor();
    // A grant without a reason: the server's message, shown in Japanese.
    await form.getByLabel('理由').fill('');
    await form.getByRole('button', { name: '付与', exact: true }).click();
    await form.getByRole('alert').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The 管理簿 of the person is still one link away.
    await page.getByRole('link', { name: '年次有給休暇管理簿' }).click();
    await page.getByRole('heading', { level: 1, name: '年次有給休暇管理簿' }).waitFor();
  });

  it('shows the page in English', async () => {
    await page.evaluate(() => localStorage.setItem('timecard.lang', 'en'));
    await page.goto(`${server.url}/admin/leave`);
    await page.getByRole('heading', { level: 1, name: 'Leave' }).waitFor();
    await page.getByRole('heading', { name: 'Record leave' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
