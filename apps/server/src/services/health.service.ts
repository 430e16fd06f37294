import type { Db } from '../db/database.ts';
import { type DatabaseFault, databaseFault } from '../db/database-faults.ts';
import { selectOne, touchHealthProbe } from '../repositories/health.repository.ts';

export type HealthResult = { ok: true } | { ok: false; fault: DatabaseFault; error: unknown };

/** How long a write refused to a request keeps /readyz failing. */
const RECENT_WRITE_FAULT_MS = 30_000;

/**
 * The last write the database refused to a request. PostgreSQL reports a full disk when a table
 * needs a new page, which the probe's one-row update never does: a request's failed write is the
 * surest sign, so readiness reports it for a while (per process).
 */
export class WriteFaults {
  private last: { fault: DatabaseFault; at: number } | undefined;

  note(fault: DatabaseFault, at: Date = new Date()): void {
    if (fault.code === 'database_write_failed') this.last = { fault, at: at.getTime() };
  }

  recent(now: Date): DatabaseFault | undefined {
    if (!this.last || now.getTime() - this.last.at > RECENT_WRITE_FAULT_MS) return undefined;
    return this.last.fault;
  }
}

/** Liveness (GET /healthz): the database answers a read. */
export async function checkLiveness(db: Db): Promise<HealthResult> {
  try {
    await selectOne(db);
    return { ok: true };
  } catch (error) {
    return { ok: false, fault: { code: 'database_unavailable' }, error };
  }
}

/**
 * Readiness (GET /readyz): the database answers a read, accepts a write, and refused no request's
 * write lately. A full disk or a read-only database fails here with its cause, instead of looking
 * healthy while every save fails.
 */
export async function checkReadiness(
  db: Db,
  faults: WriteFaults,
  now: Date = new Date(),
): Promise<HealthResult> {
  const read = await checkLiveness(db);
  if (!read.ok) return read;
  try {
    await touchHealthProbe(db, now);
    const recent = faults.recent(now);
    if (recent) return { ok: false, fault: recent, error: "a request's write failed recently" };
    return { ok: true };
  } catch (error) {
    const fault = databaseFault(error);
    const sqlState =
      typeof (error as { code?: unknown }).code === 'string' ? (error as { code: string }).code : '';
    return {
      ok: false,
      fault: fault ?? { code: 'database_write_failed', cause: 'io_error', sqlState },
      error,
    };
  }
}
