import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import { ApiClient, type ApiResponse } from '../../testing/api-client.ts';
import { buildContract, uniqueContractId } from '../../testing/factories.ts';
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
const nextIp = () => `100.${subnet}.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

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

describe('新規登録 limits', () => {
  const signup = (ip: string, email: string, contractId = uniqueContractId('su')) =>
    new ApiClient(app, ip).post('/signup', {
      companyName: '新規商店',
      contractId,
      adminName: '店主 一郎',
      email,
    });

  it('creates at most 5 contracts an hour from one address, then answers 429 with Retry-After', async () => {
    const ip = nextIp();
    const domain = `${uniqueContractId('d')}.example.com`;
    const responses = [];
    for (let i = 0; i < 7; i++) responses.push(await signup(ip, `owner${i}@${domain}`));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 429, 429]);
    expect(responses[5]!.body.error.code).toBe('rate_limited');
    expect(Number(responses[5]!.headers['retry-after'])).toBeGreaterThanOrEqual(3600 - 5);
    const english = await new ApiClient(app, ip).post(
      '/signup',
      { companyName: 'x', contractId: uniqueContractId('su'), adminName: 'y', email: `late@${domain}` },
      { 'accept-language': 'en' },
    );
    expect(english.body.error.message).toMatch(/^Too many attempts/);
  });

  it('holds under concurrency: 20 sign-ups at once from one address create 5 contracts', async () => {
    const ip = nextIp();
    const domain = `${uniqueContractId('d')}.example.com`;
    const responses = await burst(
      Array.from({ length: 20 }, (_, i) => () => signup(ip, `owner${i}@${domain}`)),
    );
    expect(responses.filter((r) => r.status === 201)).toHaveLength(5);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(15);
  });

  it('mails one address at most 3 sign-ups a day, whatever the addresses they come from', async () => {
    const victim = `victim@${uniqueContractId('d')}.example.com`;
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await signup(nextIp(), victim)).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(await countMailsTo(database.db, victim)).toBe(3);
  });

  it('does not count a refused sign-up (契約ID taken) against the address', async () => {
    const ip = nextIp();
    const domain = `${uniqueContractId('d')}.example.com`;
    const taken = uniqueContractId('su');
    expect((await signup(nextIp(), `first@${domain}`, taken)).status).toBe(201);
    for (let i = 0; i < 6; i++) {
      expect((await signup(ip, `again${i}@${domain}`, taken)).body.error.code).toBe('contract_id_taken');
    }
    expect((await signup(ip, `finally@${domain}`)).status).toBe(201);
  });

  it('does not limit a browser on the server machine in development (dev mailbox on), unless a proxy sent it', async () => {
    const domain = `${uniqueContractId('d')}.example.com`;
    for (let i = 0; i < 7; i++) expect((await signup('127.0.0.1', `local${i}@${domain}`)).status).toBe(201);
    const proxied = [];
    for (let i = 0; i < 6; i++) {
      proxied.push(
        await new ApiClient(app, '127.0.0.1').post(
          '/signup',
          {
            companyName: 'x',
            contractId: uniqueContractId('su'),
            adminName: 'y',
            email: `proxied${i}@${domain}`,
          },
          { 'x-forwarded-for': '203.0.113.9' },
        ),
      );
    }
    expect(proxied.map((r) => r.status)).toContain(429);
  });
});

describe('TRUST_PROXY', () => {
  for (const setting of ['1', '10.0.0.0/8']) {
    it(`with TRUST_PROXY=${setting}, a client cannot rotate its address by writing X-Forwarded-For`, async () => {
      const proxied = await buildApp({
        config: loadConfig({ LOG_LEVEL: 'silent', TRUST_PROXY: setting }),
        database,
        serveWeb: false,
        now: () => frozen,
      });
      try {
        // The proxy (10.0.0.2) appends the address it saw; what is left of it is the client's to write.
        const client = `198.51.${subnet}.${ipCounter++ % 250}`;
        const responses = await burst(
          Array.from(
            { length: 30 },
            (_, i) => () =>
              new ApiClient(proxied, '10.0.0.2').post(
                '/auth/login',
                { login: `rotate-${i}@nowhere.example.com`, password: 'x' },
                { 'x-forwarded-for': `203.0.113.${i}, ${client}` },
              ),
          ),
        );
        expect(evaluated(responses).length, statuses(responses)).toBe(20);
        // Another client behind the same proxy has a budget of its own.
        const other = await new ApiClient(proxied, '10.0.0.2').post(
          '/auth/login',
          { login: 'rotate-other@nowhere.example.com', password: 'x' },
          { 'x-forwarded-for': `198.51.${subnet}.${ipCounter++ % 250}` },
        );
        expect(other.status).toBe(401);
      } finally {
        await proxied.close();
      }
    });
  }
});
