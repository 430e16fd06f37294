/**
 * bench/punch-load: N punch terminals punching at once against a started server, on the embedded
 * database and on PostgreSQL. Prints punches/s, p50/p99 latency, the ratio to a bare single-row
 * INSERT loop on the same engine in the same run, and the count of lost or duplicated punches
 * (counted in the database afterwards; 5 % of the punches are sent twice with the same key).
 *
 * Targets (issue 5): ≥ 50 % of the raw INSERT rate on PostgreSQL at 50 terminals, p99 < 50 ms,
 * zero lost or duplicated punches.
 *
 * Run: npm run build && npm run bench:punch-load   (TERMINALS=50 PUNCHES=40 to change the load)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
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
const PUNCHES_PER_TERMINAL = Number(process.env.PUNCHES ?? 40);
const RAW_INSERTS = Number(process.env.RAW_INSERTS ?? 2000);
const CYCLE = ['clock_in', 'break_start', 'break_end', 'clock_out'] as const;

interface LoadResult {
  ok: number;
  errors: number;
  seconds: number;
  latencies: number[];
  contractId: string;
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

async function runLoad(url: string): Promise<LoadResult> {
  const { contractId, staffIds, terminals } = await setUp(url);
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    terminals.map(async (token, t) => {
      for (let i = 0; i < PUNCHES_PER_TERMINAL; i++) {
        const key = randomUUID();
        const body = JSON.stringify({ staffId: staffIds[t], type: CYCLE[i % CYCLE.length] });
        const send = () =>
          fetch(`${url}/api/v1/terminal/punches`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${token}`,
              'idempotency-key': key,
            },
            body,
          });
        const before = performance.now();
        const response = await send();
        latencies.push(performance.now() - before);
        await response.arrayBuffer();
        if (response.status === 201) ok += 1;
        else errors += 1;
        // A retry of the same tap, as a flaky network would send it: must not record twice.
        if (i % 20 === 7) await (await send()).arrayBuffer();
      }
    }),
  );
  return { ok, errors, seconds: (performance.now() - started) / 1000, latencies, contractId };
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

function report(label: string, load: LoadResult, counted: { rows: number; duplicates: number }, raw: number) {
  const rate = load.ok / load.seconds;
  console.log(`\n${label}: ${TERMINALS} terminals × ${PUNCHES_PER_TERMINAL} punches`);
  console.log(
    `  punches/s        ${rate.toFixed(0)}  (${load.ok} recorded, ${load.errors} refused, ${load.seconds.toFixed(1)} s)`,
  );
  console.log(
    `  latency p50/p99  ${percentile(load.latencies, 50).toFixed(1)} ms / ${percentile(load.latencies, 99).toFixed(1)} ms`,
  );
  console.log(`  raw INSERT/s     ${raw.toFixed(0)}  → ratio ${(rate / raw).toFixed(2)}`);
  console.log(
    `  in the database  ${counted.rows} punches, lost ${load.ok - counted.rows + counted.duplicates}, duplicated ${counted.duplicates}`,
  );
}

async function countPunches(db: pg.Pool | pg.Client, contractId: string) {
  const rows = await db.query<{ n: string; d: string }>(
    `SELECT count(*) AS n, count(*) - count(DISTINCT idempotency_key) AS d FROM punches WHERE contract_id = $1`,
    [contractId],
  );
  return { rows: Number(rows.rows[0]!.n), duplicates: Number(rows.rows[0]!.d) };
}

// ── embedded ──
{
  const dataDir = mkdtempSync(join(tmpdir(), 'timecard-bench-'));
  const server = await startServer({ LOG_LEVEL: 'warn', TRUST_PROXY: 'true', DATABASE_URL: '' }, { dataDir });
  const load = await runLoad(server.url);
  await server.stop();
  const database = await openDatabase({ dataDir });
  const counted = await sql<{ n: number; d: number }>`
    SELECT count(*)::int AS n, (count(*) - count(DISTINCT idempotency_key))::int AS d FROM punches WHERE contract_id = ${load.contractId}`.execute(
    database.db,
  );
  await database.close();
  const rawDb = new PGlite(join(dataDir, 'raw'));
  const raw = await rawInsertRate(rawDb);
  await rawDb.close();
  report('embedded (PGlite)', load, { rows: counted.rows[0]!.n, duplicates: counted.rows[0]!.d }, raw);
  rmSync(dataDir, { recursive: true, force: true });
}

// ── PostgreSQL ──
await withFreshPostgres('punch', async (url) => {
  const server = await startServer({ LOG_LEVEL: 'warn', TRUST_PROXY: 'true', DATABASE_URL: url });
  const load = await runLoad(server.url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const raw = await rawInsertRate(client);
  const counted = await countPunches(client, load.contractId);
  await client.end();
  await server.stop();
  report('PostgreSQL', load, counted, raw);
});
