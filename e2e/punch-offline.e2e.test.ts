import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ApiCaller, signUpContract, type TestContract } from './support/accounts.ts';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { eventually, punchesOf, stateOf } from './support/punch.ts';
import { type StartedServer, startServer } from './support/server.ts';

// The タイムカード・アプリ as an installable PWA and its offline punch queue (issue 5, product.md §8):
// with the network cut, punches wait in IndexedDB (shown as pending) and are sent when it returns —
// each exactly once, in order, at the time of the tap. Checked against the server's records.
let server: StartedServer;
let browser: Browser;
let contract: TestContract;
let api: ApiCaller;
const people: Record<'hanako' | 'taro' | 'ken', { id: number; name: string }> = {} as never;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  contract = await signUpContract(server, 'offline');
  api = contract.api;
  const add = async (name: string, kana: string) => {
    const staff = await api.ok('POST', '/staff', {
      name,
      kana,
      offices: [{ officeId: contract.headOfficeId }],
    });
    return { id: staff.id as number, name };
  };
  people.hanako = await add('圏外 花子', 'ケンガイ ハナコ');
  people.taro = await add('圏外 太郎', 'ケンガイ タロウ');
  people.ken = await add('応答 健', 'オウトウ ケン');
});

// Each test closes its pages: live terminals tick and poll, and a loaded machine feels every one.
afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newContext(options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: 'ja-JP',
    viewport: { width: 1280, height: 800 },
    serviceWorkers: options.serviceWorkers ?? 'allow',
  });
  contexts.push(context);
  return context.newPage();
}

/** The app: login as the administrator, choose 本店: the tablet becomes its terminal. */
async function openAppTerminal(page: Page) {
  await page.goto(`${server.url}/app`);
  await page.getByLabel('ユーザーID').fill(contract.email);
  await page.getByLabel('パスワード', { exact: true }).fill(contract.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('heading', { level: 1, name: '事業所を選択' }).waitFor();
  await page.getByRole('button', { name: contract.headOfficeName }).click();
  await page.waitForURL(/\/app\/terminal$/);
  await page.getByRole('heading', { level: 1, name: contract.headOfficeName }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'お名前を選んでください' }).waitFor();
}

const action = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const personButton = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(name) });

async function punch(page: Page, name: string, type: string, done: string) {
  await personButton(page, name).click();
  await action(page, type).click();
  await action(page, 'OK').click();
  const result = page.getByRole('status').filter({ hasText: done });
  await result.waitFor();
  const text = (await result.textContent()) ?? '';
  await action(page, '戻る').click();
  await page.getByRole('heading', { level: 2, name: 'お名前を選んでください' }).waitFor();
  return text;
}

