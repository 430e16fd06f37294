import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { type StartedServer, startServer } from './support/server.ts';
import {
  addCodedStaff,
  loginInBrowser,
  type OwnContract,
  readTimecardRows,
  runSuffix,
  signUpOwnContract,
} from './support/timecard.ts';

// 勤怠 > シフト in Chromium (issue 15, 16): a week built from a pattern with the keyboard, 【公開】, the
// staff member's マイシフト, a late punch judged against the shift, and the 変形 frame warning.
let server: StartedServer;
let browser: Browser;
let contract: OwnContract;
let worker: { id: number; name: string; code: string };
const workerLogin = { email: `shift.${runSuffix()}@shifts.example.com`, password: 'shift-password-1' };
let page: Page;

// Mon 2026-11-09 … Fri 11-13: a past week without 祝日 (weeks start on Sunday).
const WEEK = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13'];

beforeAll(async () => {
  server = await startServer({ LOG_LEVEL: 'warn' });
  browser = await launchBrowser();
  contract = await signUpOwnContract(server, 'shift', 'premium');
  worker = await addCodedStaff(server, contract, { name: 'シフト 次郎', code: 'SF-1', login: workerLogin });
  await contract.admin.ok('PATCH', `/staff/${worker.id}`, { workStyle: 'shift' });
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
  await loginInBrowser(page, server.url, contract.email, contract.password);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const tableUrl = (from: string, to: string, view = '') =>
  `${server.url}/admin/attendance/shifts?office=${contract.officeId}&from=${from}&to=${to}${view}`;

describe('勤怠 > シフト', () => {
  it('adds 早番, fills a week with the keyboard, publishes, and the staff member sees it', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'シフト', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'シフト' }).waitFor();
    await page.goto(tableUrl('2026-11-08', '2026-11-14', '&view=week'));
    await page.getByRole('button', { name: 'シフトパターンを追加' }).click();
    const dialog = page.getByRole('dialog', { name: 'シフトパターンを追加' });
    await dialog.getByLabel('パターン名').fill('早番');
    await dialog.getByLabel('開始', { exact: true }).fill('09:00');
    await dialog.getByLabel('終了', { exact: true }).fill('18:00');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: '早番', exact: true }).first().waitFor();

    // Keyboard entry: the Monday cell, then 1 (the first pattern) and → for each day of the week.
    const first = page.getByRole('button', { name: `${worker.name} 2026/11/09(月): 未設定` });
    await first.focus();
    for (const date of WEEK) {
      await page.keyboard.press('1');
      await page.getByRole('button', { name: new RegExp(`${date.replaceAll('-', '/')}.*: 早番`) }).waitFor();
      await page.keyboard.press('ArrowRight');
    }
    // Saturday is 休み (0).
    await page.keyboard.press('0');
    await page.getByRole('button', { name: /2026\/11\/14\(土\): 休み/ }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(worker.name) });
    await expect.poll(() => row.textContent()).toContain('5日 40:00');
    expect(await page.getByText('未公開の変更が 6 件あります').count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '公開', exact: true }).click();
    await page.getByRole('dialog', { name: 'シフトを公開する' }).getByRole('button', { name: 'OK' }).click();
    await page.getByText('6 件のシフトを公開しました（メール 1 通）。').waitFor();
    await page.getByText('すべて公開済みです。').waitFor();

    const staffPage = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
    await loginInBrowser(staffPage, server.url, workerLogin.email, workerLogin.password);
    await staffPage.goto(`${server.url}/admin/my-shifts`);
    await staffPage.getByRole('heading', { level: 1, name: 'マイシフト' }).waitFor();
    // The page opens on the current pay period; the published week is read through the API.
    const mine = await staffPage.evaluate(async () => {
      const response = await fetch('/api/v1/me/shifts?from=2026-11-09&to=2026-11-14');
      return (await response.json()).items.map(
        (s: { date: string; patternName: string | null; off: boolean }) => [s.date, s.patternName, s.off],
      );
    });
    expect(mine).toEqual([...WEEK.map((d) => [d, '早番', false]), ['2026-11-14', null, true]]);
    await staffPage.context().close();
  });

  it('judges a late punch against the shift: the timecard shows 遅刻', async () => {
    const imported = await contract.admin.importPunches(
      'スタッフコード,種類,日時\nSF-1,出勤,2026/11/09 9:15\nSF-1,休憩,2026/11/09 12:00\nSF-1,復帰,2026/11/09 13:00\nSF-1,退勤,2026/11/09 18:00\n',
    );
    expect(imported.status).toBe(201);
    await page.goto(`${server.url}/admin/timecards/${worker.id}?month=2026-11`);
    await page.getByRole('row', { name: /2026\/11\/09/ }).waitFor();
    const rows = await readTimecardRows(page);
    expect(rows['2026/11/09']).toMatchObject({ 遅刻: '0:15', 労働時間: '7:45' });
    // The shift beside the punches, in the date cell.
    expect(rows['2026/11/09']?.日付).toContain('シフト 09:00〜18:00');
    expect(rows['2026/11/14']?.日付).toContain('シフト 休み');
    // 11/10–13 had shifts and no punches: 欠勤. 11/14 (休み) and 11/15 (no shift) are not.
    expect(rows['2026/11/10']?.警告).toContain('欠勤');
    expect(rows['2026/11/14']?.警告 ?? '').not.toContain('欠勤');
  });

  it('shows the 変形期間 frame under the 1か月単位の変形労働時間制, and marks a plan over it', async () => {
    await contract.admin.ok('PUT', '/settings/work-rules', { variableWorkingHours: { kind: 'monthly' } });
    const december = Array.from({ length: 31 }, (_, i) => `2026-12-${String(i + 1).padStart(2, '0')}`).filter(
      (d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()),
    );
    const patterns = await contract.admin.ok('GET', `/offices/${contract.officeId}/shift-patterns`);
    await contract.admin.ok('PUT', `/offices/${contract.officeId}/shifts`, {
      cells: december.map((date) => ({
        kind: 'pattern',
        staffId: worker.id,
        date,
        patternId: patterns.items[0].id,
      })),
    });
    await page.goto(tableUrl('2026-12-01', '2026-12-31'));
    const row = page.getByRole('row', { name: new RegExp(worker.name) });
    // 23 weekdays × 8 h = 184:00 against floor(40 h × 31 / 7) = 177:08.
    await expect.poll(() => row.textContent()).toContain('計画 184:00 / 上限 177:08 上限超過');
  });

  it('imports and exports shifts as CSV in 集計・出力, naming the row of a mistake and importing nothing then', async () => {
    await page.goto(`${server.url}/admin/reports?from=2026-11-16&to=2026-11-22`);
    await page.getByRole('heading', { level: 2, name: 'シフトの取り込み・出力' }).waitFor();
    const file = page.getByLabel('シフトのCSVファイル');
    await file.setInputFiles({
      name: 'shifts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'staff_code,date,start,end,breaks\nSF-1,2026-11-16,09:00,18:00,12:00-13:00\nSF-1,2026-11-17,25:00,18:00,\n',
      ),
    });
    await page.getByRole('button', { name: 'シフトを取り込む' }).click();
    await page.getByRole('alert').filter({ hasText: '3行目' }).waitFor();
    await file.setInputFiles({
      name: 'shifts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'staff_code,date,start,end,breaks\nSF-1,2026-11-16,09:00,18:00,12:00-13:00\nSF-1,2026-11-17,,,\n',
      ),
    });
    await page.getByRole('button', { name: 'シフトを取り込む' }).click();
    await page.getByText('2件のシフトを取り込みました').waitFor();
    const href = await page.getByRole('link', { name: 'シフトをCSV出力' }).getAttribute('href');
    const exported = await contract.admin.request('GET', href!.replace('/api/v1', ''));
    expect(
      exported.text
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .slice(0, 3),
    ).toEqual([
      'staff_code,date,start,end,breaks',
      'SF-1,2026-11-16,09:00,18:00,12:00-13:00',
      'SF-1,2026-11-17,,,',
    ]);
  });
});
