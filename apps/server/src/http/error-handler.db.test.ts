import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { registerErrorHandler } from './error-handler.ts';

// Issue 12 item 9: the last resort behind the schemas. A value the database refuses is the caller's
// bad input (400), on either engine; a fault of the server's own stays a 500.
let database: Database;
let app: FastifyInstance;

beforeAll(async () => {
  database = await openTestDatabase();
  app = Fastify({ logger: false });
  registerErrorHandler(app);
  app.get<{ Querystring: { value: string; as: string } }>('/cast', async (request) => {
    const { value, as } = request.query;
    const target = { int: sql`integer`, date: sql`date`, text: sql`text` }[as]!;
    await sql`select cast(${value} as ${target})`.execute(database.db);
    return { ok: true };
  });
  app.get('/divide', async () => {
    await sql`select 1 / 0`.execute(database.db);
    return { ok: true };
  });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('database refusals in the error handler', () => {
  it.each([
    ['a\u0000b', 'text'], // 22021
    ['99999999999', 'int'], // 22003
    ['abc', 'int'], // 22P02
    ['not a date', 'date'], // 22007
    ['2026-02-30', 'date'], // 22008
  ])('answers 400 bad_request for %j as %s', async (value, as) => {
    const response = await app.inject({ method: 'GET', url: '/cast', query: { value, as } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('bad_request');
  });

  it('keeps a division by zero a 500: that is a bug, not input', async () => {
    const response = await app.inject({ method: 'GET', url: '/divide' });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('internal_error');
  });
});
