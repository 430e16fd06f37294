import type { Database } from '../db/database.ts';
import { purgePunchPhotos } from '../services/punch-evidence.service.ts';
import { startPoller } from './poller.ts';

export interface PhotoPurge {
  /** Ends the schedule and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Deletes punch photos past their contract's retention (issue 20), a few minutes after the start
 * and then every hour. Every server process runs it: the deletes skip rows another process holds
 * (FOR UPDATE SKIP LOCKED), so each photo is deleted once, and a process killed mid-run leaves its
 * batch for the next run (ADR 019).
 */
export function startPhotoPurge(options: {
  database: Database;
  log: { info(details: object, message: string): void; warn(details: object, message: string): void };
  firstAfterMs?: number;
  everyMs?: number;
  now?: () => Date;
}): PhotoPurge {
  const { database, log } = options;
  return startPoller({
    everyMs: options.everyMs ?? 3_600_000,
    firstAfterMs: options.firstAfterMs ?? 5 * 60_000,
    onError: (error) => log.warn({ err: error }, 'punch photo purge failed; retried at the next run'),
    run: async () => {
      const { deleted } = await purgePunchPhotos(database.db, options.now?.() ?? new Date());
      if (deleted > 0) log.info({ deleted }, 'punch photos past their retention deleted');
    },
  });
}
