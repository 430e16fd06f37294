import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../apps/server/src/db/database.ts';
import { ApiCaller, mailLink } from './support/accounts.ts';
import { type StartedServer, startServer } from './support/server.ts';

const databaseUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || '';
const dataDir = databaseUrl ? undefined : mkdtempSync(join(tmpdir(), 'timecard-crash-'));
const servers: StartedServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<StartedServer> {
  const server = await startServer({ LOG_LEVEL: 'warn' }, dataDir ? { dataDir } : {});
  servers.push(server);
  return server;
}

const CYCLE = ['clock_in', 'break_start', 'break_end', 'clock_out'] as const;

describe('a server killed during a punch load (SIGKILL)', () => {
  it('keeps every punch it answered with success, none twice, and replays them after the restart', async () => {
    let server = await start();
    const contractId = `crash-${Date.now().toString(36)}`;
    const owner = `owner@${contractId}.example.com`;
    const admin = new ApiCaller(server.url);
    await admin.ok('POST', '/signup', {
      companyName: '停電商店',
      contractId,
      adminName: '店主',
      email: owner,
    });
    const { link } = await mailLink(server, owner, '/admin/verify/');
    await admin.ok('POST', '/auth/verify', { token: link.split('/').pop(), password: 'crash password' });

    const terminals: { token: string; staffId: number }[] = [];
    for (let i = 0; i < 8; i++) {
      const staff = await admin.ok('POST', '/staff', { name: `夜勤 ${i}`, offices: [{ officeId: 1 }] });
      const response = await fetch(`${server.url}/api/v1/clock/auth`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ contractId, officeId: 1, pin: '0000' }),
      });
      const cookie = response.headers.getSetCookie().find((c) => c.startsWith('tc_terminal='))!;
      terminals.push({ token: cookie.split(';')[0]!.split('=')[1]!, staffId: staff.id });
    }

    const succeeded = new Map<string, number>(); // key → punch id answered
    const attempted: { key: string; terminal: number; type: string }[] = [];
    let killed = false;
    const send = (url: string, t: number, key: string, type: string) =>
      fetch(`${url}/api/v1/terminal/punches`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${terminals[t]!.token}`,
          'idempotency-key': key,
        },
        body: JSON.stringify({ staffId: terminals[t]!.staffId, type }),
      });
    const load = Promise.all(
      terminals.map(async (_terminal, t) => {
        for (let i = 0; !killed; i++) {
          const key = randomUUID();
          const type = CYCLE[i % CYCLE.length]!;
          attempted.push({ key, terminal: t, type });
          try {
            const response = await send(server.url, t, key, type);
            const body = (await response.json()) as { punch?: { id: number } };
            if (response.status === 201 && body.punch) succeeded.set(key, body.punch.id);
            else if (response.status !== 201) return; // the state machine stopped this terminal's cycle
          } catch {
            return; // connection cut by the kill: outcome unknown, retried below
          }
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    killed = true;
    await server.stop('SIGKILL');
    await load;
    expect(succeeded.size).toBeGreaterThan(8);

    server = await start();
    // Every tap is retried with its own key, as the terminals' queues would: answered ones replay.
    for (const { key, terminal, type } of attempted) {
      const response = await send(server.url, terminal, key, type);
      const body = (await response.json()) as { punch?: { id: number }; replayed?: boolean };
      if (succeeded.has(key)) {
        expect(response.status).toBe(200);
        expect(body).toMatchObject({ replayed: true, punch: { id: succeeded.get(key) } });
      }
    }
    await server.stop();

    const database = await openDatabase(databaseUrl ? { databaseUrl } : { dataDir: dataDir! });
    try {
      const rows = await sql<{ key: string; n: number }>`
        select idempotency_key as key, count(*)::int as n from punches where contract_id = ${contractId} group by 1`.execute(
        database.db,
      );
      const counts = new Map(rows.rows.map((r) => [r.key, r.n]));
      for (const key of succeeded.keys()) expect(counts.get(key)).toBe(1);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await database.close();
    }
  });
});
