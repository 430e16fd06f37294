import { useCallback, useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { isApiError } from '../shared/api.ts';
import { postTerminalPunch } from './punch-api.ts';
import type { PunchResult } from './punch-model.ts';
import {
  type FlushHooks,
  type FlushReport,
  flushQueue,
  type NewQueuedPunch,
  type QueuedPunch,
  type QueueStorage,
  type SendOutcome,
} from './punch-queue.ts';
import { indexedDbStorage } from './punch-queue-idb.ts';

/** A queued punch the server refused for good: it left the queue, and the screen says so. */
export interface DroppedNotice {
  id: number;
  entry: QueuedPunch;
  message: string;
}

interface Snapshot {
  entries: QueuedPunch[];
  notices: DroppedNotice[];
  /** False until the stored queue has been read once. */
  loaded: boolean;
}

/** How often a terminal with queued punches tries again, besides the browser's `online` event. */
const RETRY_MS = 15_000;

/**
 * The device's one punch queue: the stored entries mirrored in memory for the screen, and a single
 * sender at a time (in this tab by a promise, across tabs by a Web Lock), so no entry is sent by two
 * senders at once and the order of the taps holds.
 */
class PunchQueueStore {
  private snapshot: Snapshot = { entries: [], notices: [], loaded: false };
  private readonly listeners = new Set<() => void>();
  private flushing: Promise<FlushReport | null> | null = null;
  private noticeId = 0;
  private readonly ready: Promise<void>;

  constructor(private readonly storage: QueueStorage) {
    this.ready = this.reload();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  private update(next: Partial<Snapshot>) {
    this.snapshot = { ...this.snapshot, ...next };
    for (const listener of this.listeners) listener();
  }

  private async reload() {
    try {
      this.update({ entries: await this.storage.list(), loaded: true });
    } catch {
      this.update({ loaded: true });
    }
  }

  async add(entry: NewQueuedPunch): Promise<QueuedPunch> {
    await this.ready;
    const saved = await this.storage.add(entry);
    this.update({ entries: [...this.snapshot.entries, saved] });
    return saved;
  }

  dismiss(id: number) {
    this.update({ notices: this.snapshot.notices.filter((notice) => notice.id !== id) });
  }

  /** Sends the scope's entries in order; a call while a round runs joins that round. */
  flush(scope: string, hooks: FlushHooks = {}): Promise<FlushReport | null> {
    if (this.flushing) return this.flushing;
    this.flushing = (async () => {
      await this.ready;
      if (typeof navigator !== 'undefined' && navigator.onLine === false) return null;
      if (!this.snapshot.entries.some((entry) => entry.scope === scope)) return null;
      const observed: QueueStorage = {
        list: () => this.storage.list(),
        add: (entry) => this.storage.add(entry),
        remove: async (seq) => {
          await this.storage.remove(seq);
          this.update({ entries: this.snapshot.entries.filter((entry) => entry.seq !== seq) });
        },
      };
      const round = () =>
        flushQueue(observed, scope, sendQueued, {
          onSent: hooks.onSent,
          onDropped: (entry, outcome) => {
            this.update({
              notices: [...this.snapshot.notices, { id: ++this.noticeId, entry, message: outcome.message }],
            });
            hooks.onDropped?.(entry, outcome);
          },
        });
      try {
        const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
        return locks ? await locks.request('timecard-punch-queue', round) : await round();
      } finally {
        await this.reload();
      }
    })().finally(() => {
      this.flushing = null;
    });
    // A tap queued while a round ran is sent by a next round at once, not 15 s later.
    void this.flushing.then((report) => {
      if (report && !report.stoppedBy && this.snapshot.entries.some((entry) => entry.scope === scope)) {
        void this.flush(scope, hooks);
      }
    });
    return this.flushing;
  }
}

/** One attempt to send a queued punch: with its own key, its tap time and the time of sending. */
async function sendQueued(entry: QueuedPunch): Promise<SendOutcome> {
  try {
    const result = await postTerminalPunch(
      {
        staffId: entry.staffId,
        type: entry.type,
        deviceTime: entry.deviceTime,
        ...(entry.passcode ? { passcode: entry.passcode } : {}),
        ...(entry.photo ? { photo: entry.photo } : {}),
      },
      entry.key,
      new Date().toISOString(),
    );
    return { ok: true, result };
  } catch (error) {
    if (isApiError(error)) {
      return { ok: false, status: error.status, code: error.code, message: error.message };
    }
    return { ok: false, status: 0, code: 'network_error', message: String(error) };
  }
}

let store: PunchQueueStore | null = null;
function queueStore(): PunchQueueStore {
  store ??= new PunchQueueStore(indexedDbStorage());
  return store;
}

/**
 * The offline queue of one terminal (`scope` = `<契約ID>/<officeId>`): its entries and notices for the
 * screen, `enqueue` for a punch that could not be sent, and sending — now, when the browser comes
 * back online, and every 15 s while entries wait.
 */
export function usePunchQueue(scope: string | null, onSent: (result: PunchResult) => void) {
  const queue = queueStore();
  const snapshot = useSyncExternalStore(queue.subscribe, queue.getSnapshot, queue.getSnapshot);
  const onSentRef = useRef(onSent);
  onSentRef.current = onSent;
  const entries = useMemo(
    () => snapshot.entries.filter((entry) => entry.scope === scope),
    [snapshot.entries, scope],
  );

  const flush = useCallback(() => {
    if (!scope) return Promise.resolve(null);
    return queue.flush(scope, { onSent: (_entry, result) => onSentRef.current(result) });
  }, [queue, scope]);

  const waiting = entries.length > 0;
  useEffect(() => {
    if (!scope) return;
    const retry = () => void flush();
    window.addEventListener('online', retry);
    const timer = waiting ? window.setInterval(retry, RETRY_MS) : undefined;
    if (waiting) retry();
    return () => {
      window.removeEventListener('online', retry);
      if (timer !== undefined) window.clearInterval(timer);
    };
  }, [scope, waiting, flush]);

  return {
    loaded: snapshot.loaded,
    entries,
    notices: snapshot.notices.filter((notice) => notice.entry.scope === scope),
    enqueue: (entry: NewQueuedPunch) => queue.add(entry),
    flush,
    dismiss: (id: number) => queue.dismiss(id),
  };
}
