import type { ParsedMail } from 'mailparser';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { type Database, withTenant } from '../db/database.ts';
import {
  enqueueMail,
  findMail,
  type OutboxMail,
  retryMailsNow,
} from '../repositories/mail-outbox.repository.ts';
import { buildContract, uniqueContractId } from '../testing/factories.ts';
import { mailTo, type SmtpTestServer, startSmtpTestServer } from '../testing/smtp-test-server.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { MAX_ATTEMPTS, type OutboxWorker, retryDelaySeconds, startOutboxWorker } from './outbox-worker.ts';

const silent = pino({ level: 'silent' });

let database: Database;
let smtp: SmtpTestServer;
const workers: OutboxWorker[] = [];
beforeAll(async () => {
  database = await openTestDatabase();
  smtp = await startSmtpTestServer();
});
afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.stop()));
  await smtp.stop();
  await database.close();
});

/**
 * Each test sends to its own domain and scopes its worker to it: on PostgreSQL the outbox is shared
 * with other test files, which may run workers of their own.
 */
function recipients() {
  const domain = `${uniqueContractId('m')}.example.com`;
  return { suffix: `@${domain}`, address: (local: string) => `${local}@${domain}` };
}

function worker(suffix: string, env: Record<string, string> = { SMTP_URL: smtp.url }, log = silent) {
  const started = startOutboxWorker({
    database,
    config: loadConfig({ LOG_LEVEL: 'silent', ...env }),
    log,
    pollMs: 0,
    scope: { recipientSuffix: suffix },
  });
  workers.push(started);
  return started;
}

function received(address: string): ParsedMail[] {
  return smtp.mails.filter((mail) => mailTo(mail).includes(address));
}

async function row(id: number): Promise<OutboxMail> {
  const mail = await findMail(database.db, id);
  if (!mail) throw new Error(`no outbox row ${id}`);
  return mail;
}

