import type { Tx } from '../db/database.ts';

/**
 * Claims a unit of work for the calling transaction: true when this transaction inserted its row
 * (and so does the work), false when another already did it. If another transaction holds the row
 * uncommitted, this waits for it: false once it commits, true once it rolls back (its process died).
 */
export async function claimJobUnit(
  trx: Tx,
  contractId: string,
  job: string,
  unitKey: string,
): Promise<boolean> {
  const row = await trx
    .insertInto('jobRuns')
    .values({ contractId, job, unitKey })
    .onConflict((oc) => oc.doNothing())
    .returning('unitKey')
    .executeTakeFirst();
  return row !== undefined;
}

/** The units of a job already done in a contract (among some keys). */
export async function doneJobUnits(
  trx: Tx,
  contractId: string,
  job: string,
  unitKeys: string[],
): Promise<string[]> {
  if (unitKeys.length === 0) return [];
  const rows = await trx
    .selectFrom('jobRuns')
    .select('unitKey')
    .where('contractId', '=', contractId)
    .where('job', '=', job)
    .where('unitKey', 'in', unitKeys)
    .execute();
  return rows.map((r) => r.unitKey);
}
