import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { type StartedServer, startServer } from './support/server.ts';
import { addCodedStaff, loginInBrowser, type OwnContract, signUpOwnContract } from './support/timecard.ts';

// 労務アラート in Chromium (issue 19): the list from imported punches with the projection's exact
// words, 確認済 with a comment, and the charts readable as tables, axe-clean, in both languages.
let server: StartedServer;
let browser: Browser;
let contract: OwnContract;
let page: Page;

const pad = (n: number) => String(n).padStart(2, '0');
const hm = (m: number) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
/** The contract's (Asia/Tokyo) date `days` from today. */
const tokyoDate = (days: number) =>
  new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

function overtimeDays(code: string, dates: string[], extra: number): string[] {
  return dates.flatMap((day) => [
    `${code},clock_in,${day}T09:00`,
    `${code},break_start,${day}T12:00`,
    `${code},break_end,${day}T13:00`,
    `${code},clock_out,${day}T${hm(18 * 60 + extra)}`,
  ]);
}

/** The first `n` weekdays of the month before this one. */
function lastMonthWeekdays(n: number): string[] {
  const today = tokyoDate(0);
  const first = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  first.setUTCMonth(first.getUTCMonth() - 1);
  const out: string[] = [];
  for (const d = new Date(first); out.length < n; d.setUTCDate(d.getUTCDate() + 1)) {
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

const lastMonth = lastMonthWeekdays(1)[0]!.slice(0, 7);
const thisMonth = tokyoDate(0).slice(0, 7);

beforeAll(async () => {
  server = await startServer({ LOG_LEVEL: 'warn' });
  browser = await launchBrowser();
  contract = await signUpOwnContract(server, 'alerts', 'premium');
  await addCodedStaff(server, contract, { name: '残業 一郎', code: 'AL-1' });
  await addCodedStaff(server, contract, { name: '休憩 花子', code: 'AL-2' });
  // AL-1: 46 h of 時間外 last month (10 days × 4 h 36); AL-2: 8 h without a break yesterday.
  const lines = [...overtimeDays('AL-1', lastMonthWeekdays(10), 276)];
  const yesterday = tokyoDate(-1);
  lines.push(`AL-2,clock_in,${yesterday}T09:00`, `AL-2,clock_out,${yesterday}T17:00`);
  const imported = await contract.admin.importPunches(`staff_code,type,at\n${lines.join('\n')}\n`);
  expect(imported.status).toBe(201);
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 1100 } });
  page = await context.newPage();
  await loginInBrowser(page, server.url, contract.email, contract.password);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('労務アラート', () => {
  it('lists the alerts by severity with the timecard link, and marks one 確認済 with a comment', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '労務アラート', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '労務アラート' }).waitFor();
    const over45 = page.getByRole('row', { name: /残業 一郎.*時間外労働が月45時間を超えています/ });
    await over45.waitFor();
    expect(await over45.textContent()).toContain('46:00 / 45:00');
    expect(await over45.getByRole('link').getAttribute('href')).toContain(`month=${lastMonth}`);
    const breakRow = page.getByRole('row', { name: /休憩 花子.*休憩時間が不足しています/ });
    await breakRow.waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    await breakRow.getByRole('button', { name: '確認済' }).click();
    const dialog = page.getByRole('dialog', { name: 'アラートを確認済にする' });
    await dialog.getByLabel('コメント').fill('休憩は取得済み（打刻漏れ）');
    await dialog.getByRole('button', { name: '確認済にする' }).click();
    await dialog.waitFor({ state: 'detached' });
    await breakRow.waitFor({ state: 'detached' });
    const log = await contract.admin.ok('GET', '/audit-log?kind=staff');
    expect(JSON.stringify(log)).toContain('休憩は取得済み（打刻漏れ）');
  });

  it('draws the office and staff charts with tables of the same numbers, and reads in English', async () => {
    await page.goto(`${server.url}/admin/alerts`);
    const officeTable = page.getByTestId('office-overtime-table');
    await officeTable.waitFor();
    expect(await officeTable.locator('caption').textContent()).toContain(thisMonth);
    expect(await officeTable.getByRole('row', { name: /休憩 花子/ }).textContent()).toContain('0:00');
    const staffTable = page.getByTestId('staff-overtime-table');
    await page.getByRole('combobox', { name: '従業員' }).click();
    await page.getByRole('option', { name: '残業 一郎' }).click();
    await staffTable.getByRole('row', { name: new RegExp(lastMonth) }).waitFor();
    expect(await staffTable.getByRole('row', { name: new RegExp(lastMonth) }).textContent()).toContain(
      '46:00',
    );
    expect(await staffTable.locator('tbody tr').count()).toBe(12);
    // The pictures themselves: two recharts surfaces with the 45/80/100 h and 360 h lines.
    await expect.poll(() => page.locator('svg.recharts-surface').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('.recharts-reference-line').count()).toBeGreaterThanOrEqual(5);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByText('English').click();
    await page.getByRole('heading', { level: 1, name: 'Labor alerts' }).waitFor();
    await page.getByRole('row', { name: /Overtime is over 45 hours in the month/ }).waitFor();
    await page.getByText(/By office: this month's overtime/).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
