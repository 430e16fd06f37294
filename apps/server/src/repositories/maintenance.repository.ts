import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** Refreshes the planner's statistics of every table (ANALYZE samples, so its time is bounded). */
export async function analyzeAllTables(db: Db): Promise<void> {
  await sql`ANALYZE`.execute(db);
}
