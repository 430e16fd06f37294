import type { BaseLogger } from 'pino';
import type { Database } from '../db/database.ts';
import { refreshQueuedContracts, sendAlertDigests } from '../services/labor-alert.service.ts';
import { startPoller } from './poller.ts';

export interface LaborAlertWorkerOptions {
  database: Database;
  publicUrl: string;
  log: Pick<BaseLogger, 'info' | 'warn' | 'error'>;
  /** How often to look for stale staff-month totals; 0 turns polling off (tests call the steps). */
  pollMs?: number;
  /** How often to look whether a digest is due (it goes out at most once a day per contract). */
  digestEveryMs?: number;
}

export interface LaborAlertWorker {
  stop(): Promise<void>;
}

/**
 * 労務アラート in the background: recomputes the staff-months that punches, corrections and imports
 * marked stale (claims with SKIP LOCKED and a lease, so several processes share the work and a
 * killed one loses nothing), and sends the daily digest when there is something new.
 */
export function startLaborAlertWorker(options: LaborAlertWorkerOptions): LaborAlertWorker {
  const { database, log, publicUrl } = options;
  const pollMs = options.pollMs ?? 2000;
  const digestEveryMs = options.digestEveryMs ?? 10 * 60_000;
  let lastDigest = 0;
  const poller = startPoller({
    everyMs: pollMs,
    onError: (error) => log.error({ err: error }, 'labour alert run failed; will try again'),
    run: async () => {
      for (;;) {
        const { contracts } = await refreshQueuedContracts(database.db);
        if (contracts === 0 || poller.stopped) break;
      }
      if (!poller.stopped && Date.now() - lastDigest >= digestEveryMs) {
        lastDigest = Date.now();
        const sent = await sendAlertDigests(database.db, { publicUrl });
        if (sent > 0) log.info({ contracts: sent }, 'labour alert digests queued');
      }
    },
  });
  return { stop: () => poller.stop() };
}
