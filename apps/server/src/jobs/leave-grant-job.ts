import type { BaseLogger } from 'pino';
import type { Database } from '../db/database.ts';
import { grantDueLeave } from '../services/leave.service.ts';
import { startPoller } from './poller.ts';

export interface LeaveGrantJob {
  stop(): Promise<void>;
}

/**
 * The daily paid-leave grant (issue 17): at start and then every hour, writes every statutory grant
 * whose 基準日 has come. Each 基準日 is written once per person by a unique key (ON CONFLICT DO
 * NOTHING), so several server processes may run it, a process killed mid-run leaves nothing half
 * done (one transaction per contract), and a server that was down grants the missed days at start.
 */
export function startLeaveGrantJob(options: {
  database: Database;
  log: Pick<BaseLogger, 'info' | 'error'>;
  intervalMs?: number;
}): LeaveGrantJob {
  const { database, log } = options;
  return startPoller({
    everyMs: options.intervalMs ?? 60 * 60 * 1000,
    firstAfterMs: 5_000,
    onError: (error) => log.error({ err: error }, 'paid leave grant failed'),
    run: async () => {
      const written = await grantDueLeave(database.db, new Date());
      if (written > 0) log.info({ written }, 'paid leave granted');
    },
  });
}
