import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** A read: whether the database answers at all. */
export async function selectOne(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}

/**
 * A tiny committed write, through the same path as every write (WAL, data files, the server's
 * read-only mode): one row updated in place, so the table never grows (HOT updates).
 */
export async function touchHealthProbe(db: Db, now: Date): Promise<void> {
  await db
    .insertInto('healthProbe')
    .values({ id: 1, checkedAt: now })
    .onConflict((oc) => oc.column('id').doUpdateSet({ checkedAt: now }))
    .execute();
}
