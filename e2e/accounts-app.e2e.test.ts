import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCaller,
  addVerifiedStaff,
  signUpContract,
  type TestContract,
  uniqueSuffix,
} from './support/accounts.ts';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { type StartedServer, startServer } from './support/server.ts';

// The seed's タイムカード・アプリ situations, acted out in Chromium in the Japanese UI (issue 3).
// Each run makes its own contract (本店 and two more offices) and addresses, so it runs on a fresh
// embedded database and on a shared PostgreSQL alike.
let server: StartedServer;
let browser: Browser;
let contract: TestContract;
let api: ApiCaller;
let offices: { id: number; name: string }[];
let run: string;
const address = (local: string) => `${local}.${run}@example.com`;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  contract = await signUpContract(server, 'app');
  api = contract.api;
  run = uniqueSuffix();
  await api.ok('POST', '/offices', { name: '新宿店', shortName: '新宿', kana: 'シンジュクテン' });
  await api.ok('POST', '/offices', { name: '渋谷店', shortName: '渋谷', kana: 'シブヤテン' });
  offices = (await api.ok('GET', '/offices')).items;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  // A shop's tablet, in Japanese.
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1024, height: 768 } });
  return context.newPage();
}

async function appLogin(page: Page, userId: string, password: string) {
  await page.goto(`${server.url}/app`);
  await page.getByLabel('ユーザーID').fill(userId);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

async function errorDialogText(page: Page): Promise<string> {
  const dialog = page.getByRole('dialog', { name: 'エラー' });
  await dialog.waitFor();
  return (await dialog.textContent()) ?? '';
}

describe('タイムカード・アプリ login', () => {
  it('shows 「ユーザーIDまたはパスワードが正しくありません。」 in a dialog titled エラー, closed with OK', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/app`);
    expect(await page.getByRole('link', { name: 'パスワードを忘れた方' }).getAttribute('href')).toBe(
      '/admin/password-reset',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);
    await appLogin(page, contract.email, 'not-the-password');
    expect(await errorDialogText(page)).toContain('ユーザーIDまたはパスワードが正しくありません。');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('dialog', { name: 'エラー' }).getByRole('button', { name: 'OK' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('shows 「ユーザーを取得できませんでした。」 when the account is ログイン停止 in every contract', async () => {
    const email = address('app.stopped');
    const staff = await addVerifiedStaff(server, api, {
      name: 'アプリ 停止',
      email,
      password: 'app-stopped-1',
      offices: [{ officeId: offices[0]!.id, officeManage: 'edit' }],
    });
    await api.ok('PATCH', `/staff/${staff.id}`, { loginStatus: 'stopped' });
    const page = await newPage();
    await appLogin(page, email, 'app-stopped-1');
    expect(await errorDialogText(page)).toContain('ユーザーを取得できませんでした。');
    await page.context().close();
  });
});

describe('事業所 list, terminal and 設定', () => {
  it('lists offices without 事業所管理 編集 under 「事業所編集権限のない事業所」, not selectable', async () => {
    const email = address('shop.manager');
    const [first, ...others] = offices;
    await addVerifiedStaff(server, api, {
      name: '店長 花子',
      email,
      password: 'shop-manager-1',
      offices: [
        { officeId: first!.id, officeManage: 'edit' },
        ...others.map((office) => ({ officeId: office.id, officeManage: 'view' })),
      ],
    });
    const page = await newPage();
    await appLogin(page, email, 'shop-manager-1');
    await page.waitForURL(/\/app\/offices$/);
    await page.getByRole('heading', { level: 1, name: '事業所を選択' }).waitFor();
    const lockedHeading = page.getByRole('heading', { name: '事業所編集権限のない事業所', exact: true });
    expect(await lockedHeading.count()).toBe(1);
    for (const office of others) {
      const button = page.getByRole('button', { name: office.name, exact: true });
      expect(await button.isDisabled()).toBe(true);
    }
    const selectable = page.getByRole('button', { name: first!.name, exact: true });
    expect(await selectable.isEnabled()).toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await selectable.click();
    // The tablet is now that office's terminal (its punch screen is issue 4's), with 設定.
    await page.waitForURL(/\/app\/terminal$/);
    await page.getByRole('button', { name: '設定' }).waitFor();
    expect(await page.locator('body').textContent()).toContain(first!.name);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // A reload keeps the tablet on its office.
    await page.reload();
    await page.getByRole('button', { name: '設定' }).waitFor();
    expect(page.url()).toMatch(/\/app\/terminal$/);

    await page.getByRole('button', { name: '設定' }).click();
    await page.waitForURL(/\/app\/settings$/);
    // The seed: 『メールアドレス』項目にログイン時に使用したメールアドレスが記載されています。
    const item = page.getByLabel('メールアドレス');
    expect((await item.textContent())?.trim()).toBe(email);
    expect(await page.getByText(email, { exact: true }).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.waitForURL(/\/app$/);
    await page.getByLabel('ユーザーID').waitFor();
    await page.goto(`${server.url}/app/settings`);
    await page.waitForURL(/\/app$/);
    await page.context().close();
  });

  it('lets an administrator choose any office', async () => {
    const page = await newPage();
    await appLogin(page, contract.email, contract.password);
    await page.waitForURL(/\/app\/offices$/);
    for (const office of offices) {
      expect(await page.getByRole('button', { name: office.name, exact: true }).isEnabled()).toBe(true);
    }
    expect(await page.getByRole('heading', { name: '事業所編集権限のない事業所' }).count()).toBe(0);
    await page.context().close();
  });
});
