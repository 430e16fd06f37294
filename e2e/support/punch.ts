import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { ApiCaller } from './accounts.ts';
import type { StartedServer } from './server.ts';

/**
 * Helpers for the punching browser tests (issue 5): a terminal token as a shop's device gets it, a
 * punch made through it, and what the API then says was recorded (the timecard's raw punches and
 * 今日の出勤状況), so a test checks the server's records, not only the screen.
 */

export type PunchType = 'clock_in' | 'clock_out' | 'break_start' | 'break_end';

/** Opens a Web出退勤画面 with the PIN through the API and answers the device token. */
export async function terminalToken(
  server: StartedServer,
  contractId: string,
  officeId: number,
  pin: string,
): Promise<string> {
  const response = await fetch(`${server.url}/api/v1/clock/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ contractId, officeId, pin }),
  });
  if (response.status !== 200) throw new Error(`clock/auth: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tc_terminal='));
  if (!cookie) throw new Error('clock/auth set no tc_terminal cookie');
  return cookie.split(';')[0]!.split('=')[1]!;
}

/** A punch from another terminal (Authorization: Bearer), as a second device of the shop would. */
export async function punchWithToken(server: StartedServer, token: string, staffId: number, type: PunchType) {
  const response = await fetch(`${server.url}/api/v1/terminal/punches`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'idempotency-key': randomUUID(),
    },
    body: JSON.stringify({ staffId, type }),
  });
  if (response.status !== 201) throw new Error(`punch: ${response.status} ${await response.text()}`);
  return response.json();
}

export interface RecordedPunch {
  id: number;
  type: PunchType;
  at: string;
  source: string;
  flags: Record<string, unknown>;
}

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The person's raw punches around today's work date, oldest first (GET /timecards/:id). */
export async function punchesOf(api: ApiCaller, staffId: number): Promise<RecordedPunch[]> {
  const today = await api.ok('GET', '/attendance/today');
  const workDate = today.workDate as string;
  const timecard = await api.ok(
    'GET',
    `/timecards/${staffId}?from=${shiftDate(workDate, -1)}&to=${shiftDate(workDate, 1)}`,
  );
  return (timecard.days as { punches: RecordedPunch[] }[]).flatMap((day) => day.punches);
}

/** The person's state in 今日の出勤状況 (GET /attendance/today). */
export async function stateOf(api: ApiCaller, staffId: number): Promise<string | undefined> {
  const today = await api.ok('GET', '/attendance/today');
  for (const office of today.offices as { staff: { id: number; state: string }[] }[]) {
    const person = office.staff.find((p) => p.id === staffId);
    if (person) return person.state;
  }
  return undefined;
}

/** Logs in to the 管理画面 with the Japanese UI and waits for the first page after it. */
export async function adminLogin(page: Page, server: StartedServer, email: string, password: string) {
  await page.goto(`${server.url}/admin/login`);
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel('パスワード', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL(/\/admin\/(dashboard|my-page)$/);
}

/** Waits until `check` answers true (polling), or fails with `what`. */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
