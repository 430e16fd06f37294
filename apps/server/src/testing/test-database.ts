import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../db/database.ts';
import { QUERY_LOG_VARIABLE } from '../db/query-log.ts';

/**
 * Turns on statement recording for the router-query check (db/query-log.ts) in this test worker
 * and the processes it starts (CLI, servers), when the run includes the check.
 */
function recordStatements(): void {
  const dir = inject('queryLogDir');
  if (dir) process.env[QUERY_LOG_VARIABLE] = dir;
}

/**
 * A migrated database for one test file: the PostgreSQL test database when a URL is set (tests
 * share it and stay apart by building their own contracts), else a private in-memory PGlite.
 */
export async function openTestDatabase(): Promise<Database> {
  recordStatements();
  const url = inject('databaseUrl');
  if (url) return openDatabase({ databaseUrl: url, poolSize: 5 });
  return openEmbeddedTestDatabase();
}

/** A private, migrated, empty in-memory PGlite, whatever engine the run uses. */
export async function openEmbeddedTestDatabase(): Promise<Database> {
  recordStatements();
  const pglite = await openMigratedPglite();
  const database = await openDatabase({ pglite });
  return {
    ...database,
    async close() {
      await database.close();
      await pglite.close();
    },
  };
}

/** A private, migrated, empty in-memory PGlite itself (the caller closes it). */
export async function openMigratedPglite(): Promise<PGlite> {
  const template = inject('pgliteTemplate');
  if (!template) throw new Error('the db test project has no global setup');
  const pglite = new PGlite({ loadDataDir: new Blob([readFileSync(template)]) });
  await pglite.waitReady;
  return pglite;
}

/**
 * Fills `dataDir` with a migrated embedded database (from the template), so that a server or CLI
 * started on it skips initdb: seconds saved per spawned process.
 */
export async function prepareEmbeddedDataDir(dataDir: string): Promise<string> {
  recordStatements();
  const template = inject('pgliteTemplate');
  if (!template) throw new Error('the db test project has no global setup');
  const pglite = new PGlite(join(dataDir, 'pgdata'), { loadDataDir: new Blob([readFileSync(template)]) });
  await pglite.waitReady;
  await pglite.close();
  return dataDir;
}
