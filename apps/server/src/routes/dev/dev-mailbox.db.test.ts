import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { buildContract } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

/**
 * Issue 12 §3: the dev mailbox shows every contract's reset links, so it answers only a browser on
 * the server's own machine: a loopback socket with no proxy header. Anyone else gets 404.
 */
let database: Database;
let app: FastifyInstance;
let email: string;
beforeAll(async () => {
  database = await openTestDatabase();
  // TRUST_PROXY does not change who counts as local: the socket does.
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', TRUST_PROXY: '1' }),
    database,
    serveWeb: false,
  });
  const built = await buildContract(database.db);
  email = built.adminEmail;
  await new ApiClient(app, '10.12.0.1').post('/auth/password-reset', { email });
  await app.background.idle();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const mailbox = (remoteAddress: string, headers: Record<string, string> = {}, url = '/api/v1/dev/mailbox') =>
  app.inject({ method: 'GET', url: `${url}?to=${encodeURIComponent(email)}`, remoteAddress, headers });

describe('the dev mailbox', () => {
  it('shows the mail to a browser on this machine (IPv4 and IPv6 loopback)', async () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      const response = await mailbox(address);
      expect(response.statusCode, address).toBe(200);
      expect(response.json().mails[0].text).toContain('/admin/password-reset/');
    }
    const page = await mailbox('127.0.0.1', {}, '/dev/mailbox');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('開発用メールボックス');
  });

  it('answers 404 to any other address, and to a request that came through a proxy on this machine', async () => {
    for (const address of ['192.0.2.10', '10.0.0.5', '::2']) {
      expect((await mailbox(address)).statusCode, address).toBe(404);
      expect((await mailbox(address, {}, '/dev/mailbox')).statusCode).toBe(404);
    }
    const proxyHeaders: Record<string, string>[] = [
      { 'x-forwarded-for': '127.0.0.1' },
      { forwarded: 'for=127.0.0.1' },
      { 'x-real-ip': '127.0.0.1' },
    ];
    for (const header of proxyHeaders) {
      const response = await mailbox('127.0.0.1', header);
      expect(response.statusCode, JSON.stringify(header)).toBe(404);
      expect(response.json().error.code).toBe('not_found');
      expect(response.body).not.toContain('password-reset');
    }
    expect((await mailbox('192.0.2.10', {}, '/api/v1/dev/mailbox/1')).statusCode).toBe(404);
  });

  it('does not exist with SMTP_URL set or in production', async () => {
    for (const env of [
      { SMTP_URL: 'smtp://mail.example.com:25' },
      { NODE_ENV: 'production', SMTP_URL: 'smtp://mail:25' },
    ]) {
      const other = await buildApp({
        config: loadConfig({ LOG_LEVEL: 'silent', ...env }),
        database,
        serveWeb: false,
      });
      const response = await other.inject({
        method: 'GET',
        url: '/api/v1/dev/mailbox',
        remoteAddress: '127.0.0.1',
      });
      expect(response.statusCode).toBe(404);
      await other.close();
    }
  });
});
