import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { type StartedServer, startServer } from './support/server.ts';
import { loginInBrowser, type OwnContract, signUpOwnContract } from './support/timecard.ts';

// 従業員 > CSV取込 in Chromium (issue 11 §6): the template downloaded, a file with a bad row refused
// whole with its per-row report, then a good file whose people appear in スタッフ管理.
let server: StartedServer;
let browser: Browser;
let contract: OwnContract;
let page: Page;

beforeAll(async () => {
  server = await startServer({ LOG_LEVEL: 'warn' });
  browser = await launchBrowser();
  contract = await signUpOwnContract(server, 'simp');
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
  await loginInBrowser(page, server.url, contract.email, contract.password);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const file = (text: string) => ({
  name: 'staff.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(text, 'utf8'),
});

async function staffNames(): Promise<string[]> {
  const list = await contract.admin.ok('GET', '/staff?usage=all&limit=200');
  return (list.items as { name: string }[]).map((s) => s.name);
}

describe('従業員 > CSV取込', () => {
  it('downloads the template, refuses a file with a bad row, then imports a good one', async () => {
    // 従業員 > CSV取込: the staff list's link stays, its sub-page below it.
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'CSV取込' }).click();
    await page.getByRole('heading', { level: 1, name: 'CSV取込' }).waitFor();
    expect(await nav.getByRole('link', { name: '従業員', exact: true }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'CSV取込' }).getAttribute('aria-current')).toBe('page');
    expect(
      await nav.getByRole('link', { name: '従業員', exact: true }).getAttribute('aria-current'),
    ).toBeNull();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'テンプレートをダウンロード' }).click(),
    ]);
    const template = readFileSync((await download.path())!);
    expect([...template.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = template.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('氏名,フリガナ,スタッフコード,メールアドレス,雇用区分,入社日,事業所,勤務形態');
    expect(lines[1]).toContain('2026/11/02');

    const header = lines[0]!;
    const bad = [
      header,
      '取込 一郎,トリコミ イチロウ,CI-1,,正社員,2026/11/02,本店,固定',
      '取込 二郎,とりこみ じろう,CI-2,,パート・アルバイト,2026/11/02,本店,シフト',
      '取込 三郎,トリコミ サブロウ,CI-3,,社員,2026/13/02,本店,固定',
    ].join('\r\n');
    await page.getByLabel('CSVファイル').setInputFiles(file(bad));
    await page.getByRole('button', { name: '取り込む' }).click();
    const report = page.getByRole('alert').filter({ hasText: '何も登録しませんでした' });
    await report.waitFor();
    const text = (await report.textContent()) ?? '';
    expect(text).toContain('2 行に誤りがあるため');
    expect(text).toContain('3行目: フリガナ: フリガナは全角カタカナ');
    expect(text).toContain('4行目: 雇用区分:');
    expect(text).toContain('4行目: 入社日: 日付は 2026/11/02 または 2026-11-02 の形式');
    expect(text).not.toContain('2行目');
    expect(await staffNames()).not.toContain('取込 一郎');
    expect(await seriousAxeViolations(page)).toEqual([]);

    const good = [
      header,
      '取込 一郎,トリコミ イチロウ,CI-1,,正社員,2026/11/02,本店,固定',
      `取込 二郎,トリコミ ジロウ,CI-2,jiro@${contract.contractId}.example.com,パート・アルバイト,2026-11-02,${contract.officeId},シフト`,
    ].join('\r\n');
    await page.getByLabel('CSVファイル').setInputFiles(file(good));
    // The server's answer held back a moment: the progress bar shows while the rows are checked.
    await page.route('**/api/v1/staff-imports', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.getByRole('button', { name: '取り込む' }).click();
    await page.getByRole('progressbar', { name: '取り込みの進み具合' }).waitFor({ state: 'attached' });
    await page.getByText(/アップロード中です|取り込み中です/).waitFor();
    await page.getByText('2名の従業員を登録しました。1通の認証メールを送信します。').waitFor();
    expect(await page.getByRole('progressbar').count()).toBe(0);
    expect(await page.getByRole('alert').filter({ hasText: '何も登録しませんでした' }).count()).toBe(0);

    await page.getByRole('button', { name: 'メニュー' }).click();
    await page.getByRole('menuitem', { name: 'スタッフ管理' }).click();
    await page.getByRole('heading', { level: 1, name: 'スタッフ管理' }).waitFor();
    await page.getByRole('row').filter({ hasText: '取込 一郎' }).waitFor();
    const jiro = page.getByRole('row').filter({ hasText: '取込 二郎' });
    await jiro.waitFor();
    expect(await jiro.textContent()).toContain(`jiro@${contract.contractId}.example.com`);
  });
});
