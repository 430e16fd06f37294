import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { type StartedServer, startServer } from './support/server.ts';
import {
  addCodedStaff,
  knownWeekCsv,
  loginInBrowser,
  type OwnContract,
  readTimecardRows,
  readTotals,
  runSuffix,
  signUpOwnContract,
} from './support/timecard.ts';

// 設定 > 勤務ルール, and what a staff member without rights sees: their own timecard only (issue 6).
let server: StartedServer;
let browser: Browser;
let contract: OwnContract;
let worker: { id: number; name: string; code: string };
let colleague: { id: number; name: string; code: string };
const workerLogin = { email: `worker.${runSuffix()}@tcrules.example.com`, password: 'worker-password-1' };

beforeAll(async () => {
  server = await startServer({ LOG_LEVEL: 'warn' });
  browser = await launchBrowser();
  contract = await signUpOwnContract(server, 'tcrul');
  worker = await addCodedStaff(server, contract, { name: '本人 三郎', code: 'S-1', login: workerLogin });
  colleague = await addCodedStaff(server, contract, { name: '同僚 四郎', code: 'S-2' });
  const imported = await contract.admin.importPunches(
    `${knownWeekCsv('S-1')}${knownWeekCsv('S-2').split('\n').slice(1).join('\n')}`,
  );
  expect(imported.status).toBe(201);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 1000 } });
  return context.newPage();
}

