import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, withTenant } from '../db/database.ts';
import { emitEvents } from '../services/webhook-events.ts';
import { newWebhookSecret } from '../services/webhook-signature.ts';
import { webhookAllowList } from '../services/webhook-target.ts';
import { buildContract } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../testing/webhook-receiver.ts';
import { startWebhookWorker, type WebhookWorker } from './webhook-worker.ts';

// Issue 14: the webhook queue works with several server processes. Two workers, each on its own
// database handle (its own pool, as two processes would have on PostgreSQL), drain the same
// deliveries at once: every event arrives, none twice.
const silent = pino({ level: 'silent' });

let first: Database;
let second: Database;
let receiver: WebhookReceiver;
const workers: WebhookWorker[] = [];

beforeAll(async () => {
  first = await openTestDatabase();
  // The embedded database is one process's: there the two workers share the handle.
  second = inject('databaseUrl') ? await openTestDatabase() : first;
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await receiver?.stop();
  if (second !== first) await second?.close();
  await first?.close();
});

function workerOn(database: Database, contractId: string) {
  const worker = startWebhookWorker({
    database,
    allowList: webhookAllowList(['127.0.0.1']),
    publicUrl: 'https://timecard.example.jp',
    log: silent,
    pollMs: 0,
    contractIds: [contractId],
  });
  workers.push(worker);
  return worker;
}

describe('two webhook workers on two database handles', () => {
  it('deliver 50 events between them, each once, each with its own event id', async () => {
    const { contractId } = await buildContract(first.db);
    await first.db
      .insertInto('webhookEndpoints')
      .values({ contractId, url: receiver.url, events: ['staff.updated'], secret: newWebhookSecret() })
      .execute();
    await withTenant(first.db, contractId, (trx) =>
      emitEvents(
        trx,
        contractId,
        Array.from({ length: 50 }, (_, i) => ({ type: 'staff.updated' as const, data: { n: i } })),
      ),
    );
    const [a, b] = [workerOn(first, contractId), workerOn(second, contractId)];
    const counts = await Promise.all([a.drain(), b.drain(), a.drain(), b.drain()]);
    expect(counts.reduce((x, y) => x + y, 0)).toBe(50);
    const ids = receiver.received.map((r) => String(r.headers['timecard-event-id']));
    expect(ids).toHaveLength(50);
    expect(new Set(ids).size).toBe(50);
    expect(receiver.received.map((r) => r.json.data.n).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
    for (const r of receiver.received) expect(r.json.id).toBe(r.headers['timecard-event-id']);
    const statuses = await first.db
      .selectFrom('webhookDeliveries')
      .select(['status', 'attempts'])
      .where('contractId', '=', contractId)
      .execute();
    expect(statuses).toHaveLength(50);
    expect(statuses.every((s) => s.status === 'delivered' && s.attempts === 1)).toBe(true);
  });
});

describe('a worker process killed mid-delivery', () => {
  it.skipIf(!inject('databaseUrl'))(
    'leaves the delivery to another worker once its lease ends (PostgreSQL)',
    async () => {
      const { contractId } = await buildContract(first.db);
      await first.db
        .insertInto('webhookEndpoints')
        .values({ contractId, url: receiver.url, events: ['staff.updated'], secret: newWebhookSecret() })
        .execute();
      await withTenant(first.db, contractId, (trx) =>
        emitEvents(trx, contractId, [{ type: 'staff.updated', data: { n: 'killed' } }]),
      );
      // The receiver takes the request and never answers: the process is killed while it waits.
      const hanging: (() => void)[] = [];
      receiver.received.length = 0;
      let arrived: () => void = () => {};
      const firstArrival = new Promise<void>((resolve) => {
        arrived = resolve;
      });
      receiver.status = () => {
        arrived();
        return 200;
      };
      receiver.hold = (release) => hanging.push(release);
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(new URL('../testing/webhook-worker-process.ts', import.meta.url))],
        {
          env: { ...process.env, DATABASE_URL: inject('databaseUrl')!, CONTRACT_ID: contractId },
          stdio: 'pipe',
        },
      );
      const exited = new Promise((resolve) => child.on('exit', resolve));
      try {
        await firstArrival;
      } finally {
        child.kill('SIGKILL');
        await exited;
      }
      receiver.hold = undefined;
      for (const release of hanging) release();
      const [claimed] = await first.db
        .selectFrom('webhookDeliveries')
        .select(['status', 'attempts', 'nextAttemptAt'])
        .where('contractId', '=', contractId)
        .execute();
      expect(claimed).toMatchObject({ status: 'pending', attempts: 1 });
      // Another worker (this process) takes it over when the lease has ended.
      const later = new Date(claimed!.nextAttemptAt.getTime() + 1000);
      const survivor = startWebhookWorker({
        database: second,
        allowList: webhookAllowList(['127.0.0.1']),
        publicUrl: 'https://timecard.example.jp',
        log: silent,
        pollMs: 0,
        contractIds: [contractId],
        now: () => later,
      });
      workers.push(survivor);
      expect(await survivor.drain()).toBe(1);
      const ids = receiver.received.map((r) => r.json.id);
      expect(ids).toHaveLength(2);
      expect(new Set(ids).size).toBe(1);
      const [done] = await first.db
        .selectFrom('webhookDeliveries')
        .select(['status', 'attempts'])
        .where('contractId', '=', contractId)
        .execute();
      expect(done).toEqual({ status: 'delivered', attempts: 2 });
    },
  );
});
