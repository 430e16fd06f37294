/**
 * A second server process's background work, for the tests of jobs across processes on one
 * PostgreSQL (jobs/*.db.test.ts, issue 21). Run as `node --import tsx job-process.ts '<json>'`:
 *
 * - `{ "mode": "outbox", "smtpUrl", "suffix", "leaseSeconds" }`: drains the mail outbox (scoped to
 *   recipients ending with `suffix`), prints `drained <n>` and exits.
 * - `{ "mode": "run-once", "contractId", "job", "keys": [...], "hangOn"?: key }`: runs each unit
 *   with jobs/exactly-once.ts, its work counting in id_counters (`<job>:<key>`); on `hangOn` it
 *   prints `working <key>` and waits, inside the unit's transaction, to be killed.
 *
 * It prints `ready` once connected and starts at the first line on its stdin. DATABASE_URL names
 * the database.
 */
import pino from 'pino';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { runOnce } from '../jobs/exactly-once.ts';
import { startOutboxWorker } from '../jobs/outbox-worker.ts';
import { nextId } from '../repositories/id-counter.repository.ts';

type Order =
  | { mode: 'outbox'; smtpUrl: string; suffix: string; leaseSeconds: number }
  | { mode: 'run-once'; contractId: string; job: string; keys: string[]; hangOn?: string };

const order = JSON.parse(process.argv[2]!) as Order;
const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL, poolSize: 4 });
// Connected: say so, and start when told (a line on stdin), so that two processes start together.
await database.db.selectFrom('contracts').select('id').limit(1).execute();
console.log('ready');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.pause();

if (order.mode === 'outbox') {
  const worker = startOutboxWorker({
    database,
    config: loadConfig({ LOG_LEVEL: 'silent', SMTP_URL: order.smtpUrl }),
    log: pino({ level: 'silent' }),
    pollMs: 0,
    scope: { recipientSuffix: order.suffix },
    leaseSeconds: order.leaseSeconds,
  });
  const drained = await worker.drain();
  await worker.stop();
  console.log(`drained ${drained}`);
} else {
  let ran = 0;
  for (const key of order.keys) {
    const outcome = await runOnce(database.db, order.contractId, { job: order.job, key }, async (trx) => {
      await nextId(trx, order.contractId, `${order.job}:${key}`);
      if (key === order.hangOn) {
        console.log(`working ${key}`);
        await new Promise(() => {});
      }
    });
    if (outcome.ran) ran += 1;
  }
  console.log(`ran ${ran}`);
}
await database.close();
