import type { Page } from 'playwright-core';
import { mailLink } from './accounts.ts';
import type { StartedServer } from './server.ts';

/**
 * Helpers for the タイムカード browser tests (issue 6): an API session that can also send a raw
 * `text/csv` body (the punch import), a contract of the test's own made through 新規登録 (so a shared
 * PostgreSQL holds every run side by side), staff with a スタッフコード, and a known week of punches.
 */

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the API answered
  body: any;
  text: string;
}

export class TimecardApi {
  private readonly cookies = new Map<string, string>();
  private csrfToken: string | undefined;

  constructor(private readonly baseUrl: string) {}

  /** A call with a JSON body, or with `raw` bytes and their content type (the CSV upload). */
  async request(
    method: string,
    path: string,
    body?: unknown,
    raw?: { contentType: string; data: string | Uint8Array },
  ): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (raw) headers['content-type'] = raw.contentType;
    else if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: raw ? (raw.data as BodyInit) : body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      const value = rest.join('=');
      if (!name) continue;
      if (!value || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    const token = (parsed as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (typeof token === 'string') this.csrfToken = token;
    return { status: response.status, headers: response.headers, body: parsed, text };
  }

  /** Answers the body of a 2xx, or throws with what the server said. */
  async ok(method: string, path: string, body?: unknown) {
    const answer = await this.request(method, path, body);
    if (answer.status < 200 || answer.status >= 300) {
      throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
    }
    return answer.body;
  }

  /** POST /punch-imports with the CSV as it is (Content-Type: text/csv, the CSRF header). */
  importPunches(csv: string | Uint8Array) {
    return this.request('POST', '/punch-imports', undefined, { contentType: 'text/csv', data: csv });
  }
}

let counter = 0;
/** A short suffix that keeps contract IDs and addresses apart between runs on one database. */
export function runSuffix(): string {
  counter += 1;
  return `${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 5)}${counter}`;
}

export interface OwnContract {
  contractId: string;
  email: string;
  password: string;
  admin: TimecardApi;
  officeId: number;
}

/** A new contract through 新規登録 and its 認証メール, the administrator logged in to the API. */
export async function signUpOwnContract(
  server: StartedServer,
  label: string,
  plan: 'standard' | 'premium' | 'premium_plus' | 'enterprise' = 'standard',
): Promise<OwnContract> {
  const suffix = runSuffix();
  const contractId = `${label}-${suffix}`;
  const email = `owner.${suffix}@${label}.example.com`;
  const password = `owner-pass-${suffix}`;
  const admin = new TimecardApi(server.url);
  await admin.ok('POST', '/signup', {
    companyName: `勤怠商店 ${suffix}`,
    contractId,
    adminName: '店主 花子',
    email,
    plan,
  });
  const { link } = await mailLink(server, email, '/admin/verify/');
  await admin.ok('POST', '/auth/verify', { token: link.split('/').pop(), password });
  const offices = (await admin.ok('GET', '/offices')).items as { id: number }[];
  return { contractId, email, password, admin, officeId: offices[0]!.id };
}

/**
 * A staff member with a スタッフコード; with `login`, also an e-mail whose 認証メール is followed so
 * the person can log in with the password.
 */
export async function addCodedStaff(
  server: StartedServer,
  contract: OwnContract,
  input: { name: string; code: string; login?: { email: string; password: string } },
): Promise<{ id: number; name: string; code: string }> {
  const staff = await contract.admin.ok('POST', '/staff', {
    name: input.name,
    code: input.code,
    offices: [{ officeId: contract.officeId }],
    ...(input.login ? { email: input.login.email } : {}),
  });
  if (input.login) {
    const { link } = await mailLink(server, input.login.email, '/admin/verify/');
    await new TimecardApi(server.url).ok('POST', '/auth/verify', {
      token: link.split('/').pop(),
      password: input.login.password,
    });
  }
  return { id: staff.id, name: staff.name, code: input.code };
}

/**
 * The week of apps/server/src/routes/timecards/timecard.db.test.ts (June 2025, default rules):
 * Mon 2nd 09:00–18:00 lunch → 8:00; Tue 3rd 09:00–20:00 → 10:00 with 法定外残業 2:00;
 * Wed 4th 09:30–18:30 → 8:00 with 遅刻 0:30; Thu 5th a clock-in only → 未打刻.
 */
export function knownWeekCsv(code: string): string {
  const rows = [
    ['clock_in', '2025-06-02T09:00'],
    ['break_start', '2025-06-02T12:00'],
    ['break_end', '2025-06-02T13:00'],
    ['clock_out', '2025-06-02T18:00'],
    ['clock_in', '2025-06-03T09:00'],
    ['break_start', '2025-06-03T12:00'],
    ['break_end', '2025-06-03T13:00'],
    ['clock_out', '2025-06-03T20:00'],
    ['clock_in', '2025-06-04T09:30'],
    ['break_start', '2025-06-04T12:00'],
    ['break_end', '2025-06-04T13:00'],
    ['clock_out', '2025-06-04T18:30'],
    ['clock_in', '2025-06-05T09:00'],
  ];
  return `staff_code,type,at\n${rows.map(([type, at]) => `${code},${type},${at}`).join('\n')}\n`;
}

/** Logs in to the 管理画面 in the page and waits for the console. */
export async function loginInBrowser(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/admin/login`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/admin/login'));
}

/** The day rows of the タイムカード table: `2025/06/02` → { 労働時間: '8:00', … } (header text as key). */
export async function readTimecardRows(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(() => {
    const table = document.querySelector('table.tc-timecard-table');
    if (!table) return {};
    const headers = [...table.querySelectorAll('thead th')].map((th) =>
      (th.textContent ?? '').replace(/[▲▼]/g, '').trim(),
    );
    const result: Record<string, Record<string, string>> = {};
    for (const row of table.querySelectorAll('tbody tr')) {
      // innerText keeps the line breaks between several times in one cell (09:00\n13:00).
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is compared
      const cells = [...row.children].map((cell) => (cell as HTMLElement).innerText.trim());
      const date = (cells[0] ?? '').slice(0, 10);
      result[date] = Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
    }
    return result;
  });
}

/** The 期間の合計 table: { 総労働時間: '26:00', 出勤日数: '3日', … }. */
export async function readTotals(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('tr[data-total]')].map((row) => [
        (row.querySelector('th')?.textContent ?? '').trim(),
        (row.querySelector('td')?.textContent ?? '').trim(),
      ]),
    ),
  );
}

/** The rows of the 集計・出力 table by スタッフコード: { W-1: { 総労働時間: '26:00', … } }. */
export async function readReportRows(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(() => {
    const table = [...document.querySelectorAll('table')].find((t) =>
      (t.querySelector('thead')?.textContent ?? '').includes('スタッフコード'),
    );
    if (!table) return {};
    const headers = [...table.querySelectorAll('thead th')].map((th) =>
      (th.textContent ?? '').replace(/[▲▼]/g, '').trim(),
    );
    const result: Record<string, Record<string, string>> = {};
    for (const row of table.querySelectorAll('tbody tr')) {
      // innerText keeps the line breaks between several times in one cell (09:00\n13:00).
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is compared
      const cells = [...row.children].map((cell) => (cell as HTMLElement).innerText.trim());
      result[cells[0] || cells[1] || ''] = Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
    }
    return result;
  });
}
