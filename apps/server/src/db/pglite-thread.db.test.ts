import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from './database.ts';
import { openEmbedded } from './embedded.ts';

// The server's embedded engine: PGlite in a worker thread, reached through node-postgres.
const dataDir = mkdtempSync(join(tmpdir(), 'timecard-thread-'));
let database: Database;

beforeAll(async () => {
  database = await openDatabase({ embedded: openEmbedded(dataDir, { thread: true }) });
}, 120_000);
afterAll(async () => {
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded database in a worker thread', () => {
  it('answers parameterised queries, keeps a transaction, and reports errors with their SQLSTATE', async () => {
    const sum = await sql<{ total: number }>`select ${40}::int + ${2}::int as total`.execute(database.db);
    expect(sum.rows).toEqual([{ total: 42 }]);

    await sql`create table thread_probe (id int primary key, note text not null)`.execute(database.db);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`insert into thread_probe values (1, 'kept only if committed')`.execute(trx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await database.db.transaction().execute(async (trx) => {
      await sql`insert into thread_probe values (2, 'committed')`.execute(trx);
    });
    const rows = await sql<{ id: number }>`select id from thread_probe order by id`.execute(database.db);
    expect(rows.rows).toEqual([{ id: 2 }]);

    await expect(
      sql`insert into thread_probe values (2, 'again')`.execute(database.db),
    ).rejects.toMatchObject({
      code: '23505',
    });
    // The connection is usable after an error.
    const after = await sql<{ n: number }>`select count(*)::int as n from thread_probe`.execute(database.db);
    expect(after.rows).toEqual([{ n: 1 }]);
  });

  it('closes cleanly and keeps the data for the next start', async () => {
    await sql`insert into thread_probe values (3, 'survives a restart')`.execute(database.db);
    await database.close();
    database = await openDatabase({ embedded: openEmbedded(dataDir, { thread: true }) });
    const rows = await sql<{ note: string }>`select note from thread_probe where id = 3`.execute(database.db);
    expect(rows.rows).toEqual([{ note: 'survives a restart' }]);
  }, 120_000);
});
