/**
 * bench/punch-load: N punch terminals punching at once against a started server, on the embedded
 * database and on PostgreSQL. Prints punches/s, p50/p99 latency, the ratio to a bare single-row
 * INSERT loop on the same engine in the same run, and the count of lost or duplicated punches
 * (counted in the database afterwards; 5 % of the punches are sent twice with the same key).
 *
 * Targets (issue 5): ≥ 50 % of the raw INSERT rate on PostgreSQL at 50 terminals, p99 < 50 ms,
 * zero lost or duplicated punches.
 *
 * Run: npm run build && npm run bench:punch-load   (TERMINALS=50 PUNCHES=200 WARMUP=50 ROUNDS=3 to change the load,
 * ENGINES=postgres or ENGINES=embedded for one engine; on PostgreSQL one server process, then two
 * sharing the database with the terminals' connections spread over them in turn: PROCESSES=1 or 2)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../apps/server/src/db/database.ts';
import { ApiCaller } from '../e2e/support/accounts.ts';
import { startServer } from '../e2e/support/server.ts';
import { withFreshPostgres } from './support.ts';

const TERMINALS = Number(process.env.TERMINALS ?? 50);
const PUNCHES_PER_TERMINAL = Number(process.env.PUNCHES ?? 200);
const WARMUP = Number(process.env.WARMUP ?? 50);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const RAW_INSERTS = Number(process.env.RAW_INSERTS ?? 2000);
const CYCLE = ['clock_in', 'break_start', 'break_end', 'clock_out'] as const;

interface LoadResult {
  ok: number;
  errors: number;
  seconds: number;
  latencies: number[];
}

async function setUp(url: string) {
  const contractId = `bench-${Date.now().toString(36)}`;
  const admin = new ApiCaller(url);
  await admin.ok('POST', '/signup', {
    companyName: 'ベンチ商店',
    contractId,
    adminName: '計測 太郎',
    email: `owner@${contractId}.example.com`,
  });
  const mails = (await (
    await fetch(`${url}/api/v1/dev/mailbox?to=owner@${contractId}.example.com`)
  ).json()) as {
    mails: { text: string }[];
  };
  const token = /\/admin\/verify\/([\w-]+)/.exec(mails.mails[0]!.text)![1]!;
  await admin.ok('POST', '/auth/verify', { token, password: 'bench password' });
  const staffIds: number[] = [];
  for (let i = 0; i < TERMINALS; i++) {
    const staff = await admin.ok('POST', '/staff', { name: `計測 ${i}`, offices: [{ officeId: 1 }] });
    staffIds.push(staff.id);
  }
  const terminals: string[] = [];
  for (let i = 0; i < TERMINALS; i++) {
    const response = await fetch(`${url}/api/v1/clock/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.${i}.1` },
      body: JSON.stringify({ contractId, officeId: 1, pin: '0000' }),
    });
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tc_terminal='))!;
    terminals.push(cookie.split(';')[0]!.split('=')[1]!);
  }
  return { contractId, staffIds, terminals };
}

/**
 * One terminal's kept-alive connection, speaking just enough HTTP/1.1 to POST and read the status.
 * Neither fetch nor node:http: the load generator shares two cores with the server and the
 * database, and they cost several times the CPU per request, which the server then lacks.
 */
class TerminalConnection {
  readonly #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #waiting: { resolve(status: number): void; reject(error: Error): void } | undefined;

