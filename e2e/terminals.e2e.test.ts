import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiCaller, signUpContract, type TestContract } from './support/accounts.ts';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { adminLogin, stateOf } from './support/punch.ts';
import { type StartedServer, startServer } from './support/server.ts';

// Issue 12 §4 and issue 11 §5 in Chromium, in the Japanese UI: the home page's warning while the
// PIN is 0000, 基本設定 > [打刻設定] 端末一覧 with 【解除】 (the Web出退勤画面 goes back to its PIN),
// and 【PINコードを変更して全端末を解除】 (12345 refused, full-width digits shown half-width, every
// PIN terminal ended, the app's terminal kept). One server for the file; data is made through the API.
let server: StartedServer;
let browser: Browser;
let contract: TestContract;
let tablet: ApiCaller;
let worker: { id: number; name: string };
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  contract = await signUpContract(server, 'term');
  const staff = await contract.api.ok('POST', '/staff', {
    name: '端末 太郎',
    kana: 'タンマツ タロウ',
    offices: [{ officeId: contract.headOfficeId }],
  });
  worker = { id: staff.id, name: '端末 太郎' };
  // A shop tablet with the タイムカード・アプリ, opened by the administrator's account.
  tablet = new ApiCaller(server.url);
  await tablet.ok('POST', '/app/login', { userId: contract.email, password: contract.password });
  await tablet.ok('POST', '/app/select-office', {
    contractId: contract.contractId,
    officeId: contract.headOfficeId,
  });
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return context.newPage();
}

/** Opens the head office's Web出退勤画面 with the PIN, as a shop's browser does. */
async function openClock(page: Page, pin: string) {
  await page.goto(`${server.url}/clock/${contract.contractId}/${contract.headOfficeId}`);
  await page.getByLabel('出退勤画面用PINコード').fill(pin);
  await page.getByRole('button', { name: '認証' }).click();
  await page.getByRole('heading', { level: 2, name: 'お名前を選んでください' }).waitFor();
}

/** The PIN form again: the device is no longer a terminal. */
async function expectPinForm(page: Page) {
  await page.reload();
  await page.getByLabel('出退勤画面用PINコード').waitFor();
  expect(await page.getByRole('heading', { level: 2, name: 'お名前を選んでください' }).count()).toBe(0);
}

const terminalRows = (page: Page) => page.getByRole('table', { name: '端末一覧' }).locator('tbody tr');

async function openPunchSettings(page: Page) {
  await page.goto(`${server.url}/admin/settings/basic`);
  await page.getByRole('heading', { level: 2, name: '端末一覧' }).waitFor();
}

describe('基本設定 > [打刻設定] 端末一覧', () => {
  it('warns on the home page while the PIN is 0000, lists the terminals and 解除 ends one', async () => {
    const clock = await newPage();
    await openClock(clock, '0000');

    const admin = await newPage();
    await adminLogin(admin, server, contract.email, contract.password);
    await admin.getByRole('heading', { level: 2, name: '今日の出勤状況' }).waitFor();
    await admin.getByText('出退勤画面用PINコードが初期値（0000）のままです。', { exact: false }).waitFor();
    for (const state of ['出勤中', '休憩中', '退勤済', '未出勤']) {
      expect(
        await admin.locator('section').filter({ hasText: '今日の出勤状況' }).getByText(state).count(),
      ).toBe(1);
    }
    expect(await seriousAxeViolations(admin)).toEqual([]);
    await admin.getByRole('link', { name: '打刻設定でPINコードを変更する' }).click();
    await admin.waitForURL(/\/admin\/settings\/basic$/);
    await admin.getByRole('heading', { level: 2, name: '端末一覧' }).waitFor();

    await expect.poll(() => terminalRows(admin).count()).toBe(2);
    const pinRow = terminalRows(admin).filter({ hasText: 'PINコード' });
    const appRow = terminalRows(admin).filter({ hasText: `アプリ（${contract.email}）` });
    expect(await pinRow.count()).toBe(1);
    expect(await appRow.count()).toBe(1);
    expect(await pinRow.textContent()).toContain(contract.headOfficeName);
    expect(await pinRow.textContent()).toMatch(/\d{4}\/\d{2}\/\d{2}\(.\) \d{2}:\d{2}/);
    expect(await seriousAxeViolations(admin)).toEqual([]);

    await pinRow.getByRole('button', { name: '解除' }).click();
    const dialog = admin.getByRole('dialog', { name: '端末の解除' });
    await dialog.getByText('次の操作でログイン画面に戻ります', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'OK' }).click();
    await admin.getByRole('alert').filter({ hasText: '端末を解除しました。' }).waitFor();
    await expect.poll(() => terminalRows(admin).count()).toBe(1);
    expect(await terminalRows(admin).first().textContent()).toContain('アプリ');

    // The revoked screen's next request is refused and it goes back to its login, without a reload;
    // the app's tablet keeps working.
    await clock.getByRole('button', { name: new RegExp(worker.name) }).click();
    await clock.getByRole('button', { name: '出勤', exact: true }).click();
    await clock.getByRole('button', { name: 'OK', exact: true }).click();
    await clock.getByLabel('出退勤画面用PINコード').waitFor();
    expect(await clock.getByRole('heading', { level: 2, name: 'お名前を選んでください' }).count()).toBe(0);
    expect(await stateOf(contract.api, worker.id)).toBe('off');
    expect((await tablet.get('/terminal')).status).toBe(200);
  });
});

