import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { eventually } from './support/punch.ts';
import { type StartedServer, startServer } from './support/server.ts';
import {
  addCodedStaff,
  loginInBrowser,
  type OwnContract,
  runSuffix,
  signUpOwnContract,
} from './support/timecard.ts';

// Punch evidence (issue 20): a photo taken with the punch on the terminal screens (Chromium's fake
// camera), the position on the personal clock against the office's 打刻可能範囲 (geolocation
// overrides), the offline queue carrying the photo, and the plan guard. Checked against the API.
let server: StartedServer;
let browser: Browser;
let contract: OwnContract;
const contexts: BrowserContext[] = [];
const SHOP = { latitude: 35.681236, longitude: 139.767125 };
/** `metres` north of the shop. */
const north = (metres: number) => ({ latitude: SHOP.latitude + metres / 111_195, longitude: SHOP.longitude });
const people: Record<'web' | 'offline' | 'phone', { id: number; name: string }> = {} as never;
const phoneLogin = { email: '', password: '' };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
  contract = await signUpOwnContract(server, 'evidence', 'premium');
  await contract.admin.ok('PATCH', `/offices/${contract.officeId}`, {
    punchEvidence: {
      photo: { web_clock: { clock_in: 'required' }, app: { clock_in: 'required' } },
      location: 'required',
      geofence: { lat: SHOP.latitude, lng: SHOP.longitude, radiusM: 100, outside: 'refuse' },
    },
  });
  const suffix = runSuffix();
  phoneLogin.email = `phone.${suffix}@evidence.example.com`;
  phoneLogin.password = `phone-pass-${suffix}`;
  people.web = await addCodedStaff(server, contract, { name: '写真 花子', code: `W${suffix}` });
  people.offline = await addCodedStaff(server, contract, { name: '圏外 次郎', code: `O${suffix}` });
  people.phone = await addCodedStaff(server, contract, {
    name: '携帯 三郎',
    code: `P${suffix}`,
    login: phoneLogin,
  });
});

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
  const context = await browser.newContext({
    locale: 'ja-JP',
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  contexts.push(context);
  return context.newPage();
}

interface RecordedPunch {
  id: number;
  type: string;
  photoPunchId?: number;
  flags: Record<string, unknown>;
}

async function punchesOf(staffId: number): Promise<RecordedPunch[]> {
  const today = await contract.admin.ok('GET', '/attendance/today');
  const month = (today.workDate as string).slice(0, 7);
  const card = await contract.admin.ok('GET', `/timecards/${staffId}?month=${month}`);
  return (card.days as { punches: RecordedPunch[] }[]).flatMap((day) => day.punches);
}

async function openClock(page: Page) {
  await page.goto(`${server.url}/clock/${contract.contractId}/${contract.officeId}`);
  await page.getByLabel('出退勤画面用PINコード').fill('0000');
  await page.getByRole('button', { name: '認証' }).click();
  await page.getByRole('heading', { level: 2, name: 'お名前を選んでください' }).waitFor();
}

const action = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const personButton = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(name) });

/** The preview shows the camera's frames (the fake device's picture). */
async function cameraRunning(page: Page) {
  await page.getByLabel('カメラのプレビュー').waitFor();
  await eventually(
    () => page.evaluate(() => (document.querySelector('video')?.videoWidth ?? 0) > 0),
    'the camera preview to show frames',
  );
}

