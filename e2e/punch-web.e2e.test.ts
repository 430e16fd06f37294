import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCaller,
  addVerifiedStaff,
  signUpContract,
  type TestContract,
  uniqueSuffix,
} from './support/accounts.ts';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import {
  adminLogin,
  eventually,
  punchesOf,
  punchWithToken,
  stateOf,
  terminalToken,
} from './support/punch.ts';
import { type StartedServer, startServer } from './support/server.ts';

// Issue 5 in Chromium, in the Japanese UI: 基本設定 > [打刻設定], the Web出退勤画面 (PIN, the terminal
// flow with only the valid buttons, OK, the result with the server time), one punch for a double
// tap, パスコード offices, 今日の出勤状況 and the 個別Web出退勤画面. Each run signs up its own contract,
// so it runs on a fresh embedded database and on a shared PostgreSQL alike.
let server: StartedServer;
let browser: Browser;
let contract: TestContract;
let api: ApiCaller;
let passOfficeId: number;
const people: Record<'ichiro' | 'jiro' | 'saburo' | 'shiro', { id: number; name: string }> = {} as never;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  contract = await signUpContract(server, 'punch');
  api = contract.api;
  const passOffice = await api.ok('POST', '/offices', {
    name: 'パスコード店',
    shortName: 'パス',
    kana: 'パスコードテン',
    passcodeRequired: true,
  });
  passOfficeId = passOffice.id;
  const add = async (name: string, kana: string, officeId: number, passcode?: string, code?: string) => {
    const staff = await api.ok('POST', '/staff', { name, kana, code, offices: [{ officeId }], passcode });
    return { id: staff.id as number, name };
  };
  people.ichiro = await add('打刻 一郎', 'ダコク イチロウ', contract.headOfficeId, undefined, 'D-1');
  people.jiro = await add('打刻 二郎', 'ダコク ジロウ', contract.headOfficeId);
  people.saburo = await add('暗証 三郎', 'アンショウ サブロウ', passOfficeId, '1357');
  people.shiro = await add('打刻 四郎', 'ダコク シロウ', contract.headOfficeId);
});

// Each test closes its pages: live terminals tick and poll, and a loaded machine feels every one.
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A shop's 10-inch tablet (or a phone), in Japanese. */
async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ locale: 'ja-JP', viewport });
  contexts.push(context);
  return context.newPage();
}

async function expectNoSeriousAxe(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

async function setPin(pin: string) {
  await api.ok('PUT', '/settings/punch', { clockPin: pin });
}

/** Opens the Web出退勤画面 of an office and authenticates with the PIN. */
async function openClock(page: Page, officeId: number, pin: string) {
  await page.goto(`${server.url}/clock/${contract.contractId}/${officeId}`);
  await page.getByLabel('出退勤画面用PINコード').fill(pin);
  await page.getByRole('button', { name: '認証' }).click();
  await page.getByRole('heading', { level: 2, name: 'お名前を選んでください' }).waitFor();
}

const action = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const personButton = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(name) });

/** On the terminal: the person → the punch → OK; answers the result's text. */
async function punchOnScreen(page: Page, name: string, type: string) {
  await personButton(page, name).click();
  await action(page, type).click();
  await action(page, 'OK').click();
  const result = page.getByRole('status').filter({ hasText: 'しました' });
  await result.waitFor();
  return (await result.textContent()) ?? '';
}

