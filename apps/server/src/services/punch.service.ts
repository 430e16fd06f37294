import {
  AppError,
  assertPunchAllowed,
  IdempotencyKeySchema,
  isoInZone,
  type PunchType,
  punchStatus,
  workDateOf,
} from '@timecard/domain';
import { withTenant } from '../db/database.ts';
import type { PunchesTable } from '../db/schema.ts';
import {
  findPunchByKey,
  insertPunch,
  loadPunchContext,
  staffPunchLock,
} from '../repositories/punch.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { verifyPassword } from './password.service.ts';
import { assertNotThrottled, recordFailure, resetThrottle, type ThrottlePolicy } from './throttle.service.ts';

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

/**
 * Records one punch, exactly once: the same Idempotency-Key answers with the first result, punches of
 * one person are serialised, the state machine refuses a punch invalid now (and then changes
 * nothing), and a staff member set to 利用しない cannot punch.
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

  if (request.requirePasscode) {
    await assertNotThrottled(ctx.db, [passcodeKey(contractId, request.staffId)], now);
  }
  // The person's lock is taken first, then the key is looked up: a concurrent retry waits and then
  // finds the first punch.
  const lock = { advisoryLock: staffPunchLock(contractId, request.staffId) };
  const outcome = await withTenant(
    ctx.db,
    contractId,
    async (trx) => {
      const context = await loadPunchContext(
        trx,
        contractId,
        request.staffId,
        request.officeId ?? 0,
        key.data,
      );
      if (context.timeZone === null) throw new AppError('contract_not_found', { contractId });
      const timeZone = context.timeZone;
      const boundary = dayBoundaryOf(context.settings ? JSON.parse(context.settings) : undefined);
      if (context.replayId !== null) {
        return { replay: (await findPunchByKey(trx, contractId, key.data))!, timeZone, boundary };
      }
      if (context.usage === null) throw new AppError('staff_not_found');
      // A terminal punches only the people of its own office (the personal clock: oneself anywhere).
      if (request.source !== 'personal' && request.officeId !== null && !context.member) {
        throw new AppError('staff_not_found');
      }
      if (context.usage !== 'active') throw new AppError('staff_not_in_use');
      if (request.requirePasscode && context.passcodeHash) {
        if (!request.passcode) throw new AppError('passcode_required');
        if (!(await verifyPassword(context.passcodeHash, request.passcode)))
          return { wrongPasscode: true as const };
      }

      const today = workDateOf(timing.at, timeZone, boundary);
      const last = context.lastType ? { type: context.lastType, workDate: context.lastWorkDate! } : undefined;
      const status = punchStatus(last, today);
      assertPunchAllowed(status, request.type);
      const flags: Record<string, unknown> = {};
      if (request.type === 'clock_in' && status.missingClockOut) flags.previousShiftOpen = true;
      if (timing.skewSeconds !== null && Math.abs(timing.skewSeconds) > SKEW_FLAG_SECONDS) {
        flags.clockSkewSeconds = timing.skewSeconds;
      }
      if (timing.at.getTime() < now.getTime() - 30_000) flags.offline = true;
      // 退勤, 休憩 and 復帰 belong to the shift they end or interrupt, even past midnight.
      const workDate = request.type === 'clock_in' || !last ? today : last.workDate;
      const inserted = await insertPunch(trx, contractId, {
        staffId: request.staffId,
        officeId: request.officeId,
        type: request.type,
        punchedAt: timing.at,
        deviceAt: request.deviceTime ? new Date(request.deviceTime) : null,
        workDate,
        source: request.source,
        idempotencyKey: key.data,
        terminalId: request.terminalId,
        actorAccountId: request.actorAccountId,
        flags,
      });
      if (!inserted)
        return { replay: (await findPunchByKey(trx, contractId, key.data))!, timeZone, boundary };
      return {
        inserted,
        timeZone,
        status: punchStatus({ type: inserted.type, workDate: inserted.workDate }, today),
      };
    },
    lock,
  );

  if ('wrongPasscode' in outcome) {
    await recordFailure(ctx.db, passcodeKey(contractId, request.staffId), PASSCODE_PER_STAFF, now);
    throw new AppError('passcode_wrong');
  }
  if (request.requirePasscode) await resetThrottle(ctx.db, passcodeKey(contractId, request.staffId));
  if ('replay' in outcome) {
    const row = outcome.replay!;
    const today = workDateOf(now, outcome.timeZone, outcome.boundary);
    return {
      punch: present(row, outcome.timeZone),
      status: punchStatus({ type: row.type, workDate: row.workDate }, today),
      replayed: true,
    };
  }
  return { punch: present(outcome.inserted, outcome.timeZone), status: outcome.status, replayed: false };
}

function passcodeKey(contractId: string, staffId: number) {
  return `passcode:${contractId}:${staffId}`;
}

function present(
  row: {
    id: number;
    staffId: number;
    type: PunchType;
    punchedAt: Date;
    workDate: string;
    deviceAt: Date | null;
  },
  timeZone: string,
) {
  return {
    id: row.id,
    staffId: row.staffId,
    type: row.type,
    punchedAt: isoInZone(row.punchedAt, timeZone),
    workDate: row.workDate,
    deviceAt: row.deviceAt ? isoInZone(row.deviceAt, timeZone) : null,
  };
}
