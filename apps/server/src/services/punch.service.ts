import {
  AppError,
  assertPunchAllowed,
  type EvidenceVerdict,
  IdempotencyKeySchema,
  isAppError,
  isoInZone,
  type PunchType,
  punchStatus,
  workDateOf,
} from '@timecard/domain';
import { BatchQueue, type Settled } from '../db/batch-queue.ts';
import { type Db, withTenant } from '../db/database.ts';
import type { PunchesTable } from '../db/schema.ts';
import { insertHeldPunches, loadHoldContext } from '../repositories/held-punch.repository.ts';
import {
  findPunchesByKeys,
  insertPunchBatch,
  loadPunchBatchContext,
  type NewPunch,
  type PunchAnswer,
} from '../repositories/punch.repository.ts';
import { insertPunchPhoto } from '../repositories/punch-photo.repository.ts';
import { findStaff } from '../repositories/staff.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { verifyPassword } from './password.service.ts';
import {
  forgetAttempts,
  giveBackAttempt,
  type ThrottlePolicy,
  takeAttemptOrThrow,
} from './throttle.service.ts';
import { emitEvents } from './webhook-events.ts';

/** A person's own wrong パスコード on a terminal: a few tries, then growing waits. */
const PASSCODE_PER_STAFF: ThrottlePolicy = { free: 5, baseSeconds: 5, maxSeconds: 900, windowSeconds: 3600 };
/** A device clock further than this from the server's is flagged on the punch. */
const SKEW_FLAG_SECONDS = 300;
/** An offline punch older than this is refused rather than guessed (a week of lost Wi-Fi). */
const MAX_OFFLINE_SECONDS = 7 * 24 * 3600;

export const DEFAULT_DAY_BOUNDARY = '05:00';

export function dayBoundaryOf(settings: Record<string, unknown> | undefined): string {
  const value = settings?.dayBoundary;
  return typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value) ? value : DEFAULT_DAY_BOUNDARY;
}

export interface PunchRequest {
  staffId: number;
  type: PunchType;
  source: PunchesTable['source'];
  officeId: number | null;
  terminalId: number | null;
  actorAccountId: number | null;
  idempotencyKey: string | undefined;
  /** The device's clock when the person tapped (offline terminals send it with the queued punch). */
  deviceTime?: string | undefined;
  /** The device's clock when the request was sent; with deviceTime it gives the punch's age. */
  sentAt?: string | undefined;
  /** Checked when the office asks for パスコード (terminal punches only). */
  passcode?: string | undefined;
  requirePasscode?: boolean;
  /**
   * The office's evidence settings applied to this punch (issue 20): a refusal, the flags to record
   * (position, fence) and the photo to keep. The refusal is applied after the idempotency check, so
   * a retry of a recorded punch still gets its first answer.
   */
  evidence?: { verdict: EvidenceVerdict; photo: Buffer | null };
}

export interface PunchResult {
  punch: {
    id: number;
    staffId: number;
    type: PunchType;
    punchedAt: string;
    workDate: string;
    deviceAt: string | null;
  };
  status: ReturnType<typeof punchStatus>;
  /** True when this answers a retry of a punch already recorded (same Idempotency-Key). */
  replayed: boolean;
  /**
   * True when the punch fell in a closed period (締め済み): it is kept, not lost, for an
   * administrator to take in or discard (issue 11 §4), and changes nobody's state.
   */
  held?: true;
}

/**
 * When the punch happened on the server's clock. Online, it is now. A queued offline punch carries
 * the device time of the tap and of the sending: their difference is the punch's age, measured on
 * one clock, so a wrong device clock cancels out (product.md §6: the server's clock is the truth).
 */
export function serverTimeOfPunch(
  now: Date,
  deviceTime?: string,
  sentAt?: string,
): { at: Date; skewSeconds: number | null } {
  if (!deviceTime) return { at: now, skewSeconds: null };
  const tapped = Date.parse(deviceTime);
  const sent = sentAt ? Date.parse(sentAt) : tapped;
  if (Number.isNaN(tapped) || Number.isNaN(sent)) throw new AppError('bad_request');
  const age = Math.max(0, sent - tapped);
  if (age > MAX_OFFLINE_SECONDS * 1000) throw new AppError('bad_request');
  return { at: new Date(now.getTime() - age), skewSeconds: Math.round((sent - now.getTime()) / 1000) };
}

/** A punch that passed the checks of its request and waits for its batch. */
interface QueuedPunch {
  request: PunchRequest;
  key: string;
  now: Date;
  at: Date;
  skewSeconds: number | null;
}

/** One group-commit queue per database (per contract, one batch at a time). */
const queues = new WeakMap<Db, BatchQueue<QueuedPunch, PunchResult>>();

