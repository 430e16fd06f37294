import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { AppError } from '@timecard/domain/errors';
import type { PoolConfig } from 'pg';
import { PGliteThread, threadPoolConfig } from './pglite-thread.ts';

/** An open embedded database, as the data layer uses it. */
export interface EmbeddedDatabase {
  /** The node-postgres pool configuration that reaches it. */
  poolConfig: PoolConfig;
  /** Closes PGlite and frees the data directory for another process. */
  close(): Promise<void>;
}

/**
 * Opens the embedded PGlite in `dataDir` (a new directory is initialised). PGlite is one process's
 * database: a pid file guards the directory, and a second opener is refused. With `thread`, PGlite
 * runs in a worker thread (the server: opening it and its queries then leave the event loop free,
 * bench/startup and bench/punch-load); without, on this thread (the CLI, tests).
 */
export async function openEmbedded(
  dataDir: string,
  options: { thread?: boolean } = {},
): Promise<EmbeddedDatabase> {
  const directory = resolve(dataDir);
  const release = lockDataDir(directory);
  const pgdata = join(directory, 'pgdata');
  try {
    copyTemplateInto(pgdata);
    if (options.thread) {
      const thread = new PGliteThread(pgdata);
      await thread.ready.catch(async (error: unknown) => {
        await thread.close().catch(() => {});
        throw error;
      });
      return {
        poolConfig: threadPoolConfig(thread),
        async close() {
          await thread.close();
          release();
        },
      };
    }
    const pglite = new PGlite(pgdata);
    await pglite.waitReady;
    return inProcess(pglite, async () => {
      await pglite.close();
      release();
    });
  } catch (error) {
    release();
    throw error;
  }
}

/**
 * The migrated cluster the build made beside the bundle (build.ts; absent when running from the
 * sources, as tests do, and then PGlite initialises the directory itself).
 */
const TEMPLATE = fileURLToPath(new URL('./pgdata-template/', import.meta.url));

/**
 * A new data directory starts as a copy of the build's template cluster (issue 21, ADR 027): a
 * copy takes a fraction of a second where initdb in WebAssembly and the migrations took seconds.
 * The migrations the server runs next find themselves applied (or apply those of a newer build).
 * Copied beside and renamed, so that a start killed mid-copy leaves no half cluster behind.
 */
export function copyTemplateInto(pgdata: string, template = TEMPLATE): boolean {
  if (existsSync(pgdata) || !existsSync(join(template, 'PG_VERSION'))) return false;
  const partial = `${pgdata}.copying-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  cpSync(template, partial, { recursive: true });
  renameSync(partial, pgdata);
  return true;
}

/** An embedded database already open on this thread (tests load one from a migrated template). */
export function inProcess(pglite: PGlite, close: () => Promise<void>): EmbeddedDatabase {
  return { poolConfig: createPgConfig(pglite) as PoolConfig, close };
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
