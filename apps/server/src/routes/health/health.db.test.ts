import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import { buildContract } from '../../testing/factories.ts';
import { openEmbeddedTestDatabase, openTestDatabase } from '../../testing/test-database.ts';

let database: Database;
let app: FastifyInstance;
beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent' }), database, serveWeb: false });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('GET /healthz', () => {
  it('answers 200 when the database answers, with a request id', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok' });
    expect(response.headers['x-request-id']).toMatch(/^[\w-]+$/);
  });

  it('keeps a caller-supplied request id', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(response.headers['x-request-id']).toBe('abc-123');
  });
});

describe('the error format', () => {
  it('answers unknown API paths with a stable code and a Japanese message by default', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'お探しのページまたはデータが見つかりません。' },
    });
  });

  it('follows Accept-Language for English', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/no-such-thing',
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(response.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
  });
});

/**
 * A database that answers reads and refuses writes, for real: the server's own read-only mode
 * (default_transaction_read_only, what a standby or an operator protecting a filling disk sets).
 * On PostgreSQL a pool whose sessions start read-only; PGlite is one session, set read-only.
 */
async function readOnlyDatabase(): Promise<{ database: Database; release(): Promise<void> }> {
  const url = inject('databaseUrl');
  if (url) {
    const readOnly = new URL(url);
    readOnly.searchParams.set('options', '-c default_transaction_read_only=on');
    const database = await openDatabase({ databaseUrl: readOnly.toString(), poolSize: 2 });
    return { database, release: () => database.close() };
  }
  const database = await openEmbeddedTestDatabase();
  await sql`set default_transaction_read_only = on`.execute(database.db);
  return { database, release: () => database.close() };
}

describe('GET /readyz', () => {
  it('answers 200 when the database answers and accepts a write', async () => {
    const response = await app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready' });
  });

  it('answers 503 database_write_failed naming the cause when the database refuses writes; saves answer 503 too, not 500', async () => {
    const { database: readOnly, release } = await readOnlyDatabase();
    const built = await buildContract(database.db);
    const broken = await buildApp({
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      database: readOnly,
      serveWeb: false,
    });
    try {
      // Reads still work: liveness holds.
      expect((await broken.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const ready = await broken.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({
        status: 'unavailable',
        error: { code: 'database_write_failed', cause: 'read_only', sqlState: '25006' },
      });
      expect(ready.json().error.message).toContain('データベースに書き込めない');

      const login = await broken.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        payload: JSON.stringify({ login: built.adminEmail, password: built.adminPassword }),
      });
      expect(login.statusCode).toBe(503);
      expect(login.json().error).toMatchObject({ code: 'database_write_failed' });
      expect(login.json().error.message).toMatch(/^The database refuses writes/);
    } finally {
      await broken.close();
      await release();
    }
  });
});