  constructor(port: number) {
    this.#socket = connect({ host: '127.0.0.1', port, noDelay: true });
    this.#socket.on('data', (chunk: Buffer) => {
      this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
      this.#parse();
    });
    this.#socket.on('error', (error) => this.#waiting?.reject(error));
  }

  post(path: string, headers: Record<string, string>, body: string): Promise<number> {
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#socket.write(
        `POST ${path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n${head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    });
  }

  /** Answers the waiting request once its whole response (headers and Content-Length body) is in. */
  #parse() {
    const end = this.#buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.#buffer.subarray(0, end).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (this.#buffer.length < end + 4 + length) return;
    this.#buffer = this.#buffer.subarray(end + 4 + length);
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.resolve(Number(head.slice(9, 12)));
  }

  close() {
    this.#socket.destroy();
  }
}

type SetUp = Awaited<ReturnType<typeof setUp>>;

/**
 * A month of history per person (出勤, 休憩, 復帰, 退勤 each work day, the last one yesterday),
 * then ANALYZE, as autovacuum keeps a live database's statistics: the punch path's lookups are
 * measured against a history, not against a new, never analysed table. Written directly, not
 * through the API (it is the setting of the measurement, not part of it).
 */
async function seedHistory(
  db: { query(sql: string, params?: unknown[]): Promise<unknown> },
  contractId: string,
) {
  await db.query(
    `INSERT INTO punches (contract_id, staff_id, office_id, type, punched_at, work_date, source, idempotency_key)
     SELECT $1, s.id, 1, t.type, (d::date + t.at) AT TIME ZONE 'Asia/Tokyo', d::date, 'import',
            'history-' || s.id || '-' || d::date || '-' || t.type
       FROM staff s,
            generate_series(current_date - 31, current_date - 2, interval '1 day') AS d,
            (VALUES ('clock_in', time '09:00'), ('break_start', time '12:00'),
                    ('break_end', time '13:00'), ('clock_out', time '18:00')) AS t (type, at)
      WHERE s.contract_id = $1`,
    [contractId],
  );
  await db.query('ANALYZE');
}

/**
 * Every terminal punches `count` times, one punch after the other, all terminals at once; the cycle
 * goes on from where `from` left it.
 */
async function punchRound(
  connections: TerminalConnection[],
  { staffIds, terminals }: SetUp,
  from: number,
  count: number,
): Promise<LoadResult> {
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    terminals.map(async (token, t) => {
      const connection = connections[t]!;
      for (let i = from; i < from + count; i++) {
        const headers = { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() };
        const body = JSON.stringify({ staffId: staffIds[t], type: CYCLE[i % CYCLE.length] });
        const before = performance.now();
        const status = await connection.post('/api/v1/terminal/punches', headers, body);
        latencies.push(performance.now() - before);
        if (status === 201) ok += 1;
        else errors += 1;
        // A retry of the same tap, as a flaky network would send it: must not record twice.
        if (i % 20 === 7) await connection.post('/api/v1/terminal/punches', headers, body);
      }
    }),
  );
  return { ok, errors, seconds: (performance.now() - started) / 1000, latencies };
}

interface Measured {
  rounds: LoadResult[];
  /** Every punch answered 201, warm-up included (each must be in the database once). */
  succeeded: number;
  errors: number;
  contractId: string;
}

/**
 * A warm-up round (WARMUP punches a terminal, default 50: the server's JIT and the connections'
 * cached plans), then ROUNDS measured rounds (default 3) of PUNCHES punches a terminal each; the
 * machine is shared, so the median round is the figure. Every punch is counted in the database.
 */
async function runLoad(urls: string[], setup: SetUp): Promise<Measured> {
  // Several servers: the terminals' connections go to them in turn (a round-robin balancer).
  const ports = urls.map((url) => Number(new URL(url).port));
  const connections = setup.terminals.map((_, t) => new TerminalConnection(ports[t % ports.length]!));
  const warmup = await punchRound(connections, setup, 0, WARMUP);
  const rounds: LoadResult[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    rounds.push(
      await punchRound(connections, setup, WARMUP + r * PUNCHES_PER_TERMINAL, PUNCHES_PER_TERMINAL),
    );
  }
  for (const connection of connections) connection.close();
  return {
    rounds,
    succeeded: warmup.ok + rounds.reduce((sum, round) => sum + round.ok, 0),
    errors: warmup.errors + rounds.reduce((sum, round) => sum + round.errors, 0),
    contractId: setup.contractId,
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function rawInsertRate(client: {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}): Promise<number> {
  await client.query(
    'CREATE TABLE IF NOT EXISTS bench_raw (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, staff_id int, at timestamptz, key text UNIQUE)',
  );
  const started = performance.now();
  for (let i = 0; i < RAW_INSERTS; i++) {
    await client.query('INSERT INTO bench_raw (staff_id, at, key) VALUES ($1, now(), $2)', [
      i % 50,
      randomUUID(),
    ]);
  }
  return RAW_INSERTS / ((performance.now() - started) / 1000);
}

function report(label: string, load: Measured, counted: { rows: number; duplicates: number }, raw: number) {
  console.log(
    `\n${label}: ${TERMINALS} terminals, ${ROUNDS} rounds × ${PUNCHES_PER_TERMINAL} punches each (after ${WARMUP} each to warm up)`,
  );
  const figures = load.rounds.map((round) => ({
    rate: round.ok / round.seconds,
    p50: percentile(round.latencies, 50),
    p99: percentile(round.latencies, 99),
  }));
  figures.forEach((f, i) => {
    console.log(
      `  round ${i + 1}          ${f.rate.toFixed(0)} punches/s, p50 ${f.p50.toFixed(1)} ms, p99 ${f.p99.toFixed(1)} ms`,
    );
  });
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const rate = median(figures.map((f) => f.rate));
  console.log(`  punches/s        ${rate.toFixed(0)} (median round; ${load.errors} refused)`);
  console.log(
    `  latency p50/p99  ${median(figures.map((f) => f.p50)).toFixed(1)} ms / ${median(figures.map((f) => f.p99)).toFixed(1)} ms (median round)`,
  );
  console.log(`  raw INSERT/s     ${raw.toFixed(0)}  → ratio ${(rate / raw).toFixed(2)}`);
  console.log(
    `  in the database  ${counted.rows} punches for ${load.succeeded} answered 201, lost ${Math.max(0, load.succeeded - (counted.rows - counted.duplicates))}, duplicated ${counted.duplicates}`,
  );
}

async function countPunches(db: pg.Pool | pg.Client, contractId: string) {
  const rows = await db.query<{ n: string; d: string }>(
    `SELECT count(*) AS n, count(*) - count(DISTINCT idempotency_key) AS d
       FROM punches WHERE contract_id = $1 AND source <> 'import'`,
    [contractId],
  );
  return { rows: Number(rows.rows[0]!.n), duplicates: Number(rows.rows[0]!.d) };
}

// ENGINES=postgres (or embedded) runs one engine only.
const ENGINES = (process.env.ENGINES ?? 'embedded,postgres').split(',');

// ── embedded ── (the server holds the data directory: stopped while the history is written)
if (ENGINES.includes('embedded')) {
  const dataDir = mkdtempSync(join(tmpdir(), 'timecard-bench-'));
  const env = { LOG_LEVEL: 'warn', TRUST_PROXY: '127.0.0.1', DATABASE_URL: '' };
  const first = await startServer(env, { dataDir });
  const setup = await setUp(first.url);
  await first.stop();
  const direct = new PGlite(join(dataDir, 'pgdata'));
  await seedHistory(direct, setup.contractId);
  await direct.close();
  const server = await startServer(env, { dataDir });
  const load = await runLoad([server.url], setup);
  await server.stop();
  const database = await openDatabase({ dataDir });
  const counted = await sql<{ n: number; d: number }>`
    SELECT count(*)::int AS n, (count(*) - count(DISTINCT idempotency_key))::int AS d
      FROM punches WHERE contract_id = ${load.contractId} AND source <> 'import'`.execute(database.db);
  await database.close();
  const rawDb = new PGlite(join(dataDir, 'raw'));
  const raw = await rawInsertRate(rawDb);
  await rawDb.close();
  report('embedded (PGlite)', load, { rows: counted.rows[0]!.n, duplicates: counted.rows[0]!.d }, raw);
  rmSync(dataDir, { recursive: true, force: true });
}

// ── PostgreSQL ── (one server process, then two behind a round-robin: PROCESSES=1 or 2 for one)
const PROCESSES = (process.env.PROCESSES ?? '1,2').split(',').map(Number);
if (ENGINES.includes('postgres'))
  await withFreshPostgres('punch', async (url) => {
    const env = { LOG_LEVEL: 'warn', TRUST_PROXY: '127.0.0.1', DATABASE_URL: url };
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const raw = await rawInsertRate(client);
    for (const processes of PROCESSES) {
      const servers = [];
      for (let i = 0; i < processes; i++) servers.push(await startServer(env));
      const setup = await setUp(servers[0]!.url);
      await seedHistory(client, setup.contractId);
      const load = await runLoad(
        servers.map((server) => server.url),
        setup,
      );
      const counted = await countPunches(client, load.contractId);
      for (const server of servers) await server.stop();
      report(
        `PostgreSQL, ${processes} server process${processes > 1 ? 'es (round-robin)' : ''}`,
        load,
        counted,
        raw,
      );
    }
    await client.end();
  });