describe('基本設定 > [打刻設定]', () => {
  it('shows the PIN 0000 by default, refuses 12a4 with a message next to the field, and saves 2468', async () => {
    const page = await newPage();
    await adminLogin(page, server, contract.email, contract.password);
    // 設定 > 基本設定 in the side menu.
    await page.getByRole('navigation').getByRole('link', { name: '基本設定' }).click();
    await page.waitForURL(/\/admin\/settings\/basic$/);
    await page.getByRole('heading', { level: 1, name: '基本設定' }).waitFor();
    const tab = page.getByRole('tab', { name: '打刻設定' });
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    const field = page.getByLabel('出退勤画面用PINコード');
    await expect.poll(() => field.inputValue()).toBe('0000');
    expect(await field.getAttribute('inputmode')).toBe('numeric');
    // No maxlength: a fifth digit must show and be refused, never be cut to four (issue 11 §5).
    expect(await field.getAttribute('maxlength')).toBeNull();
    expect(await page.getByRole('switch').count()).toBe(0);
    await expectNoSeriousAxe(page);

    await field.fill('12a4');
    await page.getByRole('button', { name: '設定を保存' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: '出退勤画面用PINコードは4桁の数字で入力してください。' })
      .waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await expectNoSeriousAxe(page);
    // The server refuses it too.
    expect((await api.request('PUT', '/settings/punch', { clockPin: '12a4' })).status).toBe(400);

    await field.fill('2468');
    await page.getByRole('button', { name: '設定を保存' }).click();
    await page.getByRole('alert').filter({ hasText: '設定を保存しました。' }).waitFor();
    expect((await api.ok('GET', '/settings/punch')).clockPin).toBe('2468');
    await page.reload();
    await expect.poll(() => page.getByLabel('出退勤画面用PINコード').inputValue()).toBe('2468');
  });

  it('is not offered to staff without システム管理者', async () => {
    const email = `clerk.${uniqueSuffix()}@punch.example.com`;
    await addVerifiedStaff(server, api, {
      name: '一般 店員',
      email,
      password: 'clerk-password-1',
      offices: [{ officeId: contract.headOfficeId }],
    });
    const page = await newPage();
    await adminLogin(page, server, email, 'clerk-password-1');
    expect(await page.getByRole('navigation').getByRole('link', { name: '基本設定' }).count()).toBe(0);
    await page.goto(`${server.url}/admin/settings/basic`);
    // The no-right message alone: not the page's form, refused afterwards by the server.
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'このページを表示する権限がありません。必要な場合は、管理者に権限の設定を依頼してください。',
    );
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('権限がありません');
    expect(await page.getByRole('tab').count()).toBe(0);
    expect(await page.getByLabel('出退勤画面用PINコード').count()).toBe(0);
  });
});

describe('勤怠 > WEB出退勤画面', () => {
  it('lists each office with a link to its /clock/<契約ID>/<officeId>, and points to 基本設定 for the PIN', async () => {
    const page = await newPage();
    await adminLogin(page, server, contract.email, contract.password);
    await page.getByRole('navigation').getByRole('link', { name: 'WEB出退勤画面', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'WEB出退勤画面' }).waitFor();
    const head = page.getByRole('link', { name: contract.headOfficeName, exact: true });
    expect(await head.getAttribute('href')).toBe(`/clock/${contract.contractId}/${contract.headOfficeId}`);
    expect(await page.getByRole('link', { name: 'パスコード店' }).getAttribute('href')).toBe(
      `/clock/${contract.contractId}/${passOfficeId}`,
    );
    expect(
      await page
        .getByRole('main')
        .getByRole('link', { name: '出退勤画面用PINコードを確認・変更する' })
        .getAttribute('href'),
    ).toBe('/admin/settings/basic');
    // The PIN itself is not shown here.
    expect(await page.getByText(/\b\d{4}\b/).count()).toBe(0);
    await expectNoSeriousAxe(page);
  });
});

