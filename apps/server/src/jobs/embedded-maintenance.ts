import type { Database } from '../db/database.ts';
import { analyzeAllTables } from '../repositories/maintenance.repository.ts';
import { startPoller } from './poller.ts';

export interface EmbeddedMaintenance {
  /** Ends the schedule and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * The embedded database (PGlite) runs PostgreSQL in single-user mode, where no autovacuum keeps the
 * planner's statistics current; left stale, the punch path's index probes can turn into scans of a
 * contract's punches (bench/punch-load). This runs ANALYZE a minute after the start and then every
 * hour. PostgreSQL servers do it themselves (autovacuum), so this is for PGlite only.
 */
export function startEmbeddedMaintenance(options: {
  database: Database;
  log: { info(details: object, message: string): void; warn(details: object, message: string): void };
  firstAfterMs?: number;
  everyMs?: number;
}): EmbeddedMaintenance {
  const { database, log } = options;
  return startPoller({
    everyMs: options.everyMs ?? 3_600_000,
    firstAfterMs: options.firstAfterMs ?? 60_000,
    onError: (error) =>
      log.warn({ err: error }, 'ANALYZE of the embedded database failed; retried at the next run'),
    run: async () => {
      const started = performance.now();
      await analyzeAllTables(database.db);
      log.info({ ms: Math.round(performance.now() - started) }, 'embedded database statistics refreshed');
    },
  });
}
