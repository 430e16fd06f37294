import { type Db, type Tx, withTenant } from '../db/database.ts';
import { claimJobUnit } from '../repositories/job-run.repository.ts';

/**
 * Exactly once across server processes sharing one PostgreSQL (issue 21, ADR 020), for a unit of
 * work whose effects are all in the database (a leave grant, an alert row, a purge of one batch):
 * the unit's job_runs row is inserted in the same transaction, in the contract's scope, as the
 * work. So the row exists if and only if the work committed.
 *
 * - Two processes on the same unit: the second one's insert waits for the first's transaction,
 *   then finds the row (done: returns 'done-elsewhere') or, if the first rolled back, claims it.
 * - A process killed mid-unit: PostgreSQL rolls its transaction back when the connection drops; the
 *   unit is free for the next run of any process.
 * - PGlite: one process, one transaction at a time; the same code is simply serial.
 *
 * Work with an effect outside the database (mail, a webhook call) cannot share a transaction with
 * it: claim such units with a lease instead (`FOR UPDATE SKIP LOCKED`, a lease time, and an
 * idempotency key the receiver sees, as jobs/outbox-worker.ts does with the mail outbox).
 *
 * Keys name the unit, not the attempt: e.g. `${staffId}:${grantDate}` for a leave grant.
 */
export async function runOnce<T>(
  db: Db,
  contractId: string,
  unit: { job: string; key: string },
  work: (trx: Tx) => Promise<T>,
): Promise<{ ran: true; value: T } | { ran: false }> {
  return withTenant(db, contractId, async (trx) => {
    if (!(await claimJobUnit(trx, contractId, unit.job, unit.key))) return { ran: false };
    return { ran: true, value: await work(trx) };
  });
}
