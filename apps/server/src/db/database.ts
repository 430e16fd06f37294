import type { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { type EmbeddedDatabase, inProcess, openEmbedded } from './embedded.ts';
import { queryRecorder } from './query-log.ts';
import type { DB } from './schema.ts';
import { parseTimestamptz } from './timestamp-parser.ts';

// int8 ids fit in a JS number here; `date` stays a 'YYYY-MM-DD' string so that the host's time
// zone never shifts a work date.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
// timestamptz through a faster parser of PostgreSQL's own form (the same Date; reports read many).
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, parseTimestamptz);

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
  /** An already open PGlite (tests load one from a migrated template); the caller closes it. */
  pglite?: PGlite;
  /** The embedded database of `dataDir`, already being opened (main.ts starts it first). */
  embedded?: Promise<EmbeddedDatabase>;
  poolSize?: number;
  /**
   * Told when a pooled connection dies (PostgreSQL restarted, the network cut): without a listener
   * its 'error' event would end the process. The pool connects again at the next query.
   */
  onConnectionLost?: (error: Error) => void;
}

/**
 * Opens PostgreSQL when a URL is given, otherwise the embedded PGlite in `dataDir`. PGlite is one
 * process's database: a pid file guards the directory, and a second opener is refused.
 */
export async function openDatabase(options: OpenOptions): Promise<Database> {
  const plugins = [new CamelCasePlugin()];
  // Tests record every statement for the router-query check (query-log.ts); off otherwise.
  const log = queryRecorder();
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 20,
      // A database that does not answer fails the request (503) instead of holding it forever.
      connectionTimeoutMillis: 5000,
    });
    const lost = options.onConnectionLost ?? (() => {});
    // The pool listens on idle connections only; a connection that dies while checked out (between
    // the queries of a transaction) would emit 'error' with no listener. Its query fails anyway.
    pool.on('error', lost);
    pool.on('connect', (client) => client.on('error', lost));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins, ...(log ? { log } : {}) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  const opening: Promise<EmbeddedDatabase> = options.pglite
    ? Promise.resolve(inProcess(options.pglite, async () => {}))
    : (options.embedded ?? openEmbedded(options.dataDir ?? './data'));
  if (options.embedded) {
    // Still opening (main.ts began it): the pool is made at the first query, so the server is
    // built meanwhile; a failure to open surfaces there.
    opening.catch(() => {});
  } else {
    await opening;
  }
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: async () => new pg.Pool((await opening).poolConfig) }),
    plugins,
    ...(log ? { log } : {}),
  });
  return {
    db,
    engine: 'pglite',
    async close() {
      await db.destroy();
      await (await opening.catch(() => undefined))?.close();
    },
  };
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
