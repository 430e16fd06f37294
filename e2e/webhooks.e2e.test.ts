import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seriousAxeViolations } from './support/browser.ts';
import { eventually, punchWithToken, terminalToken } from './support/punch.ts';
import { type StartedServer, startServer } from './support/server.ts';
import { addCodedStaff, loginInBrowser, type OwnContract, signUpOwnContract } from './support/timecard.ts';

// Issue 14 in Chromium: an administrator adds a webhook at 設定 > API連携, sees its signing secret
// once, and after a punch the delivery shows in its log with the receiver's status code — sent by
// the server's own delivery worker to a local receiver (allowed with WEBHOOK_ALLOW_HOSTS).
let server: StartedServer;
let browser: Browser;
let page: Page;
let contract: OwnContract;
let receiver: Server;
let receiverUrl: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/timecard`;
  server = await startServer({ LOG_LEVEL: 'warn', WEBHOOK_ALLOW_HOSTS: '127.0.0.1' });
  browser = await launchBrowser();
  contract = await signUpOwnContract(server, 'hook', 'enterprise');
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
  await loginInBrowser(page, server.url, contract.email, contract.password);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  receiver?.closeAllConnections();
  await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
});

describe('webhooks at 設定 > API連携', () => {
  it('adds an endpoint, shows its secret once, and logs the delivery of a punch with its status code', async () => {
    await page.goto(`${server.url}/admin/settings/api`);
    await page.getByRole('heading', { level: 2, name: 'Webhook' }).waitFor();
    await page.getByLabel('URL').fill(receiverUrl);
    await page.getByRole('checkbox', { name: /打刻の登録/ }).check();
    await page.getByRole('button', { name: '追加', exact: true }).click();
    const secret = page.getByText(/^whsec_/);
    await secret.waitFor();
    const list = page.getByRole('table', { name: 'Webhook' });
    await list.getByRole('cell', { name: receiverUrl }).waitFor();
    await list.getByText('有効').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);

    const staff = await addCodedStaff(server, contract, { name: '通知 一郎', code: 'H-1' });
    const token = await terminalToken(server, contract.contractId, contract.officeId, '0000');
    const punch = await punchWithToken(server, token, staff.id, 'clock_in');
    await eventually(async () => received.length > 0, 'the receiver got the webhook');
    const event = JSON.parse(received[0]!.body);
    expect(event).toMatchObject({
      type: 'punch.created',
      data: { punch: { id: punch.punch.id, staffId: staff.id } },
    });
    expect(received[0]!.headers['timecard-event-id']).toBe(event.id);
    expect(String(received[0]!.headers['timecard-signature'])).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

    await list.getByRole('button', { name: '配信ログ' }).click();
    const log = page.getByRole('table', { name: '配信ログ' });
    const row = log.getByRole('row', { name: new RegExp(event.id) });
    await row.waitFor();
    await row.getByRole('cell', { name: '送信済み' }).waitFor();
    await row.getByRole('cell', { name: '204', exact: true }).waitFor();
    await row.getByRole('button', { name: '再送' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The secret is not shown again once the page is left.
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Webhook' }).waitFor();
    expect(await page.getByText(/^whsec_/).count()).toBe(0);
  });
});