describe('Web出退勤画面', () => {
  it('refuses a wrong PIN with a message and opens the terminal with the right one', async () => {
    await setPin('2468');
    const page = await newPage();
    await page.goto(`${server.url}/clock/${contract.contractId}/${contract.headOfficeId}`);
    await page.getByRole('heading', { level: 1, name: 'Web出退勤画面' }).waitFor();
    const pin = page.getByLabel('出退勤画面用PINコード');
    expect(await pin.getAttribute('inputmode')).toBe('numeric');
    expect(await pin.getAttribute('type')).toBe('password');
    await expectNoSeriousAxe(page);

    await pin.fill('1111');
    await page.getByRole('button', { name: '認証' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('出退勤画面用PINコードが正しくありません。');
    await expectNoSeriousAxe(page);

    await pin.fill('2468');
    await page.getByRole('button', { name: '認証' }).click();
    await page.getByRole('heading', { level: 1, name: contract.headOfficeName }).waitFor();
    expect(await page.locator('h1').count()).toBe(1);
    expect(await personButton(page, '打刻 一郎').textContent()).toContain('未出勤');
    expect(await personButton(page, '打刻 一郎').textContent()).toContain('ダコク イチロウ');
    // The 従業員コード beside the name tells two people of the same name apart.
    expect(await personButton(page, '打刻 一郎').textContent()).toContain('従業員コード D-1');
    expect(await page.locator('header time').textContent()).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    await expectNoSeriousAxe(page);

    // The device stays a terminal of the office: a reload goes straight to the screen.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: contract.headOfficeName }).waitFor();
    expect(await page.getByLabel('出退勤画面用PINコード').count()).toBe(0);
  });

  it('punches 出勤 → 休憩 → 復帰 → 退勤 showing only the valid buttons, each with the server time', async () => {
    const page = await newPage();
    await openClock(page, contract.headOfficeId, '2468');
    const name = people.ichiro.name;

    await personButton(page, name).click();
    await page.getByRole('heading', { level: 2, name }).waitFor();
    expect(await action(page, '出勤').count()).toBe(1);
    for (const hidden of ['退勤', '休憩', '復帰']) expect(await action(page, hidden).count()).toBe(0);
    const box = await action(page, '出勤').boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(64);
    await expectNoSeriousAxe(page);
    await action(page, '出勤').click();
    expect(await page.getByText('打刻 一郎さんの「出勤」を打刻します。よろしいですか？').count()).toBe(1);
    await expectNoSeriousAxe(page);
    await action(page, 'OK').click();
    const result = page.getByRole('status').filter({ hasText: '出勤しました' });
    await result.waitFor();
    expect(await result.textContent()).toMatch(/\d{2}:\d{2}/);
    await expectNoSeriousAxe(page);
    await action(page, '戻る').click();
    await expect.poll(() => personButton(page, name).textContent()).toContain('勤務中');

    // On shift: 退勤 and 休憩, no 出勤 or 復帰.
    await personButton(page, name).click();
    expect(await action(page, '退勤').count()).toBe(1);
    expect(await action(page, '休憩').count()).toBe(1);
    expect(await action(page, '出勤').count()).toBe(0);
    expect(await action(page, '復帰').count()).toBe(0);
    await action(page, '休憩').click();
    await action(page, 'OK').click();
    await page.getByRole('status').filter({ hasText: '休憩を開始しました' }).waitFor();
    await action(page, '戻る').click();
    expect(await personButton(page, name).textContent()).toContain('休憩中');

    // On break: only 復帰.
    await personButton(page, name).click();
    expect(await action(page, '復帰').count()).toBe(1);
    for (const hidden of ['出勤', '退勤', '休憩']) expect(await action(page, hidden).count()).toBe(0);
    await action(page, '復帰').click();
    await action(page, 'OK').click();
    await page.getByRole('status').filter({ hasText: '休憩から復帰しました' }).waitFor();
    await action(page, '戻る').click();

    const text = await punchOnScreen(page, name, '退勤');
    expect(text).toContain('退勤しました');
    const time = text.match(/(\d{2}:\d{2})/)?.[1];
    expect(time).toBeTruthy();
    // Back to the list by itself after a few seconds.
    await page
      .getByRole('heading', { level: 2, name: 'お名前を選んでください' })
      .waitFor({ timeout: 15_000 });
    expect(await personButton(page, name).textContent()).toContain('退勤済');

    const punches = await punchesOf(api, people.ichiro.id);
    expect(punches.map((p) => p.type)).toEqual(['clock_in', 'break_start', 'break_end', 'clock_out']);
    expect(punches.every((p) => p.source === 'web_clock')).toBe(true);
    // The result showed the server's time of the punch.
    expect(punches[3]!.at.slice(11, 16)).toBe(time);
    expect(await stateOf(api, people.ichiro.id)).toBe('done');
  });

  it('records one punch for a double click on OK', async () => {
    const page = await newPage();
    await openClock(page, contract.headOfficeId, '2468');
    await personButton(page, people.jiro.name).click();
    await action(page, '出勤').click();
    await action(page, 'OK').dblclick();
    await page.getByRole('status').filter({ hasText: '出勤しました' }).waitFor();
    const punches = await punchesOf(api, people.jiro.id);
    expect(punches.map((p) => p.type)).toEqual(['clock_in']);
  });

  it('works with the keyboard alone: Tab to the person, Enter, Enter on 出勤, Enter on OK', async () => {
    const page = await newPage();
    await openClock(page, contract.headOfficeId, '2468');
    const target = personButton(page, people.shiro.name);
    await page.keyboard.press('Tab');
    for (let i = 0; i < 30; i++) {
      if (await target.evaluate((el) => el === document.activeElement)) break;
      await page.keyboard.press('Tab');
    }
    expect(await target.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    // The first valid button has the focus.
    await expect.poll(() => action(page, '出勤').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => action(page, 'OK').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: '出勤しました' }).waitFor();
    await page.keyboard.press('Enter'); // 戻る has the focus
    await page.getByRole('heading', { level: 2, name: 'お名前を選んでください' }).waitFor();
    expect(await stateOf(api, people.shiro.id)).toBe('working');
  });

  it('asks the パスコード in an office that uses it, refuses a wrong one, and punches with the right one', async () => {
    const page = await newPage({ width: 390, height: 844 }); // a phone
    await openClock(page, passOfficeId, '2468');
    await personButton(page, people.saburo.name).click();
    const passcode = page.getByLabel('パスコード', { exact: true });
    await passcode.waitFor();
    expect(await passcode.getAttribute('inputmode')).toBe('numeric');
    // The punch buttons come after the passcode.
    expect(await action(page, '出勤').count()).toBe(0);
    await expectNoSeriousAxe(page);
    await passcode.fill('0000');
    await action(page, '出勤').click();
    await action(page, 'OK').click();
    await page.getByText('パスコードが正しくありません。').waitFor();
    expect(await punchesOf(api, people.saburo.id)).toEqual([]);

    await page.getByLabel('パスコード', { exact: true }).fill('1357');
    await action(page, '出勤').click();
    await action(page, 'OK').click();
    await page.getByRole('status').filter({ hasText: '出勤しました' }).waitFor();
    expect((await punchesOf(api, people.saburo.id)).map((p) => p.type)).toEqual(['clock_in']);
    await expectNoSeriousAxe(page);
  });

  it('logs the device out (back to the PIN form), and its token stops working', async () => {
    const page = await newPage();
    await openClock(page, contract.headOfficeId, '2468');
    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByLabel('出退勤画面用PINコード').waitFor();
    const answer = await page.evaluate(async () => (await fetch('/api/v1/terminal')).status);
    expect(answer).toBe(401);
  });
});

describe('今日の出勤状況', () => {
  it('shows per office the counts per state and each person, and follows new punches without a reload', async () => {
    const page = await newPage();
    await adminLogin(page, server, contract.email, contract.password);
    await page.getByRole('navigation').getByRole('link', { name: '今日の出勤状況' }).click();
    await page.getByRole('heading', { level: 1, name: '今日の出勤状況' }).waitFor();
    const head = page.getByRole('region', { name: contract.headOfficeName });
    const count = (state: string) => head.locator(`[data-state="${state}"]`).textContent();
    const today = await api.ok('GET', '/attendance/today');
    const expected = today.offices.find((o: { id: number }) => o.id === contract.headOfficeId).counts;
    await expect.poll(() => count('done')).toMatch(new RegExp(`退勤済${expected.done}`));
    expect(await count('working')).toMatch(new RegExp(`勤務中${expected.working}`));
    expect(await head.getByRole('row', { name: /打刻 一郎/ }).textContent()).toContain('退勤済');
    await expectNoSeriousAxe(page);

    // Another terminal punches 退勤 for 打刻 二郎: the page shows it within its refresh interval.
    const token = await terminalToken(server, contract.contractId, contract.headOfficeId, '2468');
    await punchWithToken(server, token, people.jiro.id, 'clock_out');
    await eventually(
      async () =>
        ((await head.getByRole('row', { name: /打刻 二郎/ }).textContent()) ?? '').includes('退勤済'),
      '打刻 二郎 shown as 退勤済 without a reload',
    );
    expect(await count('done')).toMatch(new RegExp(`退勤済${expected.done + 1}`));
  });
});

describe('個別Web出退勤画面', () => {
  it('lets a staff member punch for themself from a phone', async () => {
    const email = `mobile.${uniqueSuffix()}@punch.example.com`;
    const staff = await addVerifiedStaff(server, api, {
      name: '携帯 五郎',
      email,
      password: 'mobile-password-1',
      offices: [{ officeId: contract.headOfficeId }],
    });
    const page = await newPage({ width: 390, height: 844 });
    await adminLogin(page, server, email, 'mobile-password-1');
    await page.goto(`${server.url}/admin/my-page`);
    await page.getByRole('link', { name: '個別Web出退勤画面で打刻する' }).click();
    await page.getByRole('heading', { level: 1, name: '個別Web出退勤画面' }).waitFor();
    await page.getByText('未出勤').waitFor();
    expect(await action(page, '退勤').count()).toBe(0);
    await expectNoSeriousAxe(page);
    await action(page, '出勤').click();
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    const result = page.getByRole('status').filter({ hasText: '出勤しました' });
    await result.waitFor();
    expect(await result.textContent()).toMatch(/\d{2}:\d{2}/);
    await expect.poll(() => action(page, '退勤').count()).toBe(1);
    expect(await action(page, '出勤').count()).toBe(0);
    const punches = await punchesOf(api, staff.id);
    expect(punches.map((p) => [p.type, p.source])).toEqual([['clock_in', 'personal']]);
    await expectNoSeriousAxe(page);
  });
});
