export interface Poller<T> {
  /** Runs the work now, after any run in flight: two runs of one poller never overlap. */
  runNow(): Promise<T>;
  /** Ends polling and waits for the run in flight; work left is found by the next start. */
  stop(): Promise<void>;
  /** Whether stop() was called (long runs check it between units of work). */
  readonly stopped: boolean;
}

export interface PollerOptions<T> {
  /** The work of one run. */
  run: () => Promise<T>;
  /** The wait after a run ends before the next; 0 or less: no polling (tests call runNow). */
  everyMs: number;
  /** The wait before the first run (default everyMs). */
  firstAfterMs?: number;
  /** A failed scheduled run is told here and tried again at the next one. */
  onError: (error: unknown) => void;
}

/**
 * The loop every background job shares: a run every `everyMs` after the previous one ended, never
 * two at once (a scheduled run and a runNow() are chained), timers that do not keep a process (a
 * CLI, a test) alive, and a stop() that waits for the run in flight. Each job's exactly-once rule
 * across processes lives in its own queries (SKIP LOCKED, leases, unique keys), not here.
 */
export function startPoller<T>(options: PollerOptions<T>): Poller<T> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const runNow = (): Promise<T> => {
    const run = running.then(options.run);
    running = run.catch(() => undefined);
    return run;
  };
  const tick = () => {
    timer = undefined;
    runNow()
      .catch(options.onError)
      .finally(() => {
        if (!stopped) schedule(options.everyMs);
      });
  };
  const schedule = (ms: number) => {
    timer = setTimeout(tick, ms);
    timer.unref();
  };
  if (options.everyMs > 0) schedule(options.firstAfterMs ?? options.everyMs);

  return {
    runNow,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    get stopped() {
      return stopped;
    },
  };
}
