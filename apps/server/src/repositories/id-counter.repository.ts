import type { Tx } from '../db/database.ts';

/** Allocates the next per-contract id of a kind ('office', 'staff'): 1, 2, 3… without gaps races. */
export async function nextId(trx: Tx, contractId: string, name: string): Promise<number> {
  const row = await trx
    .insertInto('idCounters')
    .values({ contractId, name, lastId: 1 })
    .onConflict((oc) =>
      oc.columns(['contractId', 'name']).doUpdateSet((eb) => ({ lastId: eb('idCounters.lastId', '+', 1) })),
    )
    .returning('lastId')
    .executeTakeFirstOrThrow();
  return row.lastId;
}
