import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import type { Database } from '../db/database.ts';
import { buildContract } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';

/** Issue 12 §8: every answer carries the security headers; HSTS and Secure cookies over HTTPS. */
let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await openTestDatabase();
  // The reverse proxy on this machine says which protocol the browser used.
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', TRUST_PROXY: '127.0.0.1' }),
    database,
    serveWeb: false,
  });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('security headers', () => {
  it('sends CSP without inline script, frame-ancestors none, nosniff and no-referrer on every answer', async () => {
    for (const url of ['/healthz', '/api/v1/no-such-thing', '/api/v1/signup/contract-id?id=abc']) {
      const response = await app.inject({ method: 'GET', url });
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
      expect(csp).toContain("object-src 'none'");
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('sends HSTS only over HTTPS, as a trusted proxy reports it', async () => {
    const plain = await app.inject({ method: 'GET', url: '/healthz' });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    const viaProxy = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(viaProxy.headers['strict-transport-security']).toMatch(/^max-age=\d{8}/);
    // Anyone else claiming HTTPS is not believed.
    const spoofed = await app.inject({
      method: 'GET',
      url: '/healthz',
      remoteAddress: '192.0.2.10',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });

  it('marks the clock cookies (tc_device and tc_terminal) Secure over HTTPS', async () => {
    const c = await buildContract(database.db);
    const body = { contractId: c.contractId, officeId: 1, pin: '0000' };
    const https = await app.inject({
      method: 'POST',
      url: '/api/v1/clock/auth',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      payload: JSON.stringify(body),
    });
    expect(https.statusCode).toBe(200);
    const cookies = Object.fromEntries(https.cookies.map((cookie) => [cookie.name, cookie]));
    expect(cookies.tc_device).toMatchObject({ secure: true, httpOnly: true });
    expect(cookies.tc_terminal).toMatchObject({ secure: true, httpOnly: true });

    const http = await app.inject({
      method: 'POST',
      url: '/api/v1/clock/auth',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    expect(http.cookies.find((cookie) => cookie.name === 'tc_device')?.secure).toBeFalsy();
  });
});
