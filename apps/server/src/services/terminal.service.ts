import { timingSafeEqual } from 'node:crypto';
import type { PunchHeaders, TerminalPunchBody } from '@timecard/contract';
import { AppError, ClockAuthSchema, isoInZone, punchStatus, wallClock, workDateOf } from '@timecard/domain';
import { BatchQueue } from '../db/batch-queue.ts';
import { type Db, withTenant } from '../db/database.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findContract } from '../repositories/contract.repository.ts';
import { enqueueMail } from '../repositories/mail-outbox.repository.ts';
import { findOffice } from '../repositories/office.repository.ts';
import { findLastPunches } from '../repositories/punch.repository.ts';
import { listAdminEmails, listOfficeStaff } from '../repositories/staff.repository.ts';
import {
  findLiveTerminals,
  insertTerminal,
  revokeTerminal,
  touchTerminal,
} from '../repositories/terminal.repository.ts';
import { markThrottleOnce } from '../repositories/throttle.repository.ts';
import { contractsOfTokens } from '../repositories/token-directory.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { dayBoundaryOf, recordPunch } from './punch.service.ts';
import { evidenceOfPunch, photoModesOf } from './punch-evidence.service.ts';
import { todaysShifts } from './shift.service.ts';
import { forgetAttempts, giveBackAttempt, type ThrottlePolicy, takeAttempt } from './throttle.service.ts';
import { hashToken, newToken } from './token.ts';
import { parseOrThrow } from './validation.ts';

/**
 * The 出退勤画面用PINコード has only 10,000 values, so wrong PINs are throttled three ways: growing
 * waits per device and per IP, and at most 100 wrong PINs per contract per day are evaluated at
 * all (≤ 1 % of the code space). Terminals already opened hold a token and never see the PIN again,
 * so they keep working during an attack; administrators are told when the daily limit is hit.
 */
const PIN_PER_DEVICE: ThrottlePolicy = { free: 3, baseSeconds: 2, maxSeconds: 900, windowSeconds: 24 * 3600 };
const PIN_PER_IP: ThrottlePolicy = { free: 10, baseSeconds: 2, maxSeconds: 900, windowSeconds: 24 * 3600 };
export const PIN_WRONG_PER_CONTRACT_PER_DAY = 100;

export type LiveTerminal = Awaited<ReturnType<typeof findLiveTerminals>>[number];

export interface OpenedTerminal {
  token: string;
  contract: { id: string; name: string };
  office: { id: number; name: string };
}

function pinDayKey(contractId: string, now: Date, timeZone: string) {
  return `pin:contract:${contractId}:${wallClock(now, timeZone).date}`;
}

/** Seconds until the next midnight in the contract's zone (when the daily PIN budget renews). */
function secondsUntilMidnight(now: Date, timeZone: string): number {
  const wall = wallClock(now, timeZone);
  return Math.max(60, (24 * 60 - wall.minutes) * 60 - now.getUTCSeconds());
}