describe('設定 > 勤務ルール', () => {
  it('saves the contract defaults, shows the rounding warning, and shows the values again after a reload', async () => {
    const page = await newPage();
    await loginInBrowser(page, server.url, contract.email, contract.password);
    await page.getByRole('navigation').getByRole('link', { name: '勤務ルール' }).click();
    await page.waitForURL(/\/admin\/settings\/work-rules$/);
    await page.getByRole('heading', { level: 1, name: '勤務ルール' }).waitFor();
    // A new contract's defaults are the example settings of labor-rules.md §12.
    expect(await page.getByLabel('始業').inputValue()).toBe('09:00');
    expect(await page.getByLabel('終業').inputValue()).toBe('18:00');
    expect(await page.getByLabel('締め日（月の起算日）').inputValue()).toBe('1');
    expect(await page.getByLabel('日付の変わり目').inputValue()).toBe('05:00');
    expect(await page.getByLabel('法定休日').inputValue()).toBe('sun');
    expect(await page.getByLabel('特例措置対象事業場（週44時間）').isChecked()).toBe(false);
    expect(await page.getByLabel('祝日を所定休日とする').isChecked()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    const rounding = page.getByRole('group', { name: '打刻の丸め' });
    expect(await rounding.getByLabel('退勤', { exact: true }).inputValue()).toBe('none');
    const warning = page.getByText('出勤の切り上げ・退勤の切り捨ては、実際に働いた時間を切り捨てるため');
    expect(await warning.count()).toBe(0);
    await rounding.getByLabel('出勤', { exact: true }).selectOption({ label: '切り上げ' });
    await warning.waitFor();
    expect((await warning.textContent())?.trim()).toBe(
      '出勤の切り上げ・退勤の切り捨ては、実際に働いた時間を切り捨てるため、労働基準法上問題となるおそれがあります（昭和63.3.14基発150号）。',
    );
    await rounding.getByLabel('出勤', { exact: true }).selectOption({ label: '切り捨て' });
    await warning.waitFor({ state: 'detached' });

    await page.getByLabel('締め日（月の起算日）').fill('31');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('締め日は1〜28の数字で入力してください。').waitFor();

    await page.getByLabel('始業').fill('09:30');
    await page.getByLabel('締め日（月の起算日）').fill('21');
    await rounding.getByLabel('単位', { exact: true }).selectOption('15');
    await page.getByLabel('特例措置対象事業場（週44時間）').check();
    await page.getByRole('group', { name: '所定休日' }).getByLabel('土曜日').uncheck();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('勤務ルールを保存しました。').waitFor();

    await page.reload();
    await page.getByLabel('始業').waitFor();
    expect(await page.getByLabel('始業').inputValue()).toBe('09:30');
    expect(await page.getByLabel('締め日（月の起算日）').inputValue()).toBe('21');
    expect(await rounding.getByLabel('単位', { exact: true }).inputValue()).toBe('15');
    expect(await rounding.getByLabel('出勤', { exact: true }).inputValue()).toBe('floor');
    expect(await page.getByLabel('特例措置対象事業場（週44時間）').isChecked()).toBe(true);
    expect(await page.getByRole('group', { name: '所定休日' }).getByLabel('土曜日').isChecked()).toBe(false);
    const rules = await contract.admin.ok('GET', '/settings/work-rules');
    expect(rules.effective).toMatchObject({
      monthStartDay: 21,
      weeklyLimitMinutes: 2640,
      scheduledHolidays: ['sun'],
      rounding: { unit: 15, clockIn: 'floor', clockOut: 'none' },
      schedule: { default: { start: '09:30', end: '18:00', breaks: [['12:00', '13:00']] } },
    });

    // 労働時間制 (issue 16): 通常 by default; 1か月単位の変形労働時間制 is saved and shown again.
    const system = page.getByLabel('労働時間制');
    expect(await system.inputValue()).toBe('normal');
    expect(await page.getByText('1か月単位の変形労働時間制（労基法32条の2）では').count()).toBe(1);
    await system.selectOption({ label: '1か月単位の変形労働時間制' });
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('勤務ルールを保存しました。').waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel('労働時間制').inputValue()).toBe('monthly');
    expect((await contract.admin.ok('GET', '/settings/work-rules')).effective.variableWorkingHours).toEqual({
      kind: 'monthly',
    });
    await page.getByLabel('労働時間制').selectOption({ label: '通常' });
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('勤務ルールを保存しました。').waitFor();
    expect(
      (await contract.admin.ok('GET', '/settings/work-rules')).effective.variableWorkingHours ?? null,
    ).toBeNull();
    await page.context().close();
  });

  it('overrides one part for an office and shows the inherited value beside the others', async () => {
    const page = await newPage();
    await loginInBrowser(page, server.url, contract.email, contract.password);
    await page.goto(`${server.url}/admin/settings/work-rules`);
    await page.getByLabel('設定の対象').selectOption(`office:${contract.officeId}`);
    await page.waitForURL(/target=office/);
    const override = page.getByLabel('締め日を個別に設定する');
    await override.waitFor();
    // Not overridden: the field is locked and the contract's value is shown beside it.
    expect(await page.getByLabel('締め日（月の起算日）').isDisabled()).toBe(true);
    expect(await page.getByText('契約の既定を使用中: 21日').count()).toBe(1);
    await override.check();
    await page.getByLabel('締め日（月の起算日）').fill('25');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('勤務ルールを保存しました。').waitFor();
    await page.reload();
    await page.getByLabel('締め日を個別に設定する').waitFor();
    expect(await page.getByLabel('締め日を個別に設定する').isChecked()).toBe(true);
    expect(await page.getByLabel('締め日（月の起算日）').inputValue()).toBe('25');
    expect(await page.getByText('契約の既定を使用中: 09:30〜18:00', { exact: false }).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    const office = await contract.admin.ok('GET', `/offices/${contract.officeId}/work-rules`);
    expect(office.overrides).toEqual({ monthStartDay: 25 });
    expect((await contract.admin.ok('GET', '/settings/work-rules')).effective.monthStartDay).toBe(21);

    // Back to the contract's 締め日 for the next test: the override is removed.
    await page.getByLabel('締め日を個別に設定する').uncheck();
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('勤務ルールを保存しました。').waitFor();
    expect((await contract.admin.ok('GET', `/offices/${contract.officeId}/work-rules`)).overrides).toEqual(
      {},
    );
    await page.context().close();
  });
});

describe('a staff member without rights', () => {
  it('sees only their own timecard: no staff choice, no corrections, no 締め, nobody else', async () => {
    const page = await newPage();
    await loginInBrowser(page, server.url, workerLogin.email, workerLogin.password);
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'タイムカード' }).waitFor();
    expect(await nav.getByRole('link', { name: '集計・出力' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: '勤務ルール' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'タイムカード' }).click();
    await page.waitForURL(new RegExp(`/admin/timecards/${worker.id}`));

    // 締め日 21 (set above): the June pay period runs 2025/06/21–07/20, so ask for May's.
    await page.goto(`${server.url}/admin/timecards/${worker.id}?month=2025-05`);
    await page.getByRole('row', { name: /2025\/06\/02/ }).waitFor();
    expect((await readTimecardRows(page))['2025/06/03']?.労働時間).toBe('10:00');
    expect((await readTotals(page)).総労働時間).toBeTruthy();
    expect(await page.getByLabel('スタッフ').count()).toBe(0);
    expect(await page.getByRole('button', { name: '修正' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '締める' }).count()).toBe(0);
    expect(await page.getByText('未締め', { exact: true }).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.goto(`${server.url}/admin/timecards/${colleague.id}?month=2025-05`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe('スタッフが見つかりません。');
    expect(await page.getByRole('row', { name: /2025\/06\/02/ }).count()).toBe(0);
    await page.context().close();
  });
});