describe('a photo with the punch on the Web出退勤画面', () => {
  it('opens the camera after the name is tapped, takes the picture on OK, and shows it on the timecard', async () => {
    const clock = await newPage();
    await openClock(clock);
    await personButton(clock, people.web.name).click();
    // The notice comes before the picture is taken, with the preview.
    await clock.getByText('この打刻では、OKを押すとカメラで写真を撮影し').waitFor();
    await cameraRunning(clock);
    expect(await seriousAxeViolations(clock)).toEqual([]);
    await action(clock, '出勤').click();
    await action(clock, 'OK').click();
    await clock.getByRole('status').filter({ hasText: '出勤しました' }).waitFor();

    const [punch] = await punchesOf(people.web.id);
    expect(punch).toMatchObject({ type: 'clock_in', photoPunchId: punch!.id });
    const photo = await fetch(`${server.url}/api/v1/punches/${punch!.id}/photo`, {
      headers: { cookie: '' },
    });
    expect(photo.status).toBe(401);

    const admin = await newPage();
    await loginInBrowser(admin, server.url, contract.email, contract.password);
    await admin.goto(`${server.url}/admin/timecards/${people.web.id}`);
    const thumb = admin.getByRole('img', { name: /^出勤 .* の写真$/ });
    await thumb.waitFor();
    await eventually(
      () =>
        thumb.evaluate(
          (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
        ),
      'the thumbnail to load',
    );
    const size = await thumb.evaluate((img) => ({
      width: (img as HTMLImageElement).naturalWidth,
      height: (img as HTMLImageElement).naturalHeight,
    }));
    // Compressed in the browser: at most 640 px.
    expect(Math.max(size.width, size.height)).toBeLessThanOrEqual(640);
    expect(await seriousAxeViolations(admin)).toEqual([]);
    await admin.getByRole('button', { name: /の写真を拡大$/ }).click();
    await admin
      .getByRole('dialog')
      .getByRole('img', { name: /^出勤 .* の写真$/ })
      .waitFor();

    // 今日の出勤状況 shows it too; the viewing is in the 操作ログ.
    await admin.goto(`${server.url}/admin/attendance/today`);
    await admin.getByRole('img', { name: new RegExp(`^${people.web.name} \\d{2}:\\d{2} の写真$`) }).waitFor();
    // The 事業所 page shows the settings the office punches with.
    await admin.goto(`${server.url}/admin/offices/${contract.officeId}`);
    await admin.getByRole('heading', { name: '打刻の写真・位置情報' }).waitFor();
    const webClock = admin.getByRole('group', { name: 'Web出退勤画面', exact: true });
    expect(await webClock.getByLabel('出勤', { exact: true }).inputValue()).toBe('required');
    expect(await admin.getByLabel('位置情報（個別Web出退勤画面）').inputValue()).toBe('required');
    expect(await admin.getByLabel('半径（m）').inputValue()).toBe('100');
    expect(await seriousAxeViolations(admin)).toEqual([]);

    const log = await contract.admin.ok('GET', '/audit-log?kind=punch');
    expect(JSON.stringify(log)).toContain('打刻写真を閲覧しました');
  });
});

describe('the personal clock (個別Web出退勤画面) and the 打刻可能範囲', () => {
  it('says the position is recorded, refuses a punch outside with the distance, and accepts one inside', async () => {
    const phone = await newPage({
      permissions: ['geolocation'],
      geolocation: { ...north(800), accuracy: 20 },
      viewport: { width: 390, height: 844 },
    });
    await loginInBrowser(phone, server.url, phoneLogin.email, phoneLogin.password);
    await phone.goto(`${server.url}/admin/my-clock`);
    await phone.getByText('打刻時に、この端末の位置情報（緯度・経度・精度）を記録し').waitFor();
    await action(phone, '出勤').click();
    await action(phone, 'OK').click();
    await phone.getByRole('alert').filter({ hasText: '打刻可能範囲の外にいるため打刻できません' }).waitFor();
    expect(await phone.getByRole('alert').filter({ hasText: '打刻可能範囲の外' }).textContent()).toContain(
      '約800m',
    );
    expect(await punchesOf(people.phone.id)).toEqual([]);

    // Walked to the shop: the same tap, OK again.
    await phone.context().setGeolocation({ ...north(40), accuracy: 20 });
    await action(phone, 'OK').click();
    await phone.getByRole('status').filter({ hasText: '出勤しました' }).waitFor();
    const [punch] = await punchesOf(people.phone.id);
    expect(punch!.flags).toMatchObject({ geofence: { distanceM: 40, accuracyM: 20, outside: false } });
    expect(await seriousAxeViolations(phone)).toEqual([]);
  });

  it('tells the person what to do when the position is refused', async () => {
    const phone = await newPage({ viewport: { width: 390, height: 844 } });
    await loginInBrowser(phone, server.url, phoneLogin.email, phoneLogin.password);
    await phone.goto(`${server.url}/admin/my-clock`);
    // Whatever the person's state, the first punch offered asks for the position.
    await phone
      .getByRole('button', { name: /^(出勤|休憩)$/ })
      .first()
      .click();
    await action(phone, 'OK').click();
    await phone
      .getByRole('alert')
      .filter({ hasText: '位置情報の利用が許可されていないため打刻できません' })
      .waitFor();
  });
});

describe('the offline queue keeps the photo with its punch', () => {
  it('sends a punch made offline with its photo once the network returns, exactly once', async () => {
    const clock = await newPage();
    await openClock(clock);
    await clock.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await eventually(
      () => clock.evaluate(() => navigator.serviceWorker.controller !== null),
      'the service worker to control the page',
    );
    await clock.context().setOffline(true);
    await clock.getByText('オフラインです。').waitFor();
    await personButton(clock, people.offline.name).click();
    await cameraRunning(clock);
    await action(clock, '出勤').click();
    await action(clock, 'OK').click();
    await clock.getByRole('status').filter({ hasText: 'この打刻は未送信です。' }).waitFor();
    await action(clock, '戻る').click();
    await clock.getByText('未送信の打刻 1 件').waitFor();
    // Kept in IndexedDB with its photo, across a reload.
    await clock.reload();
    await clock.getByText('未送信の打刻 1 件').waitFor();
    expect(await punchesOf(people.offline.id)).toEqual([]);

    await clock.context().setOffline(false);
    await clock.getByText(/未送信の打刻/).waitFor({ state: 'detached', timeout: 30_000 });
    await clock.evaluate(() => window.dispatchEvent(new Event('online')));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const punches = await punchesOf(people.offline.id);
    expect(punches).toHaveLength(1);
    expect(punches[0]).toMatchObject({ type: 'clock_in', photoPunchId: punches[0]!.id });
  });
});

describe('the plan guard', () => {
  it('keeps photos and positions for プレミアム and up, and says so on the 事業所 page', async () => {
    const standard = await signUpOwnContract(server, 'evstd', 'standard');
    const refused = await standard.admin.request('PATCH', `/offices/${standard.officeId}`, {
      punchEvidence: { photo: { web_clock: { clock_in: 'required' } } },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'plan_required', plan: 'premium' });
    const page = await newPage();
    await loginInBrowser(page, server.url, standard.email, standard.password);
    await page.goto(`${server.url}/admin/offices/${standard.officeId}`);
    await page.getByRole('heading', { name: '打刻の写真・位置情報' }).waitFor();
    await page.getByText('この機能はプレミアムプラン以上でご利用いただけます。').waitFor();
    expect(await page.getByLabel('位置情報（個別Web出退勤画面）').count()).toBe(0);
  });
});
