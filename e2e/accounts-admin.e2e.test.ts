import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiCaller,
  addVerifiedStaff,
  mailCount,
  mailLink,
  signUpContract,
  type TestContract,
  uniqueSuffix,
} from './support/accounts.ts';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { type StartedServer, startServer } from './support/server.ts';

// The seed's 管理画面 situations, acted out in Chromium in the Japanese UI (issue 3).
// Each run makes its own contract and addresses, so it runs on a fresh embedded database and on a
// shared PostgreSQL alike.
let server: StartedServer;
let browser: Browser;
let contract: TestContract;
let admin: { email: string; password: string };
let api: ApiCaller;
let headOfficeId: number;
let run: string;
const address = (local: string) => `${local}.${run}@example.com`;

beforeAll(async () => {
  // TRUST_PROXY lets API-made failures carry their own X-Forwarded-For, apart from the browser's.
  server = await startServer({ TRUST_PROXY: '127.0.0.1' });
  browser = await launchBrowser();
  contract = await signUpContract(server, 'adm');
  admin = { email: contract.email, password: contract.password };
  api = contract.api;
  headOfficeId = contract.headOfficeId;
  run = uniqueSuffix();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'ja-JP' });
  return context.newPage();
}

async function loginAsAdmin(page: Page, email = admin.email, password = admin.password) {
  await page.goto(`${server.url}/admin/login`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

async function expectNoSeriousAxe(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

describe('管理画面 login', () => {
  it('answers a wrong password with exactly 「アカウントを認証できませんでした。」', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/admin/login`);
    expect(await page.getByRole('link', { name: 'パスワードを忘れた方' }).getAttribute('href')).toBe(
      '/admin/password-reset',
    );
    expect(await page.getByRole('link', { name: '新規登録' }).getAttribute('href')).toBe('/signup');
    await loginAsAdmin(page, admin.email, 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe('アカウントを認証できませんでした。');
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
    await expectNoSeriousAxe(page);

    // An unknown address gets the very same words.
    await loginAsAdmin(page, address('nobody'), 'whatever-password');
    await page.waitForFunction(() => document.querySelector('[role="alert"]') !== null);
    expect((await page.getByRole('alert').textContent())?.trim()).toBe('アカウントを認証できませんでした。');
    await page.context().close();
  });

  it('redirects /admin to the login without a session, and to the console after login', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/admin`);
    await page.waitForURL(/\/admin\/login$/);
    await loginAsAdmin(page);
    await page.waitForURL(/\/admin\/dashboard$/);
    await page.goto(`${server.url}/admin`);
    await page.waitForURL(/\/admin\/dashboard$/);
    await page.getByRole('heading', { level: 1, name: 'ホーム' }).waitFor();
    expect(await page.getByRole('navigation').count()).toBeGreaterThan(0);
    expect(await page.locator('main').count()).toBe(1);
    expect(await page.locator('h1').count()).toBe(1);
    await expectNoSeriousAxe(page);
    await page.context().close();
  });

  it('refuses a member whose スタッフの状態 is ログイン停止 with 「<契約ID>へのアクセスを制限されています。」', async () => {
    const email = address('stopped.staff');
    const staff = await addVerifiedStaff(server, api, {
      name: '停止 次郎',
      email,
      password: 'stopped-password-1',
      offices: [{ officeId: headOfficeId }],
    });
    await api.ok('PATCH', `/staff/${staff.id}`, { loginStatus: 'stopped' });

    const page = await newPage();
    await loginAsAdmin(page, email, 'stopped-password-1');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect((await alert.textContent())?.trim()).toBe(
      `${contract.contractId}へのアクセスを制限されています。`,
    );
    await expectNoSeriousAxe(page);

    // ログイン可 restores access.
    await api.ok('PATCH', `/staff/${staff.id}`, { loginStatus: 'allowed' });
    await page.getByLabel('パスワード', { exact: true }).fill('stopped-password-1');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.waitForURL(/\/admin\/(my-page|dashboard)$/);
    await page.context().close();
  });
});

describe('throttling', () => {
  it('shows the wait when logins are throttled (429)', async () => {
    const login = address('throttled');
    const page = await newPage();
    await page.goto(`${server.url}/admin/login`);
    await page.getByLabel('メールアドレス').fill(login);
    await page.getByLabel('パスワード', { exact: true }).fill('wrong-password');
    const attacker = new ApiCaller(server.url, '203.0.113.7');
    const fail = () => attacker.post('/auth/login', { login, password: 'wrong-password' });
    // Five failures are free; the sixth waits 2 s, the seventh 4 s, during which the click lands.
    for (let i = 0; i < 6; i++) await fail();
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    await fail();
    await page.getByRole('button', { name: 'ログイン' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/試行回数が多すぎます。\d+秒/);
    await page.context().close();
  });
});

describe('an account in several contracts', () => {
  it('joins a second contract through its 認証メール and chooses the contract after login', async () => {
    const email = address('two.hats');
    const otherId = `nisoku-${run}`;
    const otherName = `二足 商店 ${run}`;
    // Its own contract first, by sign-up.
    const signup = new ApiCaller(server.url);
    await signup.ok('POST', '/signup', {
      companyName: otherName,
      contractId: otherId,
      adminName: '二足 六郎',
      email,
    });
    const own = await mailLink(server, email, '/admin/verify/');
    await signup.ok('POST', '/auth/verify', {
      token: own.link.split('/').pop(),
      password: 'two-hats-pass-1',
    });

    // Then this file's contract adds the same address; its link only asks to confirm.
    await api.ok('POST', '/staff', { name: '二足 六郎', email, offices: [{ officeId: headOfficeId }] });
    const join = await mailLink(server, email, '/admin/verify/', { after: own.mail.id });
    const page = await newPage();
    await page.goto(join.link);
    await page.getByRole('button', { name: '認証する' }).waitFor();
    expect(await page.getByLabel('パスワード', { exact: true }).count()).toBe(0);
    await expectNoSeriousAxe(page);
    await page.getByRole('button', { name: '認証する' }).click();
    await page.waitForURL(/\/admin\/(select-contract|dashboard|my-page)$/);
    await page.context().close();

    // After login: each contract's name and 契約ID, as buttons.
    const chooser = await newPage();
    await loginAsAdmin(chooser, email, 'two-hats-pass-1');
    await chooser.waitForURL(/\/admin\/select-contract$/);
    await chooser.getByRole('heading', { level: 1 }).waitFor();
    const mine = chooser.getByRole('button', { name: contract.name });
    expect(await mine.textContent()).toContain(contract.contractId);
    expect(await chooser.getByRole('button', { name: otherName }).textContent()).toContain(otherId);
    await expectNoSeriousAxe(chooser);
    await mine.click();
    await chooser.waitForURL(/\/admin\/(dashboard|my-page)$/);
    expect(await chooser.locator('header').textContent()).toContain(contract.name);
    await chooser.context().close();

    // ログイン停止 in one contract: choosing it answers with its 契約ID; the other still opens.
    const staff = (await api.ok('GET', `/staff?q=${encodeURIComponent(email)}`)).items[0];
    await api.ok('PATCH', `/staff/${staff.id}`, { loginStatus: 'stopped' });
    const again = await newPage();
    await loginAsAdmin(again, email, 'two-hats-pass-1');
    await again.waitForURL(/\/admin\/select-contract$/);
    await again.getByRole('button', { name: contract.name }).click();
    await again.getByRole('alert').waitFor();
    expect((await again.getByRole('alert').textContent())?.trim()).toBe(
      `${contract.contractId}へのアクセスを制限されています。`,
    );
    await again.getByRole('button', { name: otherName }).click();
    await again.waitForURL(/\/admin\/dashboard$/);
    expect(await again.locator('header').textContent()).toContain(otherName);
    await again.context().close();
  });
});

describe('≡ メニュー and スタッフ管理', () => {
  it('opens スタッフ管理 from the white three-line メニュー button, with 名前 and メールアドレス', async () => {
    // Two people of the same name, told apart by their 従業員コード.
    for (const code of ['K-1', 'K-2']) {
      await api.ok('POST', '/staff', { name: '木村 拓也', code, offices: [{ officeId: headOfficeId }] });
    }
    const page = await newPage();
    await loginAsAdmin(page);
    await page.waitForURL(/\/admin\/dashboard$/);
    const header = page.locator('header');
    expect(await header.textContent()).toContain(contract.name);
    const menuButton = page.getByRole('button', { name: 'メニュー' });
    // The seed's 「白い三本線アイコン」 at the top right.
    expect(await menuButton.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(255, 255, 255)');
    const box = await menuButton.boundingBox();
    const viewport = page.viewportSize()!;
    expect(box!.x).toBeGreaterThan(viewport.width * 0.8);
    expect(box!.y).toBeLessThan(60);
    await menuButton.click();
    for (const item of ['スタッフ管理', 'マイページ', 'マイアカウント', '契約情報', 'ログアウト']) {
      expect(await page.getByRole('menuitem', { name: item }).count()).toBe(1);
    }
    await expectNoSeriousAxe(page);
    await page.getByRole('menuitem', { name: 'スタッフ管理' }).click();
    await page.waitForURL(/\/admin\/staff-management$/);
    await page.getByRole('heading', { level: 1, name: 'スタッフ管理' }).waitFor();
    await page.getByRole('columnheader', { name: '名前' }).waitFor();
    expect(await page.getByRole('columnheader', { name: 'メールアドレス' }).count()).toBe(1);
    expect(await page.getByRole('columnheader', { name: 'スタッフの状態' }).count()).toBe(1);
    // The administrator's own row shows the e-mail to tell an employee.
    const row = page.getByRole('row').filter({ hasText: admin.email });
    expect(await row.count()).toBe(1);
    const kimura = page.getByRole('row').filter({ hasText: '木村 拓也' });
    expect(await kimura.allTextContents()).toEqual([
      expect.stringContaining('従業員コード K-1'),
      expect.stringContaining('従業員コード K-2'),
    ]);
    await expectNoSeriousAxe(page);
    await page.context().close();
  });

  it('works with the keyboard alone: login, ≡ メニュー, スタッフ管理', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/admin/login`);
    await page.getByLabel('メールアドレス').waitFor();
    // The e-mail field has the focus on arrival.
    await page.keyboard.type(admin.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(admin.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/dashboard$/);
    await page.getByRole('button', { name: 'メニュー' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'スタッフ管理' }).waitFor();
    // The arrow keys move between the items; the first one is スタッフ管理.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.activeElement?.textContent === 'スタッフ管理');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/staff-management$/);
    await page.context().close();
  });

  it('resends the 認証メール: red 「メールが認証できていません」 → 【認証メールを再送信】 → OK → 「認証メールを送信しました。」', async () => {
    const email = address('pending.person');
    await api.ok('POST', '/staff', { name: '認証 待子', email, offices: [{ officeId: headOfficeId }] });
    await mailLink(server, email, '/admin/verify/');
    const before = await mailCount(server, email);

    const page = await newPage();
    await loginAsAdmin(page);
    await page.waitForURL(/\/admin\/dashboard$/);
    await page.goto(`${server.url}/admin/staff-management`);
    const row = page.getByRole('row').filter({ hasText: '認証 待子' });
    await row.waitFor();
    const warning = row.getByText('メールが認証できていません');
    const colour = await warning.evaluate((el) => getComputedStyle(el).color);
    const [r, g, b] = colour.match(/\d+/g)!.map(Number) as [number, number, number];
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(80);
    expect(b).toBeLessThan(80);

    // The 認証待ち filter keeps only those rows.
    await page.getByLabel('認証待ちのみ').check();
    await page.waitForFunction((email) => !document.body.textContent?.includes(email), admin.email);
    expect(await page.getByRole('row').filter({ hasText: '認証 待子' }).count()).toBe(1);

    await row.getByRole('button', { name: '認証メールを再送信' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expectNoSeriousAxe(page);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page.getByText('認証メールを送信しました。').waitFor();
    expect(await mailCount(server, email)).toBe(before + 1);
    await expectNoSeriousAxe(page);
    await page.context().close();
  });

  it('searches by name or e-mail and switches スタッフの状態 to ログイン停止 after a confirmation', async () => {
    const email = address('switch.me');
    const staff = await addVerifiedStaff(server, api, {
      name: '切替 三郎',
      email,
      password: 'switch-password-1',
      offices: [{ officeId: headOfficeId }],
    });
    const person = new ApiCaller(server.url);
    await person.login(email, 'switch-password-1');

    const page = await newPage();
    await loginAsAdmin(page);
    await page.waitForURL(/\/admin\/dashboard$/);
    await page.goto(`${server.url}/admin/staff-management`);
    await page.getByLabel('検索').fill(email);
    await page.waitForFunction((email) => !document.body.textContent?.includes(email), admin.email);
    const row = page.getByRole('row').filter({ hasText: '切替 三郎' });
    await row.waitFor();
    await page.getByLabel('検索').fill('切替');
    await row.waitFor();

    await row.getByLabel('スタッフの状態').selectOption({ label: 'ログイン停止' });
    await page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await page.getByText('切替 三郎さんのスタッフの状態を変更しました。').waitFor();
    expect(await row.getByLabel('スタッフの状態').inputValue()).toBe('stopped');
    // ログイン停止 ends that person's session at once.
    expect((await person.get('/me')).status).toBe(401);
    const stored = await api.ok('GET', `/staff/${staff.id}`);
    expect(stored.loginStatus).toBe('stopped');
    await page.context().close();
  });
});

describe('パスワード再発行', () => {
  it('mails a single-use link from the login page and sets a new password with it', async () => {
    const email = address('forgetful');
    await addVerifiedStaff(server, api, {
      name: '忘れ 四郎',
      email,
      password: 'old-password-1',
      offices: [{ officeId: headOfficeId }],
    });
    const page = await newPage();
    await page.goto(`${server.url}/admin/login`);
    await page.getByRole('link', { name: 'パスワードを忘れた方' }).click();
    await page.waitForURL(/\/admin\/password-reset$/);
    await expectNoSeriousAxe(page);
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByRole('button', { name: '送信' }).click();
    const answer = page.getByRole('alert');
    await answer.waitFor();
    const registeredText = (await answer.textContent())?.trim();
    expect(registeredText).toContain('パスワード再発行');

    // An unknown address reads exactly the same.
    const other = await newPage();
    await other.goto(`${server.url}/admin/password-reset`);
    await other.getByLabel('メールアドレス').fill(address('unknown-person'));
    await other.getByRole('button', { name: '送信' }).click();
    await other.getByRole('alert').waitFor();
    expect((await other.getByRole('alert').textContent())?.trim()).toBe(registeredText);
    await other.context().close();

    const { link } = await mailLink(server, email, '/admin/password-reset/');
    await page.goto(link);
    await page.getByLabel('新しいパスワード', { exact: true }).fill('new-password-22');
    await page.getByLabel('新しいパスワード（確認）').fill('new-password-22');
    await expectNoSeriousAxe(page);
    await page.getByRole('button', { name: 'パスワードを変更' }).click();
    await page.getByText('パスワードを変更しました。').waitFor();

    await loginAsAdmin(page, email, 'new-password-22');
    await page.waitForURL(/\/admin\/(my-page|dashboard)$/);

    // The link works once; a second visit says so and offers a new request.
    await page.goto(link);
    await page.getByText('このリンクはすでに使用されています。').waitFor();
    expect(await page.getByRole('link', { name: 'パスワード再発行をやり直す' }).count()).toBe(1);
    await expectNoSeriousAxe(page);

    await page.goto(`${server.url}/admin/password-reset/not-a-real-token-at-all-0000`);
    await page.getByText('このリンクは無効です。').waitFor();
    await page.context().close();
  });
});

describe('認証メール and 従業員', () => {
  it('adds a staff member with an e-mail from 従業員; the 認証メール sets a password and lands in the 管理画面', async () => {
    const email = address('newcomer');
    const page = await newPage();
    await loginAsAdmin(page);
    await page.waitForURL(/\/admin\/dashboard$/);
    await page.getByRole('navigation').getByRole('link', { name: '従業員' }).click();
    await page.waitForURL(/\/admin\/staff$/);
    await page.getByRole('heading', { level: 1, name: '従業員' }).waitFor();
    await expectNoSeriousAxe(page);
    await page.getByRole('link', { name: '従業員を追加' }).click();
    await page.waitForURL(/\/admin\/staff\/new$/);

    // Every field is checked, with the message next to it.
    await page.getByLabel('フリガナ').fill('abc');
    await page.getByLabel('パスコード', { exact: true }).fill('12');
    await page.getByLabel('週所定労働時間').fill('二十');
    await page.getByRole('button', { name: '登録' }).click();
    await page.getByText('名前を入力してください。').waitFor();
    expect(
      await page.getByText('週所定労働時間は0〜168の時間数で入力してください（例: 40、29.5）。').count(),
    ).toBe(1);
    expect(await page.getByText('フリガナは全角カタカナで入力してください。').count()).toBe(1);
    expect(await page.getByText('パスコードは4桁の数字で入力してください。').count()).toBe(1);
    await expectNoSeriousAxe(page);

    await page.getByLabel('名前', { exact: true }).fill('新人 五郎');
    await page.getByLabel('フリガナ').fill('シンジン ゴロウ');
    await page.getByLabel('スタッフコード').fill('2001');
    await page.getByLabel('メールアドレス').fill(email);
    await page.getByLabel('雇用区分').selectOption({ label: 'パート・アルバイト' });
    await page.getByLabel('入社日').fill('2026-04-01');
    // 比例付与 (issue 17): a part-timer's 週所定労働日数 and 週所定労働時間, and the 付与方式.
    await page.getByLabel('週所定労働日数').selectOption({ label: '週3日' });
    await page.getByLabel('週所定労働時間').fill('22.5');
    expect(await page.getByLabel('有給の付与方式').inputValue()).toBe('statutory');
    await page.getByLabel('パスコード', { exact: true }).fill('1234');
    await page.getByRole('checkbox', { name: '本店' }).check();
    await page.getByRole('button', { name: '登録' }).click();
    await page.waitForURL(/\/admin\/staff$/);
    await page.getByText(`新人 五郎さんを登録し、${email} に認証メールを送信しました。`).waitFor();
    const saved = ((await api.ok('GET', '/staff?limit=200')).items as { name: string }[]).find(
      (s) => s.name === '新人 五郎',
    );
    expect(saved).toMatchObject({ weeklyDays: 3, weeklyHours: 22.5, leaveGrantMode: 'statutory' });

    const { link } = await mailLink(server, email, '/admin/verify/');
    const person = await newPage();
    await person.goto(link);
    await person.getByText(email).waitFor();
    await expectNoSeriousAxe(person);
    await person.getByLabel('パスワード', { exact: true }).fill('newcomer-pass-1');
    await person.getByLabel('パスワード（確認）').fill('newcomer-pass-1');
    await person.getByLabel('アカウントID').fill('goro2001');
    await person.getByRole('button', { name: '認証する' }).click();
    // A member without rights sees only their own pages.
    await person.waitForURL(/\/admin\/my-page$/);
    await person.getByRole('heading', { level: 1, name: 'マイページ' }).waitFor();
    expect(await person.getByRole('navigation').getByRole('link', { name: '従業員' }).count()).toBe(0);
    await expectNoSeriousAxe(person);

    // The link works once: a second visit says so and what to do next.
    await person.goto(link);
    await person.getByText('この認証リンクはすでに使用されています。').waitFor();
    expect(await person.getByText('管理者に認証メールの再送信を依頼してください。').count()).toBe(1);
    await expectNoSeriousAxe(person);
    await person.context().close();

    // The アカウントID works as a login too.
    const byId = new ApiCaller(server.url);
    await byId.login('goro2001', 'newcomer-pass-1');

    // 退職: no delete, 退職日 and 利用しない after a confirmation that says the records stay.
    await page.goto(`${server.url}/admin/staff`);
    await page.getByRole('link', { name: '新人 五郎' }).click();
    await page.getByRole('heading', { level: 1, name: '従業員の編集' }).waitFor();
    expect(await page.getByLabel('名前', { exact: true }).inputValue()).toBe('新人 五郎');
    expect(await page.getByRole('button', { name: /削除/ }).count()).toBe(0);
    await page.getByLabel('退職日').fill('2026-09-30');
    await page.getByRole('button', { name: '退職処理' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('5年間');
    await dialog.getByRole('button', { name: 'OK' }).click();
    await page.getByText('新人 五郎さんの退職処理を行いました。').waitFor();
    expect(await page.getByLabel('利用設定').inputValue()).toBe('inactive');
    await page.context().close();
  });

  it("edits a staff member's per-office rights and keeps the others unchanged", async () => {
    const page = await newPage();
    await loginAsAdmin(page);
    await page.waitForURL(/\/admin\/dashboard$/);
    await api.ok('POST', '/staff', {
      name: '山田 花子',
      kana: 'ヤマダ ハナコ',
      offices: [{ officeId: headOfficeId }],
    });
    const yokohama = await api.ok('POST', '/offices', { name: '横浜店' });
    await page.goto(`${server.url}/admin/staff`);
    await page.getByLabel('検索').fill('山田');
    await page.getByRole('link', { name: '山田 花子' }).click();
    await page.getByRole('heading', { level: 1, name: '従業員の編集' }).waitFor();
    const office = await api.ok('GET', `/offices/${headOfficeId}`);
    expect(await page.getByRole('checkbox', { name: office.name, exact: true }).isChecked()).toBe(true);
    await page.getByLabel(`${office.name} 事業所管理`).selectOption({ label: '編集' });
    await page.getByLabel(`${office.name} 従業員管理`).selectOption({ label: '閲覧' });
    // A right in an office the person is not in yet makes them a member of it.
    await page.getByLabel(`${yokohama.name} シフト予定`).selectOption({ label: '閲覧' });
    expect(await page.getByRole('checkbox', { name: yokohama.name, exact: true }).isChecked()).toBe(true);
    await page.getByLabel('雇用区分').selectOption({ label: '契約社員' });
    await expectNoSeriousAxe(page);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('保存しました。').waitFor();
    const list = await api.ok('GET', `/staff?q=${encodeURIComponent('山田 花子')}`);
    expect(list.items[0]).toMatchObject({
      name: '山田 花子',
      employmentType: 'contract',
      offices: [
        { officeId: headOfficeId, officeManage: 'edit', staffManage: 'view', shiftPlan: 'none' },
        { officeId: yokohama.id, shiftPlan: 'view', officeManage: 'none' },
      ],
    });

    // English is one switch away, in the header.
    await page.getByText('English').click();
    await page.getByRole('heading', { level: 1, name: 'Edit a staff member' }).waitFor();
    expect(await page.getByRole('button', { name: 'Menu' }).count()).toBe(1);
    await expectNoSeriousAxe(page);
    await page.getByText('日本語').click();
    await page.context().close();
  });

  it('adds and edits an 事業所 with every field', async () => {
    const page = await newPage();
    await loginAsAdmin(page);
    await page.waitForURL(/\/admin\/dashboard$/);
    await page.getByRole('navigation').getByRole('link', { name: '事業所' }).click();
    await page.waitForURL(/\/admin\/offices$/);
    await expectNoSeriousAxe(page);
    await page.getByRole('link', { name: '事業所を追加' }).click();
    await page.getByRole('button', { name: '登録' }).click();
    await page.getByText('事業所名を入力してください。').waitFor();
    await page.getByLabel('事業所名').fill('池袋店');
    await page.getByLabel('略称').fill('池袋');
    await page.getByLabel('フリガナ').fill('イケブクロテン');
    await page.getByLabel('住所').fill('東京都豊島区南池袋1-1-1');
    await page.getByLabel('従業員パスコード設定').selectOption({ label: '使用する' });
    await expectNoSeriousAxe(page);
    await page.getByRole('button', { name: '登録' }).click();
    await page.waitForURL(/\/admin\/offices$/);
    const row = page.getByRole('row').filter({ hasText: '池袋店' });
    await row.waitFor();
    expect(await row.textContent()).toContain('使用する');

    await row.getByRole('link', { name: '池袋店' }).click();
    await page.getByRole('heading', { level: 1, name: '事業所の編集' }).waitFor();
    await page.getByLabel('住所').fill('東京都豊島区南池袋2-2-2');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('保存しました。').waitFor();
    const offices = await api.ok('GET', '/offices');
    expect(offices.items.find((o: { name: string }) => o.name === '池袋店')).toMatchObject({
      shortName: '池袋',
      kana: 'イケブクロテン',
      address: '東京都豊島区南池袋2-2-2',
      passcodeRequired: true,
    });
    await page.context().close();
  });
});

describe('新規登録', () => {
  it('suggests and checks a 契約ID, sends the 認証メール, and the link opens the new contract', async () => {
    const ownerEmail = address('owner');
    const page = await newPage();
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('会社名').fill(`Acme ${run}`);
    expect(await page.getByLabel('契約ID').inputValue()).toBe(`acme-${run}`);
    await page.getByText('この契約IDは使用できます。').waitFor();
    await page.getByLabel('契約ID').fill(contract.contractId);
    await page.getByText('この契約IDはすでに使われています。').waitFor();
    await page.getByLabel('契約ID').fill(`acme-${run}`);
    await page.getByText('この契約IDは使用できます。').waitFor();
    await page.getByLabel('管理者名').fill('阿久目 太郎');
    await page.getByLabel('メールアドレス').fill(ownerEmail);
    await expectNoSeriousAxe(page);
    await page.getByRole('button', { name: '登録' }).click();
    await page.getByText(`${ownerEmail} に認証メールを送信しました。`).waitFor();
    await expectNoSeriousAxe(page);

    const { link } = await mailLink(server, ownerEmail, '/admin/verify/');
    await page.goto(link);
    await page.getByLabel('パスワード', { exact: true }).fill('acme-password-1');
    await page.getByLabel('パスワード（確認）').fill('acme-password-1');
    await page.getByRole('button', { name: '認証する' }).click();
    await page.waitForURL(/\/admin\/dashboard$/);
    expect(await page.locator('header').textContent()).toContain(`Acme ${run}`);
    await page.getByRole('button', { name: 'メニュー' }).click();
    await page.getByRole('menuitem', { name: '契約情報' }).click();
    await page.getByText(`acme-${run}`, { exact: true }).waitFor();
    await page.context().close();
  });
});