function punchQueue(db: Db): BatchQueue<QueuedPunch, PunchResult> {
  let queue = queues.get(db);
  if (!queue) {
    queue = new BatchQueue((contractId, items) => writePunches(db, contractId, items));
    queues.set(db, queue);
  }
  return queue;
}

/**
 * Records one punch, exactly once: the same Idempotency-Key answers with the first result, punches of
 * one person are serialised, the state machine refuses a punch invalid now (and then changes
 * nothing), and a staff member set to 利用しない cannot punch. Punches arriving together are written
 * together (group commit, ADR 006); the answer comes after the commit.
 */
export async function recordPunch(
  ctx: AuthContext,
  contractId: string,
  request: PunchRequest,
): Promise<PunchResult> {
  const key = IdempotencyKeySchema.safeParse(request.idempotencyKey);
  if (!key.success) throw new AppError('idempotency_key_invalid');
  const now = ctx.now ? ctx.now() : new Date();
  const timing = serverTimeOfPunch(now, request.deviceTime, request.sentAt);
  if (request.requirePasscode) await checkPasscode(ctx, contractId, request, now);
  const photo = request.evidence?.verdict.keepPhoto ? request.evidence.photo : null;
  if (photo) {
    // Before the punch, in its own transaction, under the punch's key (ADR 019): once the punch is
    // recorded its photo is there, and a photo whose punch is refused is purged as an orphan.
    await withTenant(ctx.db, contractId, (trx) =>
      insertPunchPhoto(trx, contractId, {
        idempotencyKey: key.data,
        staffId: request.staffId,
        receivedAt: now,
        jpeg: photo,
      }),
    );
  }
  return punchQueue(ctx.db).submit(contractId, {
    request,
    key: key.data,
    now,
    at: timing.at,
    skewSeconds: timing.skewSeconds,
  });
}

/** The person's own パスコード, when the office asks for it: throttled per person. */
async function checkPasscode(ctx: AuthContext, contractId: string, request: PunchRequest, now: Date) {
  const throttle = { key: passcodeKey(contractId, request.staffId), policy: PASSCODE_PER_STAFF };
  // Counted before it is compared, in one statement: concurrent guesses cannot exceed the limit.
  await takeAttemptOrThrow(ctx.db, [throttle], now);
  const staff = await withTenant(ctx.db, contractId, (trx) => findStaff(trx, contractId, request.staffId));
  if (staff?.passcodeHash) {
    if (!request.passcode) {
      await giveBackAttempt(ctx.db, throttle);
      throw new AppError('passcode_required');
    }
    if (!(await verifyPassword(staff.passcodeHash, request.passcode))) throw new AppError('passcode_wrong');
  }
  await forgetAttempts(ctx.db, throttle.key);
}

/** A batch decided again this many times, because others kept writing for its people, gives up. */
const MAX_ATTEMPTS = 20;

/**
 * Writes one batch of a contract's punches in two round trips: one statement reads everything the
 * checks need, the punches are decided in arrival order (a person's second punch in the batch sees
 * the first), one statement writes them under the people's punch locks. A person whose state
 * changed in between (another server or a correction wrote meanwhile) is decided again. When the
 * write fails for a reason other than a refused punch, the items are written one by one, so that
 * no punch fails because of another's.
 */
