import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { startEmbeddedMaintenance } from './embedded-maintenance.ts';

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function lastAnalyzed(table: string): Promise<Date | null> {
  const result = await sql<{ at: Date | null }>`
    SELECT last_analyze AS at FROM pg_stat_user_tables WHERE relname = ${table}`.execute(database.db);
  return result.rows[0]?.at ?? null;
}

describe('embedded database maintenance', () => {
  it('refreshes the planner statistics soon after the start and then on its schedule', async () => {
    const started = new Date(Date.now() - 1000);
    const logged: string[] = [];
    const maintenance = startEmbeddedMaintenance({
      database,
      log: { info: (_details: object, message: string) => logged.push(message), warn: () => {} },
      firstAfterMs: 10,
      everyMs: 60_000,
    });
    try {
      for (let i = 0; i < 300 && logged.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(logged).toEqual(['embedded database statistics refreshed']);
      const at = await lastAnalyzed('punches');
      expect(at).not.toBeNull();
      expect(at!.getTime()).toBeGreaterThanOrEqual(started.getTime());
    } finally {
      await maintenance.stop();
    }
  });
});
