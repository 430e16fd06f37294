import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { type StartedServer, startServer } from './support/server.ts';

let server: StartedServer;
let browser: Browser;
beforeAll(async () => {
  // The data directory is kept on stop, to check the shutdown released it; removed in afterAll.
  server = await startServer({}, { keepData: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (server?.dataDir) rmSync(server.dataDir, { recursive: true, force: true });
});

describe('the started product', () => {
  it('serves the 管理画面 login at /admin in Japanese, with an English switch', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/admin`);
    await page.getByLabel('メールアドレス').waitFor();
    expect(await page.getByLabel('パスワード', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'ログイン' }).count()).toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.getByText('English').click();
    await page.getByLabel('E-mail address').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'Log in' }).count()).toBe(1);
    await page.close();
  });

  it('serves the three surfaces as client routes and keeps the API answering JSON', async () => {
    for (const path of ['/app', '/clock/demo/1']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
    }
    const api = await fetch(`${server.url}/api/v1/none`);
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('shuts down gracefully on SIGTERM: exit code 0 and the data directory released', async () => {
    const inFlight = fetch(`${server.url}/healthz`);
    const code = await server.stop('SIGTERM');
    expect((await inFlight).status).toBe(200);
    expect(code).toBe(0);
    if (server.dataDir) expect(existsSync(join(server.dataDir, 'timecard.pid'))).toBe(false);
  });
});
