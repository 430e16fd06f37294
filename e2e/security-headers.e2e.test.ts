import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpContract, type TestContract } from './support/accounts.ts';
import { launchBrowser } from './support/browser.ts';
import { adminLogin } from './support/punch.ts';
import { type StartedServer, startServer } from './support/server.ts';

// Issue 12 §8 in Chromium: the 管理画面, the タイムカード・アプリ and the Web出退勤画面 work under the
// Content-Security-Policy (no inline script; Mantine's <style> elements allowed), with no violation
// reported, and no other site can frame the Web出退勤画面.
let server: StartedServer;
let browser: Browser;
let context: BrowserContext;
let contract: TestContract;

/** Everything the page reports against its CSP: violation events and console messages. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
  // Registered before any page script runs (an init script is not subject to the page's CSP).
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      // biome-ignore lint/suspicious/noExplicitAny: the function exposed above
      (window as any).__reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return violations;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  contract = await signUpContract(server, 'csp');
  context = await browser.newContext();
});
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

describe('the Content-Security-Policy in Chromium', () => {
  it('renders the 管理画面 (login, dashboard, staff, settings, reports) without a violation', async () => {
    const page = await context.newPage();
    const violations = await watchViolations(page);
    const response = await page.goto(`${server.url}/admin/login`);
    expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await adminLogin(page, server, contract.email, contract.password);
    for (const path of ['/admin/dashboard', '/admin/staff', '/admin/settings/basic', '/admin/reports']) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
    }
    // Mantine's styles are applied: the page is not unstyled.
    const font = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
    expect(font).not.toBe('');
    expect(violations).toEqual([]);
    await page.close();
  });

  it('renders the タイムカード・アプリ and the Web出退勤画面 through to the terminal screen without a violation', async () => {
    const page = await context.newPage();
    const violations = await watchViolations(page);
    await page.goto(`${server.url}/app`);
    await page.getByRole('button').first().waitFor();
    await page.goto(`${server.url}/clock/${contract.contractId}/${contract.headOfficeId}`);
    await page.getByLabel('出退勤画面用PINコード').fill('0000');
    await page.getByRole('button', { name: '認証' }).click();
    await page.getByRole('heading', { level: 2, name: 'お名前を選んでください' }).waitFor();
    expect(violations).toEqual([]);
    await page.close();
  });

  it('refuses to let another site frame the Web出退勤画面 (frame-ancestors none)', async () => {
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/frame-ancestors/.test(message.text())) refused.push(message.text());
    });
    const clock = `${server.url}/clock/${contract.contractId}/${contract.headOfficeId}`;
    await page.setContent(`<iframe src="${clock}" title="framed"></iframe>`);
    await expect.poll(() => refused.length, { timeout: 15_000 }).toBeGreaterThan(0);
    // Nothing of the clock rendered inside the frame.
    const frame = page.frames().find((f) => f.url().includes('/clock/'));
    const pinFields = frame
      ? await frame
          .getByLabel('出退勤画面用PINコード')
          .count()
          .catch(() => 0)
      : 0;
    expect(pinFields).toBe(0);
    await page.close();
  });
});