describe('タイムカード・アプリ as the terminal', () => {
  it('shows the terminal of the chosen office after login, with 設定 and no axe violation', async () => {
    const page = await newContext();
    await openAppTerminal(page);
    expect(await personButton(page, people.hanako.name).textContent()).toContain('未出勤');
    expect(await page.getByRole('button', { name: '設定' }).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '設定' }).click();
    await page.waitForURL(/\/app\/settings$/);
  });

  it('is installable: a valid manifest with PNG icons and a service worker that controls the page', async () => {
    const page = await newContext();
    await openAppTerminal(page);
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    const session = await page.context().newCDPSession(page);
    const manifest = (await session.send('Page.getAppManifest')) as {
      errors: { message: string; critical: number }[];
      url: string;
    };
    expect(manifest.url).toBe(`${server.url}/manifest.webmanifest`);
    expect(manifest.errors).toEqual([]);
    const installability = (await session.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    // Playwright's contexts are incognito profiles, where Chromium never offers installation; any
    // other reason would be ours (manifest, icons, service worker, start_url).
    expect(installability.installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
    const icon = await page.evaluate(async () => {
      const response = await fetch('/icon-512.png');
      return { status: response.status, type: response.headers.get('content-type') };
    });
    expect(icon).toEqual({ status: 200, type: 'image/png' });
  });
});

describe('offline punching', () => {
  it('queues punches without network, shows them as pending, and sends each exactly once, in order, at the tap time', async () => {
    const page = await newContext();
    await openAppTerminal(page);
    // The service worker has cached the shell before the network goes.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await eventually(
      () => page.evaluate(() => navigator.serviceWorker.controller !== null),
      'the service worker to control the page',
    );
    const context = page.context();
    await context.setOffline(true);
    await page.getByText('オフラインです。').waitFor();

    const tappedAt = Date.now();
    const first = await punch(page, people.hanako.name, '出勤', '出勤しました');
    expect(first).toContain('この打刻は未送信です。');
    const shown = first.match(/(\d{2}:\d{2})/)?.[1];
    // Still offline: the person is on shift on this screen, with 休憩 offered (the queued state).
    await punch(page, people.hanako.name, '休憩', '休憩を開始しました');
    await punch(page, people.taro.name, '出勤', '出勤しました');
    await page.getByText('未送信の打刻 3 件').waitFor();
    expect(await personButton(page, people.hanako.name).textContent()).toMatch(/休憩中.*送信待ち/);
    expect(await personButton(page, people.taro.name).textContent()).toMatch(/勤務中.*送信待ち/);
    // Nothing has reached the server.
    expect(await punchesOf(api, people.hanako.id)).toEqual([]);

    // A reload without network: the shell comes from the service worker, the queue from IndexedDB.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: contract.headOfficeName }).waitFor();
    await page.getByText('未送信の打刻 3 件').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Long enough offline for the server to mark the punches as late arrivals (> 30 s).
    const wait = tappedAt + 32_000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await context.setOffline(false);
    await page.getByText(/未送信の打刻/).waitFor({ state: 'detached', timeout: 30_000 });

    const hanako = await punchesOf(api, people.hanako.id);
    expect(hanako.map((p) => p.type)).toEqual(['clock_in', 'break_start']);
    const taro = await punchesOf(api, people.taro.id);
    expect(taro.map((p) => p.type)).toEqual(['clock_in']);
    // Placed at the tap (the device time), not at the sending, and marked as sent late.
    expect(hanako[0]!.flags.offline).toBe(true);
    const recorded = hanako[0]!.at.slice(11, 16);
    expect([shown, minuteAfter(shown!)]).toContain(recorded);
    expect(await stateOf(api, people.hanako.id)).toBe('on_break');
    expect(await stateOf(api, people.taro.id)).toBe('working');
    expect(await personButton(page, people.hanako.name).textContent()).not.toContain('送信待ち');

    // Sending again (a second round) records nothing twice.
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await punchesOf(api, people.hanako.id)).length).toBe(2);
  });

  it('records a punch once when its answer was lost and the queue sends it again with the same key', async () => {
    // Requests are intercepted here, which needs the page without a service worker in between.
    const page = await newContext({ serviceWorkers: 'block' });
    await openAppTerminal(page);
    const keys: string[] = [];
    let lost = false;
    await page.route('**/api/v1/terminal/punches', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (!lost) {
        lost = true;
        await route.fetch(); // the server records it...
        await route.abort('connectionreset'); // ...but the tablet never hears back
        return;
      }
      await route.continue();
    });
    await personButton(page, people.ken.name).click();
    await action(page, '出勤').click();
    await action(page, 'OK').click();
    await page.getByRole('status').filter({ hasText: '出勤しました' }).waitFor();
    await eventually(async () => keys.length >= 2, 'the queue to send the punch again');
    await eventually(
      async () => (await page.getByText(/未送信の打刻/).count()) === 0,
      'the queue to be empty',
    );
    expect(new Set(keys).size).toBe(1);
    const punches = await punchesOf(api, people.ken.id);
    expect(punches.map((p) => p.type)).toEqual(['clock_in']);
  });
});

function minuteAfter(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const total = (h * 60 + m + 1) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}