async function writePunches(
  db: Db,
  contractId: string,
  items: QueuedPunch[],
): Promise<Settled<PunchResult>[]> {
  try {
    const outcomes: Settled<PunchResult>[] = new Array(items.length);
    let pending = items.map((item, index) => ({ item, index }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new AppError('punch_busy');
      const { answered, stale } = await decideAndInsert(
        db,
        contractId,
        pending.map((p) => p.item),
      );
      pending.forEach((p, i) => {
        const outcome = answered[i];
        if (outcome) outcomes[p.index] = outcome;
      });
      pending = pending.filter((p) => stale.has(p.item.request.staffId));
    }
    return outcomes;
  } catch (error) {
    if (items.length === 1 || isAppError(error)) throw error;
    const outcomes: Settled<PunchResult>[] = [];
    for (const item of items) {
      try {
        outcomes.push(...(await writePunches(db, contractId, [item])));
      } catch (itemError) {
        outcomes.push({ ok: false, error: itemError });
      }
    }
    return outcomes;
  }
}

type Decision =
  | { kind: 'refused'; error: unknown }
  | { kind: 'replay' }
  | { kind: 'heldReplay'; status: ReturnType<typeof punchStatus> }
  | { kind: 'hold'; punch: NewPunch; status: ReturnType<typeof punchStatus> }
  | { kind: 'insert'; punch: NewPunch; status: ReturnType<typeof punchStatus> };

/**
 * One attempt at a batch: the outcome of each item (undefined for the people found stale, who
 * must be decided again) and those people's staff ids.
 */
async function decideAndInsert(
  db: Db,
  contractId: string,
  items: QueuedPunch[],
): Promise<{ answered: (Settled<PunchResult> | undefined)[]; stale: Set<number> }> {
  const staffIds = unique(items.map((item) => item.request.staffId));
  const context = await loadPunchBatchContext(db, contractId, {
    staffIds,
    officeIds: unique(items.flatMap((item) => item.request.officeId ?? [])),
    keys: unique(items.map((item) => item.key)),
  });
  if (!context) throw new AppError('contract_not_found', { contractId });
  const { timeZone } = context;
  const boundary = dayBoundaryOf(JSON.parse(context.settings) as Record<string, unknown>);
  const rows = new Map(context.used.map((row) => [row.idempotencyKey, row]));
  const hold = await loadHoldContext(db, contractId, unique(items.map((item) => item.key)));
  const heldRows = new Map(hold.held.map((row) => [row.idempotencyKey, row]));
  const state: BatchState = {
    usage: new Map(context.staff.map((person) => [person.id, person.usage])),
    memberships: new Set(context.memberships.map((m) => `${m.staffId}:${m.officeId}`)),
    offices: new Set(context.officeIds),
    usedKeys: new Set(rows.keys()),
    last: new Map(context.lastPunches.map((p) => [p.staffId, p])),
    heldKeys: new Set(heldRows.keys()),
    locks: hold.locks,
  };
  const expected = staffIds.map((staffId) => ({
    staffId,
    lastId: state.last.get(staffId)?.id ?? null,
  }));
  const decisions = items.map((item) => decide(item, state, timeZone, boundary));

  const toHold = decisions.flatMap((decision) => (decision.kind === 'hold' ? [decision.punch] : []));
  if (toHold.length > 0) {
    for (const row of await insertHeldPunches(db, contractId, toHold)) heldRows.set(row.idempotencyKey, row);
  }
  const toWrite = decisions.flatMap((decision) => (decision.kind === 'insert' ? [decision.punch] : []));
  // The batch and its punch.created events commit together (webhooks, issue 14): the function call
  // enters the contract, the events follow in the same transaction. A contract with no endpoint
  // wanting punch.created (seen by the read above) keeps the single autocommitted statement.
  const written =
    toWrite.length === 0
      ? { stale: [], inserted: [] }
      : !hold.punchWebhooks
        ? await insertPunchBatch(db, contractId, expected, toWrite)
        : await db.transaction().execute(async (trx) => {
            const result = await insertPunchBatch(trx, contractId, expected, toWrite);
            const byKey = new Map(toWrite.map((punch) => [punch.idempotencyKey, punch]));
            await emitEvents(
              trx,
              contractId,
              result.inserted.map((row) => ({
                type: 'punch.created' as const,
                data: { punch: punchEventData(row, byKey.get(row.idempotencyKey)!, timeZone) },
              })),
            );
            return result;
          });
  const stale = new Set(written.stale);
  const inserted = new Set(written.inserted.map((row) => row.idempotencyKey));
  for (const row of written.inserted) rows.set(row.idempotencyKey, row);
  // A key that another server recorded between the two statements: answer with its punch.
  const missing = unique(
    items
      .filter((item, i) => decisions[i]!.kind === 'insert' && !stale.has(item.request.staffId))
      .map((item) => item.key)
      .filter((key) => !rows.has(key)),
  );
  if (missing.length > 0) {
    const earlier = await withTenant(db, contractId, (trx) => findPunchesByKeys(trx, contractId, missing));
    for (const row of earlier) rows.set(row.idempotencyKey, row);
  }

  const answered = items.map((item, index): Settled<PunchResult> | undefined => {
    if (stale.has(item.request.staffId)) return undefined;
    const decision = decisions[index]!;
    if (decision.kind === 'refused') return { ok: false, error: decision.error };
    if (decision.kind === 'hold' || decision.kind === 'heldReplay') {
      const held = heldRows.get(item.key)!;
      return {
        ok: true,
        value: {
          punch: present(held, timeZone),
          status: decision.status,
          replayed: decision.kind === 'heldReplay',
          held: true,
        },
      };
    }
    const row = rows.get(item.key)!;
    if (decision.kind === 'insert' && inserted.has(item.key)) {
      return { ok: true, value: { punch: present(row, timeZone), status: decision.status, replayed: false } };
    }
    const today = workDateOf(item.now, timeZone, boundary);
    return {
      ok: true,
      value: {
        punch: present(row, timeZone),
        status: punchStatus({ type: row.type, workDate: row.workDate }, today),
        replayed: true,
      },
    };
  });
  return { answered, stale };
}

/** What the batch knows of the people, updated as its punches are decided. */
interface BatchState {
  usage: Map<number, string>;
  memberships: Set<string>;
  offices: Set<number>;
  usedKeys: Set<string>;
  last: Map<number, { id: number | null; type: PunchType; workDate: string; at: number }>;
  /** Keys held earlier for a closed period, and the closed periods themselves. */
  heldKeys: Set<string>;
  locks: { from: string; to: string }[];
}

/** The checks of one punch against the state before it; an accepted punch updates that state. */
function decide(item: QueuedPunch, state: BatchState, timeZone: string, boundary: string): Decision {
  const { request } = item;
  if (state.heldKeys.has(item.key)) {
    const today = workDateOf(item.now, timeZone, boundary);
    return { kind: 'heldReplay', status: punchStatus(state.last.get(request.staffId), today) };
  }
  if (state.usedKeys.has(item.key)) return { kind: 'replay' };
  try {
    const refusal = request.evidence?.verdict.refusal;
    if (refusal) throw new AppError(refusal.code, refusal.params);
    const usage = state.usage.get(request.staffId);
    if (usage === undefined) throw new AppError('staff_not_found');
    if (request.officeId !== null) {
      if (!state.offices.has(request.officeId)) throw new AppError('office_not_found');
      // A terminal punches only the people of its own office (the personal clock: oneself anywhere).
      if (request.source !== 'personal' && !state.memberships.has(`${request.staffId}:${request.officeId}`)) {
        throw new AppError('staff_not_found');
      }
    }
    if (usage !== 'active') throw new AppError('staff_not_in_use');

    const today = workDateOf(item.at, timeZone, boundary);
    const last = state.last.get(request.staffId);
    const status = punchStatus(last, today);
    // A closed period takes no punch, and loses none: it is held for an administrator, whatever
    // the person's state (a late offline punch is judged when it is taken in).
    if (state.locks.some((lock) => lock.from <= today && today <= lock.to)) {
      state.heldKeys.add(item.key);
      return {
        kind: 'hold',
        punch: newPunchOf(item, today, {
          ...request.evidence?.verdict.flags,
          ...(item.at.getTime() < item.now.getTime() - 30_000 ? { offline: true } : {}),
        }),
        status,
      };
    }
    assertPunchAllowed(status, request.type);
    const flags: Record<string, unknown> = { ...request.evidence?.verdict.flags };
    if (request.type === 'clock_in' && status.missingClockOut) flags.previousShiftOpen = true;
    if (item.skewSeconds !== null && Math.abs(item.skewSeconds) > SKEW_FLAG_SECONDS) {
      flags.clockSkewSeconds = item.skewSeconds;
    }
    if (item.at.getTime() < item.now.getTime() - 30_000) flags.offline = true;
    // 退勤, 休憩 and 復帰 belong to the shift they end or interrupt, even past midnight.
    const workDate = request.type === 'clock_in' || !last ? today : last.workDate;

    state.usedKeys.add(item.key);
    // The latest punch is the newest in time: an older offline punch does not replace it.
    if (!last || item.at.getTime() >= last.at) {
      state.last.set(request.staffId, { id: null, type: request.type, workDate, at: item.at.getTime() });
    }
    return {
      kind: 'insert',
      punch: newPunchOf(item, workDate, flags),
      status: punchStatus({ type: request.type, workDate }, today),
    };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { kind: 'refused', error };
  }
}

/** The row a decided punch is written as (into punches, or held for a closed period). */
function newPunchOf(item: QueuedPunch, workDate: string, flags: Record<string, unknown>): NewPunch {
  const { request } = item;
  return {
    staffId: request.staffId,
    officeId: request.officeId,
    type: request.type,
    punchedAt: item.at,
    deviceAt: request.deviceTime ? new Date(request.deviceTime) : null,
    workDate,
    source: request.source,
    idempotencyKey: item.key,
    terminalId: request.terminalId,
    actorAccountId: request.actorAccountId,
    flags,
  };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

function passcodeKey(contractId: string, staffId: number) {
  return `passcode:${contractId}:${staffId}`;
}

function present(row: Omit<PunchAnswer, 'idempotencyKey'>, timeZone: string) {
  return {
    id: row.id,
    staffId: row.staffId,
    type: row.type,
    punchedAt: isoInZone(row.punchedAt, timeZone),
    workDate: row.workDate,
    deviceAt: row.deviceAt ? isoInZone(row.deviceAt, timeZone) : null,
  };
}

/** A punch as a webhook tells of it (docs/webhooks.md, `punch.created`). */
export function punchEventData(
  row: Omit<PunchAnswer, 'idempotencyKey'>,
  punch: Pick<NewPunch, 'officeId' | 'source'>,
  timeZone: string,
) {
  return {
    ...present(row, timeZone),
    officeId: punch.officeId,
    source: punch.source,
  };
}
