import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import { ApiClient, type ApiResponse } from '../../testing/api-client.ts';
import { buildContract } from '../../testing/factories.ts';
import { countMailsTo } from '../../testing/mail-box.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

/**
 * Issue 12 §1, §6, §12: every limit is checked and counted in one atomic step, so that concurrent
 * guesses (from one process or several) never get more evaluations than the budget.
 */
let database: Database;
let app: FastifyInstance;
let ipCounter = 0;
// The services' clock stands still, so that no wait (2 s, 4 s …) ends during a burst: the budgets
// below are then exact, however slowly the machine answers.
const frozen = new Date();
// Addresses of this run only: per-address keys outlive a run on a shared PostgreSQL database.
const subnet = 1 + Math.floor(Math.random() * 250);
const nextIp = () => `10.${subnet}.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent', PUBLIC_URL: 'https://timecard.example.com' }),
    database,
    serveWeb: false,
    now: () => frozen,
  });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** Answers that were evaluated (not refused by a limit before the guess was looked at). */
const evaluated = (responses: ApiResponse[]) => responses.filter((r) => r.status !== 429);
const statuses = (responses: ApiResponse[]) =>
  JSON.stringify(evaluated(responses).map((r) => [r.status, r.body]));

/** Sends the requests all at once. */
function burst(requests: (() => Promise<ApiResponse>)[]): Promise<ApiResponse[]> {
  return Promise.all(requests.map((request) => request()));
}

describe('login limits under concurrency', () => {
  it('evaluates at most 5 of 100 concurrent wrong passwords to one account; the right one then waits', async () => {
    const built = await buildContract(database.db);
    const responses = await burst(
      Array.from(
        { length: 100 },
        (_, i) => () =>
          new ApiClient(app, nextIp()).post('/auth/login', {
            login: built.adminEmail,
            password: `guess ${i}`,
          }),
      ),
    );
    expect(evaluated(responses).length, statuses(responses)).toBeLessThanOrEqual(5);
    expect(evaluated(responses).every((r) => r.status === 401)).toBe(true);
    const refused = responses.find((r) => r.status === 429)!;
    expect(refused.body.error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    const right = await new ApiClient(app, nextIp()).post('/auth/login', {
      login: built.adminEmail,
      password: built.adminPassword,
    });
    expect(right.status).toBe(429);
  });

  it('evaluates at most 20 concurrent logins from one address, whatever the accounts', async () => {
    const ip = nextIp();
    const responses = await burst(
      Array.from(
        { length: 60 },
        (_, i) => () =>
          new ApiClient(app, ip).post('/auth/login', {
            login: `spray-${i}@nowhere.example.com`,
            password: 'x',
          }),
      ),
    );
    expect(evaluated(responses).length, statuses(responses)).toBeLessThanOrEqual(20);
    expect(evaluated(responses).length).toBeGreaterThan(0);
  });
});

describe('the clock PIN under concurrency', () => {
  it('evaluates at most 10 of 400 concurrent PINs from one address, and the right PIN after them does not open', async () => {
    const c = await buildContract(database.db);
    const ip = nextIp();
    const responses = await burst(
      Array.from(
        { length: 400 },
        (_, i) => () =>
          new ApiClient(app, ip).post('/clock/auth', {
            contractId: c.contractId,
            officeId: 1,
            pin: String(1000 + i),
          }),
      ),
    );
    expect(evaluated(responses).length, statuses(responses)).toBeLessThanOrEqual(10);
    const right = await new ApiClient(app, ip).post('/clock/auth', {
      contractId: c.contractId,
      officeId: 1,
      pin: '0000',
    });
    expect(right.status).toBe(429);
  });

  it('evaluates at most 100 wrong PINs a day from 400 concurrent devices on 400 addresses; the right PIN is then refused', async () => {
    const c = await buildContract(database.db);
    const responses = await burst(
      Array.from(
        { length: 400 },
        (_, i) => () =>
          new ApiClient(app, nextIp()).post('/clock/auth', {
            contractId: c.contractId,
            officeId: 1,
            pin: String(1000 + i),
          }),
      ),
    );
    expect(evaluated(responses).length, statuses(responses)).toBeLessThanOrEqual(100);
    const locked = await new ApiClient(app, nextIp()).post('/clock/auth', {
      contractId: c.contractId,
      officeId: 1,
      pin: '0000',
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('clock_pin_locked');
    // The administrators are told once.
    expect(await countMailsTo(database.db, c.adminEmail)).toBe(1);
  });
});

describe('two server processes on one PostgreSQL database', () => {
  const url = inject('databaseUrl');
  it.skipIf(!url)(
    'share every budget: concurrent guesses split over two apps with their own pools',
    async () => {
      const second = await openDatabase({ databaseUrl: url!, poolSize: 5 });
      const other = await buildApp({
        config: loadConfig({ LOG_LEVEL: 'silent' }),
        database: second,
        serveWeb: false,
        now: () => frozen,
      });
      try {
        const c = await buildContract(database.db);
        const ip = nextIp();
        const pins = await burst(
          Array.from(
            { length: 200 },
            (_, i) => () =>
              new ApiClient(i % 2 === 0 ? app : other, ip).post('/clock/auth', {
                contractId: c.contractId,
                officeId: 1,
                pin: String(1000 + i),
              }),
          ),
        );
        expect(evaluated(pins).length, statuses(pins)).toBeLessThanOrEqual(10);
        const logins = await burst(
          Array.from(
            { length: 60 },
            (_, i) => () =>
              new ApiClient(i % 2 === 0 ? app : other, nextIp()).post('/auth/login', {
                login: c.adminEmail,
                password: `guess ${i}`,
              }),
          ),
        );
        expect(evaluated(logins).length, statuses(logins)).toBeLessThanOrEqual(5);
        const right = await new ApiClient(other, nextIp()).post('/auth/login', {
          login: c.adminEmail,
          password: c.adminPassword,
        });
        expect(right.status).toBe(429);
      } finally {
        await other.close();
        await second.close();
      }
    },
  );
});