describe('the outbox worker with SMTP', () => {
  it('delivers a mail queued in a tenant transaction: To, Subject and a UTF-8 Japanese body', async () => {
    const { suffix, address } = recipients();
    const { contractId } = await buildContract(database.db);
    const to = address('yamada');
    const text =
      '山田 太郎 様\n\n以下のリンクからパスワードを設定してください。\nhttps://timecard.example.jp/verify?token=abc\n\n― タイムカード';
    const id = await withTenant(database.db, contractId, (trx) =>
      enqueueMail(trx, { contractId, to, subject: '【タイムカード】メールアドレスの認証', text }),
    );

    expect(await worker(suffix).drain()).toBe(1);

    const mail = await smtp.waitForMail((m) => mailTo(m).includes(to));
    expect(mail.subject).toBe('【タイムカード】メールアドレスの認証');
    expect(mail.text?.trimEnd()).toBe(text);
    expect(mail.from?.value).toEqual([{ name: 'Timecard', address: 'no-reply@timecard.localhost' }]);
    expect(mail.headers.get('content-type')).toMatchObject({
      value: 'text/plain',
      params: { charset: 'utf-8' },
    });
    expect(mail.messageId).toMatch(new RegExp(`^<outbox-${id}\\.\\d+@timecard\\.localhost>$`));
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    const sent = await row(id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
  });

  it('keeps a mail pending through an SMTP outage, then delivers it exactly once', async () => {
    const { suffix, address } = recipients();
    const to = address('sato');
    const id = await enqueueMail(database.db, { contractId: null, to, subject: '再送テスト', text: '本文' });
    const logs: Array<{ level: number; msg: string; mailId?: number; retryInSeconds?: number }> = [];
    const log = pino({ level: 'info' }, { write: (line: string) => logs.push(JSON.parse(line)) });
    const outbox = worker(suffix, { SMTP_URL: smtp.url }, log);

    smtp.failNext(1, 451);
    const before = Date.now();
    expect(await outbox.drain()).toBe(0);
    const pending = await row(id);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.lastError).toMatch(/451/);
    // The first retry waits a minute (1, 2, 4 … 60 min).
    expect(pending.nextAttemptAt.getTime() - before).toBeGreaterThan(55_000);
    expect(pending.nextAttemptAt.getTime() - before).toBeLessThan(65_000);
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 40,
        mailId: id,
        retryInSeconds: 60,
        msg: 'mail delivery failed; will retry',
      }),
    );

    // Not due yet: a drain now sends nothing.
    expect(await outbox.drain()).toBe(0);
    expect(received(to)).toHaveLength(0);

    expect(await retryMailsNow(database.db, [id])).toBe(1);
    expect(await outbox.drain()).toBe(1);
    expect(await outbox.drain()).toBe(0);
    expect(received(to)).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
  });

  it('never sends a mail whose transaction rolled back', async () => {
    const { suffix, address } = recipients();
    const { contractId } = await buildContract(database.db);
    const to = address('rollback');
    await expect(
      withTenant(database.db, contractId, async (trx) => {
        await enqueueMail(trx, { contractId, to, subject: '取り消し', text: '送られないメール' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    expect(await worker(suffix).drain()).toBe(0);
    expect(received(to)).toHaveLength(0);
    const rows = await database.db
      .selectFrom('mailOutbox')
      .select('id')
      .where('toAddress', '=', to)
      .execute();
    expect(rows).toEqual([]);
  });

  it('survives an unreachable mail server without losing the mail', async () => {
    const { suffix, address } = recipients();
    const down = await startSmtpTestServer();
    const url = down.url;
    await down.stop();
    const id = await enqueueMail(database.db, {
      contractId: null,
      to: address('down'),
      subject: '停止中',
      text: '本文',
    });

    expect(await worker(suffix, { SMTP_URL: url }).drain()).toBe(0);
    const pending = await row(id);
    expect(pending).toMatchObject({ status: 'pending', attempts: 1 });
    expect(pending.lastError).toMatch(/ECONNREFUSED|connect/i);
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts with status 'failed', and an operator can retry it`, async () => {
    const { suffix, address } = recipients();
    const to = address('bounce');
    const id = await enqueueMail(database.db, { contractId: null, to, subject: '失敗', text: '本文' });
    const outbox = worker(suffix);
    smtp.failNext(MAX_ATTEMPTS, 550);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      await retryMailsNow(database.db, [id]);
      expect(await outbox.drain()).toBe(0);
    }
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });

    expect(await retryMailsNow(database.db, [id])).toBe(1);
    expect(await outbox.drain()).toBe(1);
    expect(received(to)).toHaveLength(1);
  });

  it('polls on its own and stops cleanly', async () => {
    const { suffix, address } = recipients();
    const to = address('poll');
    const outbox = startOutboxWorker({
      database,
      config: loadConfig({ LOG_LEVEL: 'silent', SMTP_URL: smtp.url }),
      log: silent,
      pollMs: 50,
      scope: { recipientSuffix: suffix },
    });
    await enqueueMail(database.db, { contractId: null, to, subject: 'ポーリング', text: '本文' });
    await smtp.waitForMail((m) => mailTo(m).includes(to));
    await outbox.stop();
    await expect(outbox.drain()).rejects.toThrow('stopped');
  });

  it('lets two workers drain the same outbox at once without sending any mail twice', async () => {
    const { suffix, address } = recipients();
    const addresses = Array.from({ length: 25 }, (_, i) => address(`staff${i}`));
    for (const to of addresses) {
      await enqueueMail(database.db, { contractId: null, to, subject: '同時送信', text: '本文' });
    }
    const [first, second] = await Promise.all([worker(suffix).drain(), worker(suffix).drain()]);
    expect(first + second).toBe(25);
    for (const to of addresses) expect(received(to)).toHaveLength(1);
  });

  it('leaves mail outside its scope alone', async () => {
    const mine = recipients();
    const theirs = recipients();
    const id = await enqueueMail(database.db, {
      contractId: null,
      to: theirs.address('other'),
      subject: '範囲外',
      text: '本文',
    });
    expect(await worker(mine.suffix).drain()).toBe(0);
    expect(await row(id)).toMatchObject({ status: 'pending', attempts: 0 });
    // Tidy up: keep it, so that no other worker on a shared database delivers it later.
    expect(await worker(theirs.suffix, {}).drain()).toBe(1);
  });

  it('retries after 1, 2, 4 … minutes, capped at an hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 9].map(retryDelaySeconds)).toEqual([
      60, 120, 240, 480, 960, 1920, 3600, 3600,
    ]);
    expect(retryDelaySeconds(MAX_ATTEMPTS)).toBeNull();
  });
});

describe('without SMTP_URL: the dev mailbox', () => {
  it("marks mail 'kept' and lists it at GET /api/v1/dev/mailbox and /dev/mailbox", async () => {
    const { suffix, address } = recipients();
    const to = address('dev');
    const text = '<script>alert(1)</script> & 続きはこちら：https://timecard.example.jp/verify?token=a&b=1。';
    const id = await enqueueMail(database.db, { contractId: null, to, subject: '開発用 <テスト>', text });
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    expect(await worker(suffix, {}).drain()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'kept' });

    const app = await buildApp({ config, database, serveWeb: false });
    try {
      const list = await app.inject({
        method: 'GET',
        url: `/api/v1/dev/mailbox?to=${encodeURIComponent(to)}`,
      });
      expect(list.statusCode).toBe(200);
      const { mails } = list.json<{ mails: Array<Record<string, unknown>> }>();
      expect(mails).toEqual([
        { id, to, subject: '開発用 <テスト>', text, status: 'kept', createdAt: expect.any(String) },
      ]);
      expect(new Date(mails[0]!.createdAt as string).getTime()).not.toBeNaN();

      const one = await app.inject({ method: 'GET', url: `/api/v1/dev/mailbox/${id}` });
      expect(one.json()).toMatchObject({ id, to });

      const page = await app.inject({ method: 'GET', url: `/dev/mailbox?to=${encodeURIComponent(to)}` });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.headers['content-security-policy']).toContain("default-src 'none'");
      expect(page.body).toContain('<html lang="ja">');
      expect(page.body).toContain('開発用 &lt;テスト&gt;');
      expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; 続きはこちら：');
      expect(page.body).not.toContain('<script>');
      // The link stops before the Japanese full stop, and its & is escaped in the attribute.
      expect(page.body).toContain(
        '<a href="https://timecard.example.jp/verify?token=a&amp;b=1">https://timecard.example.jp/verify?token=a&amp;b=1</a>。',
      );

      const newest = await app.inject({ method: 'GET', url: '/api/v1/dev/mailbox?limit=1' });
      expect(newest.json<{ mails: unknown[] }>().mails).toHaveLength(1);
      const bad = await app.inject({ method: 'GET', url: '/api/v1/dev/mailbox?limit=0' });
      expect(bad.statusCode).toBe(400);
    } finally {
      await app.close();
    }
  });

  it('does not exist in production, nor when SMTP_URL is set', async () => {
    for (const env of [{ NODE_ENV: 'production', SMTP_URL: smtp.url }, { SMTP_URL: smtp.url }]) {
      const app = await buildApp({
        config: loadConfig({ LOG_LEVEL: 'silent', ...env }),
        database,
        serveWeb: false,
      });
      try {
        for (const url of ['/api/v1/dev/mailbox', '/dev/mailbox']) {
          const response = await app.inject({ method: 'GET', url });
          expect(response.statusCode, `${url} with ${JSON.stringify(env)}`).toBe(404);
        }
      } finally {
        await app.close();
      }
    }
  });
});
