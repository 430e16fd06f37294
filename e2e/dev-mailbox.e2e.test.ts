import { networkInterfaces } from 'node:os';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCaller, mailLink, uniqueSuffix } from './support/accounts.ts';
import { launchBrowser } from './support/browser.ts';
import { type StartedServer, startServer } from './support/server.ts';

// Issue 12 §3 against the started product, as `npm start` runs it (HOST 0.0.0.0, no SMTP_URL): the
// dev mailbox shows mails to a browser on this machine, to nobody reaching it over the network, the
// start-up log says where it is, and no reset token reaches the log.
let server: StartedServer;
let browser: Browser;

/** An address of this machine that is not loopback (reaching the server "over the network"). */
function networkAddress(): string | undefined {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  }
  return undefined;
}

beforeAll(async () => {
  server = await startServer({ HOST: '0.0.0.0', SMTP_URL: '' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the dev mailbox of npm start', () => {
  it('says where it is in the start-up log', () => {
    expect(server.logs()).toContain(
      `dev mailbox (no SMTP_URL; only from a browser on this machine): http://localhost:${server.port}/dev/mailbox`,
    );
  });

  it('shows a new contract’s 認証メール to a browser on this machine', async () => {
    const suffix = uniqueSuffix();
    const email = `owner.${suffix}@mailbox.example.com`;
    await new ApiCaller(server.url).ok('POST', '/signup', {
      companyName: `メール商店 ${suffix}`,
      contractId: `mbx-${suffix}`,
      adminName: '店主 一郎',
      email,
    });
    await mailLink(server, email, '/admin/verify/');
    const page = await browser.newPage();
    await page.goto(`http://localhost:${server.port}/dev/mailbox?to=${encodeURIComponent(email)}`);
    await page.getByRole('heading', { level: 1, name: '開発用メールボックス' }).waitFor();
    expect(await page.getByText(email).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: /\/admin\/verify\// }).count()).toBe(1);
    await page.close();
  });

  it('answers 404 to the same machine reached by its network address, as to any other computer', async (context) => {
    const address = networkAddress();
    if (!address) context.skip('this machine has no network address besides loopback');
    for (const path of ['/api/v1/dev/mailbox', '/dev/mailbox']) {
      const response = await fetch(`http://${address}:${server.port}${path}`);
      expect(response.status, path).toBe(404);
    }
    // The rest of the product answers there as usual.
    expect((await fetch(`http://${address}:${server.port}/healthz`)).status).toBe(200);
  });

  it('never writes a reset link or its token to the log', async () => {
    const suffix = uniqueSuffix();
    const email = `reset.${suffix}@mailbox.example.com`;
    const api = new ApiCaller(server.url);
    await api.ok('POST', '/signup', {
      companyName: `再発行 ${suffix}`,
      contractId: `rst-${suffix}`,
      adminName: '店主',
      email,
    });
    await api.ok('POST', '/auth/password-reset', { email });
    const { link } = await mailLink(server, email, '/admin/password-reset/');
    const token = link.split('/').pop()!;
    // Opening the link: the page, and the API call it makes.
    expect((await fetch(link)).status).toBe(200);
    expect((await fetch(`${server.url}/api/v1/auth/tokens/${token}`)).status).toBe(200);
    const logs = server.logs();
    expect(logs).toContain('/admin/password-reset/[redacted]');
    expect(logs).toContain('/api/v1/auth/tokens/[redacted]');
    expect(logs).toContain('mail kept for the dev mailbox');
    expect(logs).not.toContain(token);
  });
});
