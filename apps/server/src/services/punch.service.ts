import {
  AppError,
  assertPunchAllowed,
  IdempotencyKeySchema,
  isoInZone,
  type PunchType,
  punchStatus,
  workDateOf,
} from '@timecard/domain';
import { type Tx, withTenant } from '../db/database.ts';
import type { PunchesTable } from '../db/schema.ts';
import { findContract } from '../repositories/contract.repository.ts';
import { findOffice } from '../repositories/office.repository.ts';
import {
  findLastPunch,
  findPunchByKey,
  insertPunch,
  lockStaffPunches,
} from '../repositories/punch.repository.ts';
import { findStaff, listOfficeRoles } from '../repositories/staff.repository.ts';
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

  const contract = await findContract(ctx.db, contractId);
  if (!contract) throw new AppError('contract_not_found', { contractId });
  const timeZone = contract.timeZone;
  const boundary = dayBoundaryOf(contract.settings);

  if (request.requirePasscode) {
    await assertNotThrottled(ctx.db, [passcodeKey(contractId, request.staffId)], now);
  }
  const outcome = await withTenant(ctx.db, contractId, async (trx) => {
    const replay = await findPunchByKey(trx, contractId, key.data);
    if (replay) return { replay };
    await lockStaffPunches(trx, contractId, request.staffId);
    const raced = await findPunchByKey(trx, contractId, key.data);
    if (raced) return { replay: raced };

    const staff = await findStaff(trx, contractId, request.staffId);
    if (!staff) throw new AppError('staff_not_found');
    if (request.officeId !== null && request.source !== 'personal') {
      await assertMemberOfOffice(trx, contractId, staff.id, request.officeId);
    }
    if (staff.usage !== 'active') throw new AppError('staff_not_in_use');
    if (request.requirePasscode && staff.passcodeHash) {
      if (!request.passcode) throw new AppError('passcode_required');
      if (!(await verifyPassword(staff.passcodeHash, request.passcode)))
        return { wrongPasscode: true as const };
    }

    const today = workDateOf(timing.at, timeZone, boundary);
    const last = await findLastPunch(trx, contractId, staff.id);
    const status = punchStatus(last ?? undefined, today);
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
      staffId: staff.id,
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
    if (!inserted) return { replay: (await findPunchByKey(trx, contractId, key.data))! };
    return { inserted, status: punchStatus({ type: inserted.type, workDate: inserted.workDate }, today) };
  });

  if ('wrongPasscode' in outcome) {
    await recordFailure(ctx.db, passcodeKey(contractId, request.staffId), PASSCODE_PER_STAFF, now);
    throw new AppError('passcode_wrong');
  }
  if (request.requirePasscode) await resetThrottle(ctx.db, passcodeKey(contractId, request.staffId));
  if ('replay' in outcome) {
    const row = outcome.replay!;
    const today = workDateOf(now, timeZone, boundary);
    return {
      punch: present(row, timeZone),
      status: punchStatus({ type: row.type, workDate: row.workDate }, today),
      replayed: true,
    };
  }
  return { punch: present(outcome.inserted, timeZone), status: outcome.status, replayed: false };
}

function passcodeKey(contractId: string, staffId: number) {
  return `passcode:${contractId}:${staffId}`;
}

async function assertMemberOfOffice(trx: Tx, contractId: string, staffId: number, officeId: number) {
  const roles = await listOfficeRoles(trx, contractId, [staffId]);
  if (!roles.some((r) => r.officeId === officeId)) throw new AppError('staff_not_found');
  if (!(await findOffice(trx, contractId, officeId))) throw new AppError('office_not_found');
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
