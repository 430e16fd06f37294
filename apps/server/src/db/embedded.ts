import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { AppError } from '@timecard/domain/errors';

export interface EmbeddedDatabase {
  pglite: PGlite;
  /** Frees the data directory for another process (after closing PGlite). */
  release(): void;
}

/**
 * Opens the embedded PGlite in `dataDir` (a new directory is initialised). PGlite is one process's
 * database: a pid file guards the directory, and a second opener is refused. Kept apart from the
 * rest of the data layer so that main.ts can start it before loading the server (it is most of a
 * start: bench/startup).
 */
export async function openEmbedded(dataDir: string): Promise<EmbeddedDatabase> {
  const directory = resolve(dataDir);
  const release = lockDataDir(directory);
  try {
    const pglite = new PGlite(join(directory, 'pgdata'));
    await pglite.waitReady;
    return { pglite, release };
  } catch (error) {
    release();
    throw error;
  }
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
