import type { Db, Tx } from '../db/database.ts';

export async function findThrottle(db: Db | Tx, key: string) {
  return db.selectFrom('loginThrottle').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function saveThrottle(
  db: Db | Tx,
  key: string,
  failures: number,
  blockedUntil: Date | null,
  now: Date,
) {
  await db
    .insertInto('loginThrottle')
    .values({ key, failures, blockedUntil, updatedAt: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures, blockedUntil, updatedAt: now }))
    .execute();
}

export async function clearThrottle(db: Db | Tx, key: string) {
  await db.deleteFrom('loginThrottle').where('key', '=', key).execute();
}

/** Adds one to a counter key (e.g. wrong PINs of a contract today) and returns the new count. */
export async function incrementCounter(db: Db | Tx, key: string, now: Date): Promise<number> {
  const row = await db
    .insertInto('loginThrottle')
    .values({ key, failures: 1, blockedUntil: null, updatedAt: now })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet((eb) => ({ failures: eb('loginThrottle.failures', '+', 1), updatedAt: now })),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}
