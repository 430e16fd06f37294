import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { AppError } from '@timecard/domain';
import { CamelCasePlugin, Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.ts';

// int8 ids fit in a JS number here; `date` stays a 'YYYY-MM-DD' string so that the host's time
// zone never shifts a work date.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Engine = 'pglite' | 'postgres';
export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

export interface Database {
  db: Db;
  engine: Engine;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string;
  /** An already open PGlite (tests load one from a migrated template). */
  pglite?: PGlite;
  poolSize?: number;
}

/**
 * Opens PostgreSQL when a URL is given, otherwise the embedded PGlite in `dataDir`. PGlite is one
 * process's database: a pid file guards the directory, and a second opener is refused.
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const plugins = [new CamelCasePlugin()];
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 20 });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  let pglite = options.pglite;
  let release = () => {};
  if (!pglite) {
    const dataDir = resolve(options.dataDir ?? './data');
    release = lockDataDir(dataDir);
    try {
      pglite = new PGlite(join(dataDir, 'pgdata'));
      await pglite.waitReady;
    } catch (error) {
      release();
      throw error;
    }
  }
  const owned = !options.pglite;
  const instance = pglite;
  const pool = new pg.Pool(createPgConfig(instance));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
  return {
    db,
    engine: 'pglite',
    async close() {
      await db.destroy();
      if (owned) await instance.close();
      release();
    },
  };
}

function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const pidFile = join(dataDir, 'timecard.pid');
  let holder: number | undefined;
  try {
    holder = Number(readFileSync(pidFile, 'utf8').trim());
  } catch {
    holder = undefined;
  }
  if (holder && holder !== process.pid && processAlive(holder)) {
    throw new AppError('data_dir_locked', { dataDir, pid: holder });
  }
  writeFileSync(pidFile, String(process.pid));
  return () => rmSync(pidFile, { force: true });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs `work` in a transaction scoped to one contract: row-level security then admits only that
 * contract's rows, whatever the query forgets. Code still filters by contract_id (style.md §3).
 */
export async function withTenant<T>(db: Db, contractId: string, work: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await enterTenant(trx, contractId);
    return work(trx);
  });
}

/**
 * Narrows an open transaction to one contract, for the rest of that transaction. (The punch path's
 * functions punch_batch_context and punch_batch_insert do the same inside one statement.)
 */
export async function enterTenant(trx: Tx, contractId: string): Promise<void> {
  await sql`select set_config('app.contract_id', ${contractId}, true), set_config('role', 'timecard_app', true)`.execute(
    trx,
  );
}

/** Whether the database answers (GET /healthz). */
export async function ping(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