/** Web出退勤画面: the PIN makes this device a punch terminal of the office until ログアウト. */
export async function openWebClock(
  ctx: AuthContext,
  input: unknown,
  device: { key: string; ip: string; userAgent: string | null },
): Promise<OpenedTerminal> {
  const data = parseOrThrow(ClockAuthSchema, input);
  const now = ctx.now ? ctx.now() : new Date();
  const contract = await findContract(ctx.db, data.contractId);
  if (!contract) throw new AppError('contract_not_found', { contractId: data.contractId });
  const deviceKey = `pin:device:${contract.id}:${device.key}`;
  const ip = { key: `pin:ip:${contract.id}:${device.ip}`, policy: PIN_PER_IP };
  const untilMidnight = secondsUntilMidnight(now, contract.timeZone);
  // The day's budget: the 100th wrong PIN makes the key wait until midnight.
  const day = {
    key: pinDayKey(contract.id, now, contract.timeZone),
    policy: {
      free: PIN_WRONG_PER_CONTRACT_PER_DAY,
      baseSeconds: untilMidnight,
      maxSeconds: untilMidnight,
      windowSeconds: 24 * 3600,
    },
  };

  // Each PIN is counted on every key before it is compared (ADR 007): whatever the concurrency
  // and the number of server processes, no more PINs are compared than the keys allow.
  const attempt = await takeAttempt(ctx.db, [{ key: deviceKey, policy: PIN_PER_DEVICE }, ip, day], now);
  if (attempt.refused?.key === day.key) throw new AppError('clock_pin_locked', { seconds: untilMidnight });
  if (attempt.refused) throw new AppError('rate_limited', { seconds: attempt.refused.seconds });

  const given = Buffer.from(data.pin.padEnd(4, ' ').slice(0, 20));
  const expected = Buffer.from(contract.clockPin);
  const right = given.length === expected.length && timingSafeEqual(given, expected);
  if (!right) {
    // The day's limit is reached: the administrators are told, once.
    const reached = attempt.numbers[2]! >= PIN_WRONG_PER_CONTRACT_PER_DAY;
    if (reached && (await markThrottleOnce(ctx.db, `${day.key}:notified`, now))) {
      await notifyPinAttack(ctx, contract.id, contract.name);
    }
    throw new AppError('clock_pin_wrong');
  }
  // Only wrong PINs count: the right one gives its attempts back.
  await forgetAttempts(ctx.db, deviceKey);
  await giveBackAttempt(ctx.db, ip);
  await giveBackAttempt(ctx.db, day);

  const office = await withTenant(ctx.db, contract.id, (trx) => findOffice(trx, contract.id, data.officeId));
  if (!office) throw new AppError('office_not_found');
  const { token, hash } = newToken();
  await withTenant(ctx.db, contract.id, async (trx) => {
    const terminal = await insertTerminal(trx, {
      contractId: contract.id,
      officeId: office.id,
      kind: 'web_clock',
      tokenHash: hash,
      openedByAccountId: null,
      userAgent: device.userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(trx, contract.id, {
      action: 'terminal.opened',
      target: `terminal:${terminal.id}`,
      details: { officeId: office.id, kind: 'web_clock' },
      ip: device.ip,
    });
  });
  return {
    token,
    contract: { id: contract.id, name: contract.name },
    office: { id: office.id, name: office.name },
  };
}

async function notifyPinAttack(ctx: AuthContext, contractId: string, contractName: string) {
  await withTenant(ctx.db, contractId, async (trx) => {
    await appendAudit(trx, contractId, {
      action: 'terminal.pin_limit_reached',
      details: { limit: PIN_WRONG_PER_CONTRACT_PER_DAY },
    });
    for (const email of await listAdminEmails(trx, contractId)) {
      await enqueueMail(trx, {
        contractId,
        to: email,
        subject: '【タイムカード】出退勤画面用PINコードの誤入力が続いています / Many wrong clock-screen PINs',
        text: `${contractName}（契約ID: ${contractId}）の出退勤画面で、本日PINコードの誤入力が${PIN_WRONG_PER_CONTRACT_PER_DAY}回に達しました。
本日はこれ以上、新しい端末での出退勤画面の認証を受け付けません。すでに開いている出退勤画面は引き続き打刻できます。
お心当たりのない場合は、管理画面の『基本設定 > [打刻設定] 出退勤画面用PINコード』でPINコードを変更してください。

---
The clock screen of ${contractName} (contract ID ${contractId}) received ${PIN_WRONG_PER_CONTRACT_PER_DAY} wrong PINs today.
No new device can open the clock screen until tomorrow; screens already open keep working.
If this was not you, change the PIN in the admin console under 基本設定 > [打刻設定].
`,
      });
    }
  });
}

/** タイムカード・アプリ: after the office choice, the tablet becomes that office's terminal. */
export async function openAppTerminal(
  ctx: AuthContext,
  contractId: string,
  officeId: number,
  accountId: number,
  userAgent: string | null,
): Promise<string> {
  const { token, hash } = newToken();
  await withTenant(ctx.db, contractId, async (trx) => {
    const terminal = await insertTerminal(trx, {
      contractId,
      officeId,
      kind: 'app',
      tokenHash: hash,
      openedByAccountId: accountId,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    await appendAudit(trx, contractId, {
      action: 'terminal.opened',
      actorAccountId: accountId,
      target: `terminal:${terminal.id}`,
      details: { officeId, kind: 'app' },
    });
  });
  return token;
}

interface TerminalLookups {
  /** token hash → contract, from token_directory (batched; the group is unused). */
  contracts: BatchQueue<Buffer, string | undefined>;
  /** token hash → live terminal, batched per contract (the group is the contract). */
  terminals: BatchQueue<Buffer, LiveTerminal | undefined>;
  /** A hash never changes contract: known ones skip token_directory (hex hash → contract). */
  known: Map<string, string>;
}

/** Token lookups of concurrent requests share one query per step (one set of queues per database). */
const lookups = new WeakMap<Db, TerminalLookups>();
const KNOWN_TOKENS_KEPT = 50_000;

function terminalLookups(db: Db): TerminalLookups {
  let found = lookups.get(db);
  if (!found) {
    found = {
      contracts: new BatchQueue(async (_group, hashes) => {
        const rows = await contractsOfTokens(db, 'terminal', hashes);
        return hashes.map((hash) => ({
          ok: true,
          value: rows.find((r) => r.tokenHash.equals(hash))?.contractId,
        }));
      }),
      terminals: new BatchQueue(async (contractId, hashes) => {
        const rows = await findLiveTerminals(db, contractId, hashes);
        return hashes.map((hash) => ({ ok: true, value: rows.find((t) => t.tokenHash.equals(hash)) }));
      }),
      known: new Map(),
    };
    lookups.set(db, found);
  }
  return found;
}

/** The live terminal of a device token (ログアウト or a revoked token: terminal_unauthenticated). */
export async function loadTerminal(ctx: AuthContext, token: string): Promise<LiveTerminal> {
  const queues = terminalLookups(ctx.db);
  const hash = hashToken(token);
  const key = hash.toString('hex');
  let contractId = queues.known.get(key);
  if (!contractId) {
    contractId = await queues.contracts.submit('', hash);
    if (!contractId) throw new AppError('terminal_unauthenticated');
    if (queues.known.size >= KNOWN_TOKENS_KEPT) queues.known.clear();
    queues.known.set(key, contractId);
  }
  const terminal = await queues.terminals.submit(contractId, hash);
  if (!terminal) throw new AppError('terminal_unauthenticated');
  const now = ctx.now ? ctx.now() : new Date();
  if (now.getTime() - terminal.lastSeenAt.getTime() > 5 * 60_000) {
    await withTenant(ctx.db, terminal.contractId, (trx) =>
      touchTerminal(trx, terminal.contractId, terminal.id, now),
    );
  }
  return terminal;
}

/** The terminal's screen: the office, the server time, and each person with their state. */
export async function terminalBoard(ctx: AuthContext, terminal: LiveTerminal) {
  const now = ctx.now ? ctx.now() : new Date();
  const today = workDateOf(now, terminal.timeZone, dayBoundaryOf(terminal.contractSettings));
  const staff = await withTenant(ctx.db, terminal.contractId, async (trx) => {
    const people = await listOfficeStaff(trx, terminal.contractId, terminal.officeId);
    const last = new Map(
      (
        await findLastPunches(
          trx,
          terminal.contractId,
          people.map((p) => p.id),
        )
      ).map((row) => [row.staffId, row]),
    );
    // The day's published shift beside each name (シフト管理, issue 15).
    const shifts = await todaysShifts(
      trx,
      terminal.contractId,
      people.map((p) => p.id),
      today,
    );
    return people.map((person) => {
      const punch = last.get(person.id);
      const status = punchStatus(punch ? { type: punch.type, workDate: punch.workDate } : undefined, today);
      return {
        id: person.id,
        name: person.name,
        kana: person.kana,
        code: person.code,
        ...status,
        lastPunchAt: punch ? isoInZone(punch.punchedAt, terminal.timeZone) : null,
        hasPasscode: Boolean(person.hasPasscode),
        shift: shifts.get(person.id) ?? null,
      };
    });
  });
  return {
    contract: { id: terminal.contractId, name: terminal.contractName },
    office: {
      id: terminal.officeId,
      name: terminal.officeName,
      passcodeRequired: terminal.passcodeRequired,
      // 写真 per punch kind on this channel (issue 20): the screen opens the camera when asked.
      photo: photoModesOf(
        terminal.officeSettings,
        terminal.plan,
        terminal.kind === 'app' ? 'app' : 'web_clock',
      ),
    },
    serverTime: isoInZone(now, terminal.timeZone),
    workDate: today,
    kind: terminal.kind,
    staff,
  };
}

export async function punchAtTerminal(
  ctx: AuthContext,
  terminal: LiveTerminal,
  data: TerminalPunchBody,
  headers: PunchHeaders,
) {
  const channel = terminal.kind === 'app' ? 'app' : 'web_clock';
  const evidence = evidenceOfPunch({
    officeSettings: terminal.officeSettings,
    plan: terminal.plan,
    channel,
    type: data.type,
    photo: data.photo,
    location: undefined,
  });
  return recordPunch(ctx, terminal.contractId, {
    staffId: data.staffId,
    type: data.type,
    source: channel,
    officeId: terminal.officeId,
    terminalId: terminal.id,
    actorAccountId: null,
    idempotencyKey: headers['idempotency-key'],
    deviceTime: data.deviceTime,
    sentAt: headers['x-device-sent-at'],
    passcode: data.passcode,
    requirePasscode: terminal.passcodeRequired,
    evidence,
  });
}

/** ログアウト of a terminal: its token stops working at once. */
export async function closeTerminal(ctx: AuthContext, terminal: LiveTerminal) {
  await withTenant(ctx.db, terminal.contractId, async (trx) => {
    await revokeTerminal(trx, terminal.contractId, terminal.id, new Date());
    await appendAudit(trx, terminal.contractId, {
      action: 'terminal.closed',
      target: `terminal:${terminal.id}`,
    });
  });
}
