import type { BoardStaff, PunchResult, PunchType } from './punch-model.ts';
import { statusAfter } from './punch-model.ts';

/**
 * The offline punch queue (issue 5, product.md §8): a punch the terminal could not send waits here,
 * with the device time of the tap, and is sent later — in the order of the taps, one at a time, each
 * with the Idempotency-Key of its tap, so the server records it exactly once however many times the
 * sending is interrupted. This file is the pure part (no IndexedDB, no React), so it can be tested
 * in node; the storage is given to it.
 */
export interface QueuedPunch {
  /** The order of the taps (the storage's auto-increment key). */
  seq: number;
  /** The Idempotency-Key made at the tap; every attempt sends this one. */
  key: string;
  /** The terminal it was tapped on, `<契約ID>/<officeId>`: only that terminal can send it. */
  scope: string;
  staffId: number;
  /** For the screen and for a notice when the server refuses it. */
  staffName: string;
  type: PunchType;
  passcode?: string;
  /** The device clock at the tap (ISO). */
  deviceTime: string;
  /** The photo taken at the tap (issue 20), sent with its punch: a JPEG data URL. */
  photo?: string;
}

export type NewQueuedPunch = Omit<QueuedPunch, 'seq'>;

/** Where queued punches are kept (IndexedDB in the browser, memory in tests). */
export interface QueueStorage {
  /** Every entry, oldest tap first. */
  list(): Promise<QueuedPunch[]>;
  add(entry: NewQueuedPunch): Promise<QueuedPunch>;
  remove(seq: number): Promise<void>;
}

/** What one attempt to send an entry gave: a 2xx, or the error (status 0 = no network). */
export type SendOutcome =
  | { ok: true; result: PunchResult }
  | { ok: false; status: number; code: string; message: string };

/**
 * What to do with an entry after an attempt:
 * - `remove`: the server recorded it (201, or 200 for a replay of its key);
 * - `drop`: the server refused it for good (409 from the state machine, a wrong パスコード, a person
 *   no longer in use…): sending it again would be refused again, so it leaves the queue with a notice;
 * - `stop`: no answer, or one that may change (network, 5xx, 429, this device no longer
 *   authenticated): keep it and everything after it, and try again later, in the same order.
 */
export function decide(outcome: SendOutcome): 'remove' | 'drop' | 'stop' {
  if (outcome.ok) return 'remove';
  const { status, code } = outcome;
  if (status === 0 || status === 408 || status === 429 || status >= 500) return 'stop';
  if (code === 'terminal_unauthenticated') return 'stop';
  return 'drop';
}

export interface FlushHooks {
  onSent?: (entry: QueuedPunch, result: PunchResult) => void;
  onDropped?: (entry: QueuedPunch, outcome: Extract<SendOutcome, { ok: false }>) => void;
}

export interface FlushReport {
  sent: QueuedPunch[];
  dropped: QueuedPunch[];
  /** Why sending stopped with entries left, or null when every entry of the scope was settled. */
  stoppedBy: Extract<SendOutcome, { ok: false }> | null;
}

/**
 * Sends the scope's queued punches, oldest first, one at a time. An entry leaves the storage only
 * after the server answered 2xx (or refused it for good); the first `stop` ends the round with it
 * and every later entry still queued, so a later tap never overtakes an earlier one.
 */
export async function flushQueue(
  storage: QueueStorage,
  scope: string,
  send: (entry: QueuedPunch) => Promise<SendOutcome>,
  hooks: FlushHooks = {},
): Promise<FlushReport> {
  const report: FlushReport = { sent: [], dropped: [], stoppedBy: null };
  const entries = (await storage.list()).filter((entry) => entry.scope === scope);
  for (const entry of entries) {
    const outcome = await send(entry);
    const decision = decide(outcome);
    if (decision === 'stop') {
      report.stoppedBy = outcome.ok ? null : outcome;
      break;
    }
    await storage.remove(entry.seq);
    if (outcome.ok) {
      report.sent.push(entry);
      hooks.onSent?.(entry, outcome.result);
    } else {
      report.dropped.push(entry);
      hooks.onDropped?.(entry, outcome);
    }
  }
  return report;
}

export type StaffWithPending<T extends BoardStaff = BoardStaff> = T & {
  /** Punches of this person still waiting in the queue (shown as 「送信待ち」). */
  pending: number;
};

/**
 * The board as it will be once the queue is sent: each person with queued punches takes the state
 * after their last one, so the screen offers the right buttons while offline.
 */
export function applyPending<T extends BoardStaff>(
  staff: readonly T[],
  entries: readonly QueuedPunch[],
): StaffWithPending<T>[] {
  const byStaff = new Map<number, QueuedPunch[]>();
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    const list = byStaff.get(entry.staffId) ?? [];
    list.push(entry);
    byStaff.set(entry.staffId, list);
  }
  return staff.map((person) => {
    const queued = byStaff.get(person.id);
    const last = queued?.[queued.length - 1];
    return last
      ? { ...person, ...statusAfter(last.type), pending: queued.length }
      : { ...person, pending: 0 };
  });
}

/** A storage in memory: for tests, and for browsers without IndexedDB (the queue then lives as long as the page). */
export function memoryStorage(initial: QueuedPunch[] = []): QueueStorage {
  let entries = [...initial];
  let next = entries.reduce((max, entry) => Math.max(max, entry.seq), 0) + 1;
  return {
    async list() {
      return [...entries].sort((a, b) => a.seq - b.seq);
    },
    async add(entry) {
      const saved = { ...entry, seq: next++ };
      entries.push(saved);
      return saved;
    },
    async remove(seq) {
      entries = entries.filter((entry) => entry.seq !== seq);
    },
  };
}