describe('【PINコードを変更して全端末を解除】', () => {
  it('refuses 12345, shows full-width digits half-width, changes the PIN and ends every PIN terminal', async () => {
    const first = await newPage();
    const second = await newPage();
    await openClock(first, '0000');
    await openClock(second, '0000');

    const admin = await newPage();
    await adminLogin(admin, server, contract.email, contract.password);
    await openPunchSettings(admin);
    await expect.poll(() => terminalRows(admin).count()).toBe(3);
    const field = admin.getByLabel('出退勤画面用PINコード');
    await expect.poll(() => field.inputValue()).toBe('0000');

    // 12345 is neither cut to 1234 nor saved.
    await field.fill('12345');
    expect(await field.inputValue()).toBe('12345');
    await admin.getByRole('button', { name: '設定を保存' }).click();
    await admin
      .getByRole('alert')
      .filter({ hasText: '出退勤画面用PINコードは4桁の数字で入力してください。' })
      .waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect((await contract.api.ok('GET', '/settings/punch')).clockPin).toBe('0000');
    await admin.getByRole('button', { name: 'PINコードを変更して全端末を解除' }).click();
    expect(await admin.getByRole('dialog').count()).toBe(0);

    // Full-width digits become half-width as typed.
    await field.fill('５８２４');
    await expect.poll(() => field.inputValue()).toBe('5824');

    await admin.getByRole('button', { name: 'PINコードを変更して全端末を解除' }).click();
    const dialog = admin.getByRole('dialog', { name: 'PINコードの変更と全端末の解除' });
    await dialog.getByText('「5824」に変更し', { exact: false }).waitFor();
    expect(await dialog.textContent()).toContain('すべての出退勤画面（2台）を解除します');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await admin
      .getByRole('alert')
      .filter({ hasText: 'PINコードを変更し、2台の端末を解除しました。' })
      .waitFor();
    await expect.poll(() => terminalRows(admin).count()).toBe(1);
    expect((await contract.api.ok('GET', '/settings/punch')).clockPin).toBe('5824');
    expect((await tablet.get('/terminal')).status).toBe(200);

    // The 事業所 page lists its own terminals too (for 事業所管理 編集).
    await admin.goto(`${server.url}/admin/offices/${contract.headOfficeId}`);
    await admin.getByRole('heading', { level: 2, name: '端末一覧' }).waitFor();
    await expect.poll(() => terminalRows(admin).count()).toBe(1);
    expect(await seriousAxeViolations(admin)).toEqual([]);

    // Both screens are back at the PIN; the old PIN no longer opens one, the new one does.
    await expectPinForm(second);
    await expectPinForm(first);
    await first.getByLabel('出退勤画面用PINコード').fill('0000');
    await first.getByRole('button', { name: '認証' }).click();
    await first.getByRole('alert').filter({ hasText: '出退勤画面用PINコードが正しくありません' }).waitFor();
    await openClock(first, '5824');

    // The home page no longer asks to change the PIN.
    await admin.goto(`${server.url}/admin/dashboard`);
    await admin.getByRole('heading', { level: 2, name: '対応が必要な項目' }).waitFor();
    expect(await admin.getByText('初期値（0000）のまま', { exact: false }).count()).toBe(0);
  });
});

describe('パスコードが未設定のスタッフがいます', () => {
  it('warns on the 事業所 page, the staff pages and the staff edit page, naming the people', async () => {
    const office = await contract.api.ok('POST', '/offices', {
      name: 'パスコード店',
      kana: 'パスコードテン',
      passcodeRequired: true,
    });
    const without = await contract.api.ok('POST', '/staff', {
      name: '未設定 花子',
      kana: 'ミセッテイ ハナコ',
      offices: [{ officeId: office.id }],
    });
    await contract.api.ok('POST', '/staff', {
      name: '設定済 次郎',
      kana: 'セッテイズミ ジロウ',
      passcode: '２４６８',
      offices: [{ officeId: office.id }],
    });
    const admin = await newPage();
    await adminLogin(admin, server, contract.email, contract.password);
    const warning = () =>
      admin.getByRole('alert').filter({ hasText: 'パスコードが未設定のスタッフがいます' });

    await admin.goto(`${server.url}/admin/offices/${office.id}`);
    await warning().waitFor();
    expect(await warning().textContent()).toContain('未設定 花子');
    expect(await warning().textContent()).not.toContain('設定済 次郎');

    await admin.goto(`${server.url}/admin/staff-management`);
    await warning().waitFor();
    await admin.goto(`${server.url}/admin/staff`);
    await warning().getByRole('link', { name: '未設定 花子' }).click();
    await admin.waitForURL(new RegExp(`/admin/staff/${without.id}$`));
    await warning().waitFor();
    expect(await seriousAxeViolations(admin)).toEqual([]);

    // Setting the passcode (typed full-width) ends the warning.
    const field = admin.getByLabel('パスコード', { exact: true });
    await field.fill('１３５７');
    await expect.poll(() => field.inputValue()).toBe('1357');
    await admin.getByRole('button', { name: '保存', exact: true }).click();
    await admin.getByText('保存しました。').waitFor();
    await expect.poll(() => warning().count()).toBe(0);
    await admin.goto(`${server.url}/admin/offices/${office.id}`);
    await admin.getByRole('heading', { level: 2, name: '端末一覧' }).waitFor();
    expect(await warning().count()).toBe(0);
  });
});
