import {
  AppError,
  type AttendanceRate,
  addMonths,
  allocateLeave,
  daysOfUnits,
  FEATURE_MIN_PLAN,
  fiveDayCount,
  grantPaidLeave,
  type LeaveAdjustmentInput,
  LeaveAdjustmentInputSchema,
  type LeaveGrantInput,
  LeaveGrantInputSchema,
  LeaveRateOverrideSchema,
  type LeaveRecordInput,
  LeaveRecordInputSchema,
  type LeaveTypeInput,
  LeaveTypeInputSchema,
  LeaveTypeUpdateSchema,
  type LeaveUnit,
  type LedgerUse,
  leaveExpiryOf,
  leaveHoursPerDay,
  PLANS,
  shiftDate,
  splitUnits,
  unitsOf,
  workDateOf,
} from '@timecard/domain';
import { type Db, type Tx, withTenant } from '../db/database.ts';
import { type Actor, hasRight, requireAdmin } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findContract } from '../repositories/contract.repository.ts';
import {
  deleteLeaveRecord,
  ensureAnnualLeaveType,
  findLeaveRecord,
  findLeaveType,
  firstPunchInstants,
  type GrantRow,
  insertLeaveGrant,
  insertLeaveRecord,
  insertLeaveType,
  type LeaveRecordRow,
  type LeaveStaffRow,
  listLeaveContracts,
  listLeaveGrants,
  listLeaveRecords,
  listLeaveStaff,
  listLeaveTypes,
  listRateOverrides,
  lockLeaveOf,
  updateLeaveType,
  upsertRateOverride,
} from '../repositories/leave.repository.ts';
import { listOfficeRoles } from '../repositories/staff.repository.ts';
import { firstOffices, listPunchRows } from '../repositories/timecard.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { leaveDaysOf, scheduleOfDate, withLeave } from './leave-engine.ts';
import { shiftScheduleLayers } from './shift.service.ts';
import {
  countedEvents,
  judgementFor,
  type LaborContext,
  loadLaborContext,
  runEngine,
  settingsFor,
} from './timecard.service.ts';
import { parseOrThrow } from './validation.ts';
import { emitEvent } from './webhook-events.ts';

/** The plans that include 休暇管理 (the daily job's contracts). */
export const LEAVE_PLANS = PLANS.filter((p) => PLANS.indexOf(p) >= PLANS.indexOf(FEATURE_MIN_PLAN.leave));

/** Who wrote a record: a person of the contract, or the system (the daily job, the CLI). */
export interface LeaveAuthor {
  accountId: number | null;
  staffId: number | null;
}

function nowOf(ctx: { now?: () => Date }): Date {
  return ctx.now ? ctx.now() : new Date();
}

// ───────────────────────────── 休暇区分 ─────────────────────────────

export type LeaveTypeOut = Awaited<ReturnType<typeof listLeaveTypesIn>>[number];

/** The 休暇区分 of a contract, 有給休暇 first (made on first use). Usable inside a caller's transaction. */
export async function listLeaveTypesIn(trx: Tx, contractId: string, withArchived = false) {
  await ensureAnnualLeaveType(trx, contractId);
  const rows = await listLeaveTypes(trx, contractId, withArchived);
  return rows
    .sort((a, b) => (a.kind === 'annual' ? -1 : b.kind === 'annual' ? 1 : a.id - b.id))
    .map((t) => ({
      id: t.id,
      kind: t.kind,
      name: t.name,
      paid: t.paid,
      allowFull: t.allowFull,
      allowHalf: t.allowHalf,
      allowHours: t.allowHours,
      archived: t.archived,
    }));
}

export async function listLeaveTypesForActor(ctx: AuthContext, actor: Actor) {
  return withTenant(ctx.db, actor.contractId, async (trx) => ({
    items: await listLeaveTypesIn(trx, actor.contractId),
  }));
}

export async function createLeaveType(ctx: AuthContext, actor: Actor, input: LeaveTypeInput) {
  requireAdmin(actor);
  const data = parseOrThrow(LeaveTypeInputSchema, input);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    await ensureAnnualLeaveType(trx, actor.contractId);
    const row = await insertLeaveType(trx, actor.contractId, {
      ...data,
      paid: data.kind === 'special' ? data.paid : false,
    });
    await appendAudit(trx, actor.contractId, {
      action: 'leave_type.create',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: row.name,
      details: { id: row.id, kind: row.kind, paid: row.paid },
    });
    return (await listLeaveTypesIn(trx, actor.contractId, true)).find((t) => t.id === row.id)!;
  });
}

export async function updateLeaveTypeForActor(ctx: AuthContext, actor: Actor, id: number, input: unknown) {
  requireAdmin(actor);
  const data = parseOrThrow(LeaveTypeUpdateSchema, input);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const type = await findLeaveType(trx, actor.contractId, id);
    if (!type) throw new AppError('leave_type_not_found');
    // 有給休暇 is built in: its name, pay and existence are the law's; 時間単位 only for it (39条4項).
    const changes: {
      name?: string;
      paid?: boolean;
      allowFull?: boolean;
      allowHalf?: boolean;
      allowHours?: boolean;
      archived?: boolean;
    } =
      type.kind === 'annual'
        ? {
            ...(data.allowHalf !== undefined ? { allowHalf: data.allowHalf } : {}),
            ...(data.allowHours !== undefined ? { allowHours: data.allowHours } : {}),
          }
        : {
            ...(data.name !== undefined ? { name: data.name } : {}),
            ...(data.paid !== undefined && type.kind === 'special' ? { paid: data.paid } : {}),
            ...(data.allowFull !== undefined ? { allowFull: data.allowFull } : {}),
            ...(data.allowHalf !== undefined ? { allowHalf: data.allowHalf } : {}),
            ...(data.archived !== undefined ? { archived: data.archived } : {}),
          };
    const full = changes.allowFull ?? type.allowFull;
    const half = changes.allowHalf ?? type.allowHalf;
    if (!full && !half) throw new AppError('leave_unit_required', {}, { allowFull: 'leave_unit_required' });
    const row = Object.keys(changes).length
      ? await updateLeaveType(trx, actor.contractId, id, changes)
      : type;
    await appendAudit(trx, actor.contractId, {
      action: 'leave_type.update',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: row.name,
      details: { id, ...changes },
    });
    return (await listLeaveTypesIn(trx, actor.contractId, true)).find((t) => t.id === id)!;
  });
}

// ───────────────────────────── the ledger of a person ─────────────────────────────

/** A grant as the balance shows it; `projected` grants are the law's, not yet written by the job. */
interface LedgerGrantRow {
  id: number;
  grantDate: string;
  days: number;
  expiresOn: string;
  source: 'statutory' | 'manual';
  serviceYears: number | null;
  fiveDayObligation: boolean;
  fiveDayDeadline?: string;
  attendanceRate: number | null;
  reason: string;
  projected: boolean;
}

interface Ledger {
  staff: LeaveStaffRow;
  hoursPerDay: number;
  grants: LedgerGrantRow[];
  skipped: { grantDate: string; attendanceRate: number | null; reason: string }[];
  records: LeaveRecordRow[];
  annualTypeId: number;
  nextGrant: { date: string; days: number } | null;
}

const FIVE_DAY_FROM = '2019-04-01';

function fiveDayOf(grantDate: string, days: number) {
  const obliged = days >= 10 && grantDate >= FIVE_DAY_FROM;
  return obliged
    ? { fiveDayObligation: true, fiveDayDeadline: shiftDate(addMonthsExact(grantDate, 12), -1) }
    : { fiveDayObligation: false };
}

/** 基準日 + n months as grantPaidLeave counts (民法143条: no corresponding day → the next month's 1st). */
function addMonthsExact(date: string, months: number): string {
  const clipped = addMonths(date, months);
  return clipped.slice(8) === date.slice(8) ? clipped : shiftDate(clipped, 1);
}

/** The attendance years of a statutory person: the year before each 基準日 (from hire for the first). */
function statutoryDates(staff: LeaveStaffRow, upTo: string) {
  const plan = grantPaidLeave({
    hireDate: staff.hiredOn!,
    asOf: upTo,
    weeklyScheduledDays: staff.weeklyDays,
    weeklyScheduledMinutes: staff.weeklyMinutes,
  });
  return plan.grants.map((g, i) => ({
    grantDate: g.grantDate,
    days: g.days,
    serviceYears: g.serviceYears,
    from: i === 0 ? staff.hiredOn! : plan.grants[i - 1]!.grantDate,
    to: shiftDate(g.grantDate, -1),
  }));
}

async function loadLedger(trx: Tx, contractId: string, staff: LeaveStaffRow, asOf: string): Promise<Ledger> {
  return (await loadLedgers(trx, contractId, [staff], asOf))[0]!;
}

/** The ledgers of many people with one statement per table (not per person), in `people`'s order. */
async function loadLedgers(
  trx: Tx,
  contractId: string,
  people: LeaveStaffRow[],
  asOf: string,
): Promise<Ledger[]> {
  const annual = await ensureAnnualLeaveType(trx, contractId);
  const ids = people.map((p) => p.id);
  const group = <R extends { staffId: number }>(rows: R[]) => {
    const byStaff = new Map<number, R[]>();
    for (const row of rows) {
      const list = byStaff.get(row.staffId);
      if (list) list.push(row);
      else byStaff.set(row.staffId, [row]);
    }
    return byStaff;
  };
  const grants = group(await listLeaveGrants(trx, contractId, ids));
  const overrides = group(await listRateOverrides(trx, contractId, ids));
  const records = group(
    (await listLeaveRecords(trx, contractId, ids)).filter((r) => r.leaveTypeId === annual.id),
  );
  return people.map((person) =>
    ledgerOf(
      person,
      annual,
      grants.get(person.id) ?? [],
      overrides.get(person.id) ?? [],
      records.get(person.id) ?? [],
      asOf,
    ),
  );
}

function ledgerOf(
  staff: LeaveStaffRow,
  annual: { id: number },
  stored: GrantRow[],
  overrides: Awaited<ReturnType<typeof listRateOverrides>>,
  records: LeaveRecordRow[],
  asOf: string,
): Ledger {
  const grants: LedgerGrantRow[] = [];
  const skipped: Ledger['skipped'] = [];
  const toRow = (g: GrantRow): LedgerGrantRow => ({
    id: g.id,
    grantDate: g.grantDate,
    days: g.days,
    expiresOn: g.expiresOn,
    source: g.source,
    serviceYears: g.serviceYears,
    ...fiveDayOf(g.grantDate, g.days),
    attendanceRate: g.attendanceRate,
    reason: g.reason,
    projected: false,
  });
  for (const g of stored) {
    if (g.grantDate > asOf) continue;
    if (g.skipped)
      skipped.push({ grantDate: g.grantDate, attendanceRate: g.attendanceRate, reason: g.reason });
    else if (g.source === 'manual' || staff.leaveGrantMode === 'statutory') grants.push(toRow(g));
  }
  let nextGrant: Ledger['nextGrant'] = null;
  if (staff.leaveGrantMode === 'statutory' && staff.hiredOn) {
    // The law's grants up to asOf; a 基準日 the job has not reached yet (a future asOf, or the hour
    // before it runs) shows as the law gives it, with an administrator's 出勤率 where one is set.
    const statutory = new Map(stored.filter((g) => g.source === 'statutory').map((g) => [g.grantDate, g]));
    const years = statutoryDates(staff, asOf);
    const rates: AttendanceRate[] = years.map((y) => {
      const row = statutory.get(y.grantDate);
      const override = overrides.find((o) => o.grantDate === y.grantDate);
      const rate = row ? (row.skipped ? (row.attendanceRate ?? 0) : 1) : (override?.rate ?? 1);
      return { from: y.from, to: y.to, rate };
    });
    const law = grantPaidLeave({
      hireDate: staff.hiredOn,
      asOf,
      weeklyScheduledDays: staff.weeklyDays,
      weeklyScheduledMinutes: staff.weeklyMinutes,
      attendanceRates: rates,
    });
    let projectedId = -1;
    for (const g of law.grants) {
      if (statutory.has(g.grantDate)) continue;
      grants.push({
        id: projectedId--,
        grantDate: g.grantDate,
        days: g.days,
        expiresOn: g.expiresOn,
        source: 'statutory',
        serviceYears: g.serviceYears,
        fiveDayObligation: g.fiveDayObligation,
        ...(g.fiveDayDeadline ? { fiveDayDeadline: g.fiveDayDeadline } : {}),
        attendanceRate: null,
        reason: '',
        projected: true,
      });
    }
    for (const date of law.skipped) {
      if (statutory.has(date)) continue;
      const override = overrides.find((o) => o.grantDate === date);
      skipped.push({
        grantDate: date,
        attendanceRate: override?.rate ?? null,
        reason: override?.reason ?? '',
      });
    }
    nextGrant = law.nextGrant;
  }
  grants.sort((a, b) => (a.grantDate < b.grantDate ? -1 : a.grantDate > b.grantDate ? 1 : a.id - b.id));
  skipped.sort((a, b) => (a.grantDate < b.grantDate ? -1 : 1));
  return {
    staff,
    hoursPerDay: leaveHoursPerDay(staff.weeklyMinutes, staff.weeklyDays),
    grants,
    skipped,
    records,
    annualTypeId: annual.id,
    nextGrant,
  };
}

function usesOf(records: readonly { id: number; date: string; unit: LeaveUnit; hours: number | null }[]) {
  return records.map((r): LedgerUse => ({ id: r.id, date: r.date, unit: r.unit, hours: r.hours }));
}

/**
 * The balance of a ledger on `asOf`: per grant 使用 and 残, oldest first; the valid days in total;
 * 失効予定 (valid grants expiring within 3 months); 年5日 per obliged grant.
 */
function balanceOf(ledger: Ledger, asOf: string) {
  const h = ledger.hoursPerDay;
  const uses = usesOf(ledger.records.filter((r) => r.date <= asOf));
  const allocation = allocateLeave(ledger.grants, uses, h);
  const soon = addMonths(asOf, 3);
  const grants = allocation.grants.map((g) => {
    const row = ledger.grants.find((x) => x.id === g.id)!;
    const valid = g.grantDate <= asOf && asOf <= g.expiresOn;
    const taken = ledger.records
      .filter(
        (r) =>
          r.kind === 'leave' && r.date >= g.grantDate && row.fiveDayDeadline && r.date <= row.fiveDayDeadline,
      )
      .reduce((sum, r) => sum + fiveDayCount(r.unit), 0);
    return {
      ...row,
      used: daysOfUnits(g.usedUnits, h),
      remaining: daysOfUnits(g.remainingUnits, h),
      remainingSplit: splitUnits(g.remainingUnits, h),
      valid,
      expiringSoon: valid && g.expiresOn < soon && g.remainingUnits > 0,
      /** 年5日: days taken and planned (recorded) in the grant's year; hours never count. */
      fiveDayTaken: row.fiveDayObligation ? taken : null,
    };
  });
  const validUnits = allocation.grants
    .filter((g) => g.grantDate <= asOf && asOf <= g.expiresOn)
    .reduce((sum, g) => sum + g.remainingUnits, 0);
  return {
    hoursPerDay: h,
    grants,
    validDaysAtAsOf: daysOfUnits(validUnits, h),
    valid: splitUnits(validUnits, h),
    expiringSoonDays: daysOfUnits(
      allocation.grants
        .filter((g) => g.grantDate <= asOf && asOf <= g.expiresOn && g.expiresOn < soon)
        .reduce((sum, g) => sum + g.remainingUnits, 0),
      h,
    ),
    nextGrant: ledger.nextGrant,
    skipped: ledger.skipped,
  };
}

async function leaveStaffOf(trx: Tx, contractId: string, staffId: number) {
  const [staff] = await listLeaveStaff(trx, contractId, { staffId });
  if (!staff) throw new AppError('staff_not_found');
  return staff;
}

/** The shape `timecard leave balance --json` prints (issue 17), grant fields as grantPaidLeave names them. */
export function balanceJson(balance: ReturnType<typeof balanceOf>) {
  return {
    grants: balance.grants.map((g) => ({
      grantDate: g.grantDate,
      days: g.days,
      expiresOn: g.expiresOn,
      used: g.used,
      remaining: g.remaining,
      fiveDayObligation: g.fiveDayObligation,
      ...(g.fiveDayDeadline ? { fiveDayDeadline: g.fiveDayDeadline } : {}),
    })),
    validDaysAtAsOf: balance.validDaysAtAsOf,
    nextGrant: balance.nextGrant,
  };
}

/** The balance of one person on a date, inside a caller's transaction. */
export async function leaveBalanceIn(trx: Tx, contractId: string, staffId: number, asOf: string) {
  const staff = await leaveStaffOf(trx, contractId, staffId);
  return balanceOf(await loadLedger(trx, contractId, staff, asOf), asOf);
}

/** `timecard leave balance`: the balance of the person with a staff code (operators, scripts). */
export async function leaveBalanceByCode(db: Db, contractId: string, code: string, asOf: string) {
  if (!(await findContract(db, contractId))) throw new AppError('contract_not_found', { contractId });
  return withTenant(db, contractId, async (trx) => {
    const [staff] = await listLeaveStaff(trx, contractId, { code });
    if (!staff) throw new AppError('staff_not_found');
    return balanceOf(await loadLedger(trx, contractId, staff, asOf), asOf);
  });
}

// ───────────────────────────── rights ─────────────────────────────

async function assertLeaveRight(trx: Tx, actor: Actor, staffId: number, level: 'view' | 'edit') {
  const offices = (await listOfficeRoles(trx, actor.contractId, [staffId])).map((r) => r.officeId);
  const own = actor.staffId === staffId && level === 'view';
  if (!own && !actor.isAdmin && !offices.some((id) => hasRight(actor, 'attendance', level, id))) {
    throw new AppError(level === 'view' ? 'staff_not_found' : 'forbidden');
  }
}

async function todayOf(trx: Tx, contractId: string, now: Date) {
  const contract = await findContract(trx, contractId);
  return workDateOf(now, contract?.timeZone ?? 'Asia/Tokyo', '00:00');
}

// ───────────────────────────── taking leave ─────────────────────────────

export interface RecordLeaveInput {
  staffId: number;
  date: string;
  leaveTypeId: number;
  unit: LeaveUnit;
  hours?: number;
  reason?: string;
  /** The ワークフロー request the leave comes from (recorded once per request). */
  source?: { requestId: number };
}

/**
 * The dates among `dates` on which the person has scheduled work: a published shift's day off, a
 * 所定休日 of their rules (or their office's, or the contract's) and a 祝日 that is a 所定休日 are not.
 * Leave is taken from work, so only these dates can take it (ADR 016).
 */
export async function scheduledWorkDates(
  trx: Tx,
  contractId: string,
  staff: {
    id: number;
    workStyle: string | null;
    workRules: string | Record<string, unknown> | null | undefined;
  },
  dates: readonly string[],
  officeId?: number | null,
): Promise<string[]> {
  if (dates.length === 0) return [];
  const window = { from: dates[0]!, to: dates[dates.length - 1]! };
  if (staff.workStyle === 'shift') {
    const layer = (await shiftScheduleLayers(trx, contractId, [staff.id], window)).get(staff.id);
    const byDate = layer?.schedule?.byDate ?? {};
    return dates.filter((date) => byDate[date] !== null);
  }
  const office = officeId ?? (await firstOffices(trx, contractId, [staff.id])).get(staff.id);
  const context = await loadLaborContext(trx, contractId);
  const settings = settingsFor(
    context,
    office ?? undefined,
    typeof staff.workRules === 'string' ? JSON.parse(staff.workRules) : (staff.workRules ?? undefined),
    window,
  );
  return dates.filter((date) => scheduleOfDate(settings, date) !== null);
}

/**
 * Records leave of a person on a date, inside the caller's transaction (already scoped to the
 * contract with withTenant): the 休暇区分 must allow the unit, the day must be free, and 有給休暇 must be
 * covered by valid grants, oldest first (and 時間単位 within 5 days' worth a year). Rights are the
 * caller's to check. Answers the record and the person's 有給 balance on its date.
 */
export async function recordLeave(trx: Tx, contractId: string, input: RecordLeaveInput, by: LeaveAuthor) {
  const data: LeaveRecordInput = parseOrThrow(LeaveRecordInputSchema, {
    staffId: input.staffId,
    date: input.date,
    leaveTypeId: input.leaveTypeId,
    unit: input.unit,
    ...(input.hours !== undefined ? { hours: input.hours } : {}),
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
  });
  await lockLeaveOf(trx, contractId, data.staffId);
  const staff = await leaveStaffOf(trx, contractId, data.staffId);
  if ((staff.hiredOn && data.date < staff.hiredOn) || (staff.retiredOn && data.date > staff.retiredOn)) {
    throw new AppError('leave_outside_employment', {}, { date: 'leave_outside_employment' });
  }
  await ensureAnnualLeaveType(trx, contractId);
  const type = await findLeaveType(trx, contractId, data.leaveTypeId);
  if (!type || type.archived)
    throw new AppError('leave_type_not_found', {}, { leaveTypeId: 'leave_type_not_found' });
  const allowed =
    data.unit === 'full' ? type.allowFull : data.unit === 'hours' ? type.allowHours : type.allowHalf;
  if (!allowed) throw new AppError('leave_unit_invalid', {}, { unit: 'leave_unit_invalid' });
  if ((await scheduledWorkDates(trx, contractId, staff, [data.date])).length === 0) {
    throw new AppError('leave_on_day_off', {}, { date: 'leave_on_day_off' });
  }
  const hoursPerDay = leaveHoursPerDay(staff.weeklyMinutes, staff.weeklyDays);
  if (data.unit === 'hours' && (data.hours ?? 0) >= hoursPerDay) {
    throw new AppError('leave_hours_invalid', {}, { hours: 'leave_hours_invalid' });
  }
  const sameDay = (
    await listLeaveRecords(trx, contractId, [data.staffId], { from: data.date, to: data.date })
  ).filter((r) => r.kind === 'leave');
  const clash = sameDay.some(
    (r) =>
      r.unit === 'full' ||
      data.unit === 'full' ||
      (r.unit === data.unit && r.unit !== 'hours') ||
      (r.unit !== 'hours' &&
        data.unit !== 'hours' &&
        sameDay.some((x) => x.unit !== r.unit && x.unit !== 'hours')),
  );
  if (clash) throw new AppError('leave_day_taken', {}, { date: 'leave_day_taken' });

  let balance: ReturnType<typeof balanceOf> | null = null;
  if (type.kind === 'annual') {
    balance = await assertCovered(trx, contractId, staff, {
      ...data,
      id: Number.MAX_SAFE_INTEGER,
      kind: 'leave',
    });
  }
  const row = await insertLeaveRecord(trx, contractId, {
    staffId: data.staffId,
    date: data.date,
    leaveTypeId: type.id,
    kind: 'leave',
    unit: data.unit,
    hours: data.hours ?? null,
    reason: data.reason,
    requestId: input.source?.requestId ?? null,
    createdByStaffId: by.staffId,
  });
  await appendAudit(trx, contractId, {
    action: 'leave.record',
    actorAccountId: by.accountId,
    actorStaffId: by.staffId,
    target: `staff:${data.staffId}`,
    details: {
      date: data.date,
      type: type.name,
      unit: data.unit,
      ...(data.hours ? { hours: data.hours } : {}),
      ...(input.source ? { requestId: input.source.requestId } : {}),
    },
  });
  await emitEvent(trx, contractId, 'leave.recorded', {
    leave: {
      id: row.id,
      staffId: data.staffId,
      date: data.date,
      leaveTypeId: type.id,
      leaveTypeName: type.name,
      unit: data.unit,
      hours: data.hours ?? null,
      reason: data.reason ?? '',
      requestId: input.source?.requestId ?? null,
    },
  });
  return {
    id: row.id,
    staffId: data.staffId,
    date: data.date,
    leaveTypeId: type.id,
    leaveTypeName: type.name,
    unit: data.unit,
    hours: data.hours ?? null,
    reason: data.reason,
    requestId: input.source?.requestId ?? null,
    remainingDays: balance?.validDaysAtAsOf ?? null,
  };
}
export type RecordedLeave = Awaited<ReturnType<typeof recordLeave>>;

/** The last date a check must see grants up to: the new date or the person's latest leave. */
async function horizonOf(trx: Tx, contractId: string, staffId: number, date: string) {
  const records = await listLeaveRecords(trx, contractId, [staffId], { from: date });
  const last = records.at(-1)?.date;
  return last && last > date ? last : date;
}

/** The ledger with one more use must be covered (FIFO) and keep 時間単位 within 5 days a year. */
async function assertCovered(
  trx: Tx,
  contractId: string,
  staff: LeaveStaffRow,
  use: {
    id: number;
    date: string;
    unit: LeaveUnit;
    hours?: number | undefined;
    kind: 'leave' | 'adjustment';
  },
) {
  const ledger = await loadLedger(
    trx,
    contractId,
    staff,
    await horizonOf(trx, contractId, staff.id, use.date),
  );
  const records: LeaveRecordRow[] = [
    ...ledger.records,
    {
      id: use.id,
      staffId: staff.id,
      date: use.date,
      leaveTypeId: ledger.annualTypeId,
      kind: use.kind,
      unit: use.unit,
      hours: use.hours ?? null,
      reason: '',
      requestId: null,
    },
  ];
  const allocation = allocateLeave(ledger.grants, usesOf(records), ledger.hoursPerDay);
  const short = allocation.uses.find((u) => u.short > 0);
  if (short)
    throw new AppError(
      'leave_balance_insufficient',
      { date: short.date },
      { date: 'leave_balance_insufficient' },
    );
  if (use.unit === 'hours' && use.kind === 'leave') {
    // 39条4項: 時間単位 at most 5 days' worth in a year, counted from the 基準日 the date falls after.
    const start = [...ledger.grants].reverse().find((g) => g.grantDate <= use.date)?.grantDate ?? use.date;
    const end = shiftDate(addMonthsExact(start, 12), -1);
    const hours = records
      .filter((r) => r.kind === 'leave' && r.unit === 'hours' && r.date >= start && r.date <= end)
      .reduce((sum, r) => sum + (r.hours ?? 0), 0);
    if (hours > 5 * ledger.hoursPerDay) {
      throw new AppError(
        'leave_hours_limit',
        { hours: 5 * ledger.hoursPerDay },
        { hours: 'leave_hours_limit' },
      );
    }
  }
  return balanceOf({ ...ledger, records }, use.date);
}

/**
 * The 有給 balance before and after taking `unit` on `date` (the 'balance after' preview of a leave
 * request), inside the caller's transaction. `covered` is false when the grants would not cover it.
 */
export async function balanceAfter(
  trx: Tx,
  contractId: string,
  input: { staffId: number; date: string; leaveTypeId: number; unit: LeaveUnit; hours?: number },
) {
  const staff = await leaveStaffOf(trx, contractId, input.staffId);
  const ledger = await loadLedger(
    trx,
    contractId,
    staff,
    await horizonOf(trx, contractId, staff.id, input.date),
  );
  const before = balanceOf({ ...ledger, records: ledger.records }, input.date);
  if (input.leaveTypeId !== ledger.annualTypeId) {
    return { annual: false, before: before.validDaysAtAsOf, after: before.validDaysAtAsOf, covered: true };
  }
  const use: LeaveRecordRow = {
    id: Number.MAX_SAFE_INTEGER,
    staffId: staff.id,
    date: input.date,
    leaveTypeId: ledger.annualTypeId,
    kind: 'leave',
    unit: input.unit,
    hours: input.hours ?? null,
    reason: '',
    requestId: null,
  };
  const records = [...ledger.records, use];
  const allocation = allocateLeave(ledger.grants, usesOf(records), ledger.hoursPerDay);
  const after = balanceOf({ ...ledger, records }, input.date);
  return {
    annual: true,
    before: before.validDaysAtAsOf,
    after: after.validDaysAtAsOf,
    covered: allocation.uses.every((u) => u.short === 0),
  };
}

/** 休暇の登録 in the 管理画面 or by API: 実績 編集 on the person's office (or an administrator). */
export async function recordLeaveForActor(ctx: AuthContext, actor: Actor, input: RecordLeaveInput) {
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    await leaveStaffOf(trx, actor.contractId, input.staffId);
    await assertLeaveRight(trx, actor, input.staffId, 'edit');
    return recordLeave(trx, actor.contractId, input, { accountId: actor.accountId, staffId: actor.staffId });
  });
}

export async function deleteLeaveForActor(ctx: AuthContext, actor: Actor, id: number) {
  await withTenant(ctx.db, actor.contractId, async (trx) => {
    const record = await findLeaveRecord(trx, actor.contractId, id);
    if (!record) throw new AppError('leave_record_not_found');
    await assertLeaveRight(trx, actor, record.staffId, 'edit');
    await lockLeaveOf(trx, actor.contractId, record.staffId);
    await deleteLeaveRecord(trx, actor.contractId, id);
    await appendAudit(trx, actor.contractId, {
      action: 'leave.delete',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `staff:${record.staffId}`,
      details: { date: record.date, unit: record.unit, kind: record.kind },
    });
    if (record.kind === 'leave') {
      await emitEvent(trx, actor.contractId, 'leave.deleted', {
        leave: { id, staffId: record.staffId, date: record.date, unit: record.unit },
      });
    }
  });
}

// ───────────────────────────── manual grants, adjustments, 出勤率 ─────────────────────────────

export async function addManualGrant(
  ctx: AuthContext,
  actor: Actor,
  staffId: number,
  input: LeaveGrantInput,
) {
  requireAdmin(actor);
  const data = parseOrThrow(LeaveGrantInputSchema, input);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    await leaveStaffOf(trx, actor.contractId, staffId);
    await lockLeaveOf(trx, actor.contractId, staffId);
    const row = await insertLeaveGrant(trx, actor.contractId, {
      staffId,
      grantDate: data.grantDate,
      days: data.days,
      expiresOn: data.expiresOn ?? leaveExpiryOf(data.grantDate),
      source: 'manual',
      reason: data.reason,
      createdByStaffId: actor.staffId,
    });
    await appendAudit(trx, actor.contractId, {
      action: 'leave.grant',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `staff:${staffId}`,
      details: { grantDate: data.grantDate, days: data.days, reason: data.reason },
    });
    return { id: row!.id };
  });
}

export async function addLeaveAdjustment(
  ctx: AuthContext,
  actor: Actor,
  staffId: number,
  input: LeaveAdjustmentInput,
) {
  requireAdmin(actor);
  const data = parseOrThrow(LeaveAdjustmentInputSchema, input);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const staff = await leaveStaffOf(trx, actor.contractId, staffId);
    await lockLeaveOf(trx, actor.contractId, staffId);
    const annual = await ensureAnnualLeaveType(trx, actor.contractId);
    await assertCovered(trx, actor.contractId, staff, {
      ...data,
      id: Number.MAX_SAFE_INTEGER,
      kind: 'adjustment',
    });
    const row = await insertLeaveRecord(trx, actor.contractId, {
      staffId,
      date: data.date,
      leaveTypeId: annual.id,
      kind: 'adjustment',
      unit: data.unit,
      hours: data.hours ?? null,
      reason: data.reason,
      requestId: null,
      createdByStaffId: actor.staffId,
    });
    await appendAudit(trx, actor.contractId, {
      action: 'leave.adjust',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `staff:${staffId}`,
      details: { date: data.date, unit: data.unit, hours: data.hours ?? null, reason: data.reason },
    });
    return { id: row.id };
  });
}

export async function overrideAttendanceRate(
  ctx: AuthContext,
  actor: Actor,
  staffId: number,
  input: unknown,
) {
  requireAdmin(actor);
  const data = parseOrThrow(LeaveRateOverrideSchema, input);
  await withTenant(ctx.db, actor.contractId, async (trx) => {
    await leaveStaffOf(trx, actor.contractId, staffId);
    await upsertRateOverride(trx, actor.contractId, {
      staffId,
      grantDate: data.grantDate,
      rate: data.ratePercent / 100,
      reason: data.reason,
      byStaffId: actor.staffId,
    });
    await appendAudit(trx, actor.contractId, {
      action: 'leave.rate_override',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `staff:${staffId}`,
      details: { grantDate: data.grantDate, ratePercent: data.ratePercent, reason: data.reason },
    });
  });
}

// ───────────────────────────── views ─────────────────────────────

/** One person's 休暇: balance on a date, grants, skipped 基準日 with the reason, and leave taken. */
export async function staffLeaveForActor(ctx: AuthContext, actor: Actor, staffId: number, asOf?: string) {
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const staff = await leaveStaffOf(trx, actor.contractId, staffId);
    await assertLeaveRight(trx, actor, staffId, 'view');
    const date = asOf ?? (await todayOf(trx, actor.contractId, nowOf(ctx)));
    const ledger = await loadLedger(trx, actor.contractId, staff, date);
    const balance = balanceOf(ledger, date);
    const types = new Map((await listLeaveTypesIn(trx, actor.contractId, true)).map((t) => [t.id, t]));
    const all = await listLeaveRecords(trx, actor.contractId, [staffId]);
    return {
      staff: {
        id: staff.id,
        name: staff.name,
        code: staff.code,
        hiredOn: staff.hiredOn,
        retiredOn: staff.retiredOn,
        weeklyDays: staff.weeklyDays,
        weeklyHours: staff.weeklyMinutes / 60,
        leaveGrantMode: staff.leaveGrantMode,
      },
      asOf: date,
      ...presentBalance(balance),
      records: all.map((r) => ({
        id: r.id,
        date: r.date,
        leaveTypeId: r.leaveTypeId,
        leaveTypeName: types.get(r.leaveTypeId)?.name ?? '',
        kind: r.kind,
        unit: r.unit,
        hours: r.hours,
        reason: r.reason,
        requestId: r.requestId,
      })),
    };
  });
}

function presentBalance(balance: ReturnType<typeof balanceOf>) {
  return {
    hoursPerDay: balance.hoursPerDay,
    validDays: balance.validDaysAtAsOf,
    valid: balance.valid,
    expiringSoonDays: balance.expiringSoonDays,
    nextGrant: balance.nextGrant,
    grants: balance.grants.map((g) => ({
      id: g.projected ? null : g.id,
      grantDate: g.grantDate,
      days: g.days,
      expiresOn: g.expiresOn,
      source: g.source,
      serviceYears: g.serviceYears,
      used: g.used,
      remaining: g.remaining,
      remainingSplit: g.remainingSplit,
      valid: g.valid,
      expiringSoon: g.expiringSoon,
      fiveDayObligation: g.fiveDayObligation,
      fiveDayDeadline: g.fiveDayDeadline ?? null,
      fiveDayTaken: g.fiveDayTaken,
      attendanceRate: g.attendanceRate,
      reason: g.reason,
      projected: g.projected,
    })),
    skipped: balance.skipped,
  };
}

/** 休暇 page: every person's balance on a date (実績 閲覧 on their office, or an administrator). */
export async function leaveOverviewForActor(ctx: AuthContext, actor: Actor, asOf?: string) {
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const date = asOf ?? (await todayOf(trx, actor.contractId, nowOf(ctx)));
    const staff = (await listLeaveStaff(trx, actor.contractId)).filter(
      (s) => s.usage === 'active' && (!s.retiredOn || s.retiredOn >= date),
    );
    const roles = await listOfficeRoles(
      trx,
      actor.contractId,
      staff.map((s) => s.id),
    );
    const visible = staff.filter(
      (s) =>
        actor.isAdmin ||
        s.id === actor.staffId ||
        roles.some((r) => r.staffId === s.id && hasRight(actor, 'attendance', 'view', r.officeId)),
    );
    const rows = [];
    for (const person of visible) {
      const balance = balanceOf(await loadLedger(trx, actor.contractId, person, date), date);
      rows.push({
        staffId: person.id,
        name: person.name,
        code: person.code,
        hiredOn: person.hiredOn,
        validDays: balance.validDaysAtAsOf,
        valid: balance.valid,
        expiringSoonDays: balance.expiringSoonDays,
        nextGrant: balance.nextGrant,
        fiveDay: fiveDayStatus(balance, date),
      });
    }
    return {
      asOf: date,
      rows,
      atRisk: rows
        .filter((r) => r.fiveDay?.atRisk)
        .map((r) => ({ staffId: r.staffId, name: r.name, code: r.code, ...r.fiveDay! })),
      types: await listLeaveTypesIn(trx, actor.contractId, true),
    };
  });
}

/** 年5日: the obliged grant whose year contains `asOf`, what is taken, and whether it is at risk. */
function fiveDayStatus(balance: ReturnType<typeof balanceOf>, asOf: string) {
  const current = [...balance.grants]
    .reverse()
    .find(
      (g) => g.fiveDayObligation && g.grantDate <= asOf && g.fiveDayDeadline && asOf <= g.fiveDayDeadline,
    );
  if (!current?.fiveDayDeadline) return null;
  const taken = current.fiveDayTaken ?? 0;
  // Short of 5 with less than 3 months left to the deadline (issue 17).
  const atRisk = taken < 5 && current.fiveDayDeadline < addMonths(asOf, 3);
  return {
    grantDate: current.grantDate,
    deadline: current.fiveDayDeadline,
    taken,
    short: Math.max(0, 5 - taken),
    atRisk,
  };
}

/**
 * 年5日取得義務 at risk on `asOf`: staff whose grant of ≥ 10 days has fewer than 5 days taken (and
 * planned) in its year, with less than 3 months left (the 休暇 page, 労務アラート).
 */
export async function fiveDayObligationsAtRisk(db: Db, contractId: string, asOf: string) {
  return withTenant(db, contractId, async (trx) => {
    const staff = (await listLeaveStaff(trx, contractId)).filter(
      (s) => s.usage === 'active' && (!s.retiredOn || s.retiredOn >= asOf),
    );
    // Every ledger with one statement per table: 労務アラート asks this on each page view.
    const ledgers = await loadLedgers(trx, contractId, staff, asOf);
    return staff.flatMap((person, i) => {
      const status = fiveDayStatus(balanceOf(ledgers[i]!, asOf), asOf);
      return status?.atRisk ? [{ staffId: person.id, name: person.name, code: person.code, ...status }] : [];
    });
  });
}

// ───────────────────────────── 年次有給休暇管理簿 ─────────────────────────────

/**
 * 年次有給休暇管理簿 (労基則24条の7): per person, per grant 基準日, 付与日数, each 取得日 and 日数, 残日数.
 * `staffId` narrows to one person. Kept 3 years: grants whose 基準日 is within 3 years of `asOf`, or
 * still valid.
 */
export async function leaveRegister(
  db: Db,
  contractId: string,
  asOf: string,
  scope: (s: LeaveStaffRow) => boolean,
) {
  return withTenant(db, contractId, async (trx) => {
    const staff = (await listLeaveStaff(trx, contractId)).filter(scope);
    const since = shiftDate(addMonths(asOf, -36), 0);
    const people = [];
    for (const person of staff) {
      const ledger = await loadLedger(trx, contractId, person, asOf);
      const h = ledger.hoursPerDay;
      const allocation = allocateLeave(
        ledger.grants,
        usesOf(ledger.records.filter((r) => r.date <= asOf)),
        h,
      );
      const balance = balanceOf(ledger, asOf);
      const grants = balance.grants
        .filter((g) => g.grantDate >= since || g.expiresOn >= asOf)
        .map((g) => ({
          grantDate: g.grantDate,
          days: g.days,
          expiresOn: g.expiresOn,
          fiveDayObligation: g.fiveDayObligation,
          fiveDayDeadline: g.fiveDayDeadline ?? null,
          used: g.used,
          remaining: g.remaining,
          taken: allocation.uses.flatMap((u) => {
            const part = u.from.find((f) => f.grantId === g.id);
            const record = ledger.records.find((r) => r.id === u.id)!;
            return part
              ? [
                  {
                    date: u.date,
                    days: daysOfUnits(part.units, h),
                    unit: record.unit,
                    hours: record.hours,
                    kind: record.kind,
                  },
                ]
              : [];
          }),
        }));
      people.push({
        staffId: person.id,
        name: person.name,
        code: person.code,
        hiredOn: person.hiredOn,
        validDays: balance.validDaysAtAsOf,
        grants,
      });
    }
    return { asOf, people };
  });
}

export async function leaveRegisterForActor(
  ctx: AuthContext,
  actor: Actor,
  query: { asOf?: string; staffId?: number },
) {
  const asOf =
    query.asOf ??
    (await withTenant(ctx.db, actor.contractId, (trx) => todayOf(trx, actor.contractId, nowOf(ctx))));
  let allowed: Set<number> | 'all' = 'all';
  if (!actor.isAdmin) {
    allowed = await withTenant(ctx.db, actor.contractId, async (trx) => {
      const staff = await listLeaveStaff(trx, actor.contractId);
      const roles = await listOfficeRoles(
        trx,
        actor.contractId,
        staff.map((s) => s.id),
      );
      return new Set(
        staff
          .filter((s) =>
            roles.some((r) => r.staffId === s.id && hasRight(actor, 'attendance', 'view', r.officeId)),
          )
          .map((s) => s.id),
      );
    });
  }
  return leaveRegister(
    ctx.db,
    actor.contractId,
    asOf,
    (s) =>
      (query.staffId === undefined || s.id === query.staffId) &&
      (allowed === 'all' || allowed.has(s.id)) &&
      (query.staffId !== undefined || s.usage === 'active'),
  );
}

const UNIT_TEXT: Record<LeaveUnit, string> = {
  full: '全日',
  am: '午前半休',
  pm: '午後半休',
  hours: '時間単位',
};

/** The 管理簿 as CSV rows (one per 取得, or per grant without any), header first. */
export function leaveRegisterRows(register: Awaited<ReturnType<typeof leaveRegister>>): unknown[][] {
  const rows: unknown[][] = [
    [
      'スタッフコード',
      '名前',
      '入社日',
      '基準日',
      '付与日数',
      '有効期限',
      '年5日対象',
      '年5日期限',
      '取得日',
      '取得単位',
      '取得日数',
      '使用日数',
      '残日数',
    ],
  ];
  for (const p of register.people) {
    for (const g of p.grants) {
      const base = [
        p.code,
        p.name,
        p.hiredOn,
        g.grantDate,
        g.days,
        g.expiresOn,
        g.fiveDayObligation ? '対象' : '',
        g.fiveDayDeadline ?? '',
      ];
      if (g.taken.length === 0) rows.push([...base, '', '', '', g.used, g.remaining]);
      for (const t of g.taken) {
        const unit =
          t.kind === 'adjustment'
            ? '調整'
            : t.unit === 'hours'
              ? `${UNIT_TEXT.hours}(${t.hours}h)`
              : UNIT_TEXT[t.unit];
        rows.push([...base, t.date, unit, t.days, g.used, g.remaining]);
      }
    }
  }
  return rows;
}

// ───────────────────────────── the daily grant job ─────────────────────────────

/**
 * 出勤率 of an attendance year from this product's records (labor-rules.md §10): attended ÷ 全労働日,
 * where 全労働日 are the scheduled days and attended are those without 欠勤 (leave counts as attended).
 * The part of the year before the person's first record here (registration or first punch) counts as
 * fully attended; a year wholly before it is 1.
 */
export async function attendanceRateOf(
  trx: Tx,
  contractId: string,
  context: LaborContext,
  staff: LeaveStaffRow,
  year: { from: string; to: string },
  firstRecord: string,
  now: Date,
): Promise<number> {
  const from = firstRecord > year.from ? firstRecord : year.from;
  if (from > year.to) return 1;
  const period = { from, to: year.to };
  const officeId = (await firstOffices(trx, contractId, [staff.id])).get(staff.id);
  const window = {
    from: new Date(`${shiftDate(from, -8)}T00:00:00Z`),
    to: new Date(`${shiftDate(year.to, 3)}T00:00:00Z`),
  };
  const dates = { from: shiftDate(from, -8), to: shiftDate(year.to, 3) };
  const shiftSchedule =
    staff.workStyle === 'shift'
      ? (await shiftScheduleLayers(trx, contractId, [staff.id], dates)).get(staff.id)
      : undefined;
  const base = settingsFor(
    context,
    officeId,
    staff.workRules ? JSON.parse(staff.workRules) : undefined,
    period,
    shiftSchedule,
  );
  const leave = (await leaveDaysOf(trx, contractId, [staff.id], dates)).get(staff.id);
  const { settings, leaves } = withLeave(base, leave);
  const rows = await listPunchRows(trx, contractId, [staff.id], window.from, window.to);
  const { events } = countedEvents(rows, context.timeZone, settings, shiftSchedule);
  const judgement = judgementFor({ now: () => now }, staff, events, context.timeZone, settings.dayBoundary);
  const scheduled = runEngine(base, period, [], judgement).absenceDays;
  if (scheduled === 0) return 1;
  // A day of 特別休暇 counts as attended: it is no 欠勤 in `settings` (the engine's own rule).
  const absent = runEngine(settings, period, events, judgement, leaves).absenceDays;
  return Math.max(0, (scheduled - absent) / scheduled);
}

/**
 * The daily job's work for one contract: writes each statutory grant due by today (its 基準日 passed,
 * not yet written), with the 出勤率 of its year (an administrator's override first). A year under
 * 80 % is written as skipped with the rate. Each 基準日 is written at most once per person (a unique
 * key with ON CONFLICT DO NOTHING), so several processes, or a rerun after downtime, grant once.
 * Returns how many rows this call wrote.
 */
export async function grantDueLeaveFor(db: Db, contractId: string, now: Date): Promise<number> {
  return withTenant(db, contractId, async (trx) => {
    const context = await loadLaborContext(trx, contractId);
    const today = workDateOf(now, context.timeZone, '00:00');
    const staff = (await listLeaveStaff(trx, contractId)).filter(
      (s) => s.leaveGrantMode === 'statutory' && s.hiredOn !== null && s.hiredOn <= today,
    );
    if (staff.length === 0) return 0;
    const stored = await listLeaveGrants(
      trx,
      contractId,
      staff.map((s) => s.id),
    );
    const overrides = await listRateOverrides(
      trx,
      contractId,
      staff.map((s) => s.id),
    );
    const firstPunches = await firstPunchInstants(
      trx,
      contractId,
      staff.map((s) => s.id),
    );
    let written = 0;
    for (const person of staff) {
      const done = new Set(
        stored.filter((g) => g.staffId === person.id && g.source === 'statutory').map((g) => g.grantDate),
      );
      const lastDay = person.retiredOn && person.retiredOn < today ? person.retiredOn : today;
      const due = statutoryDates(person, lastDay).filter((y) => !done.has(y.grantDate));
      if (due.length === 0) continue;
      const registered = workDateOf(person.createdAt, context.timeZone, '00:00');
      const punch = firstPunches.get(person.id);
      const firstPunch = punch ? workDateOf(punch, context.timeZone, '00:00') : undefined;
      const firstRecord = firstPunch && firstPunch < registered ? firstPunch : registered;
      for (const year of due) {
        const override = overrides.find((o) => o.staffId === person.id && o.grantDate === year.grantDate);
        const rate =
          override?.rate ??
          (await attendanceRateOf(trx, contractId, context, person, year, firstRecord, now));
        const eligible = rate >= 0.8;
        const inserted = await insertLeaveGrant(trx, contractId, {
          staffId: person.id,
          grantDate: year.grantDate,
          days: eligible ? year.days : 0,
          expiresOn: leaveExpiryOf(year.grantDate),
          source: 'statutory',
          serviceYears: year.serviceYears,
          skipped: !eligible,
          attendanceRate: Math.round(rate * 10000) / 10000,
          reason: override
            ? override.reason
            : eligible
              ? ''
              : `出勤率 ${(Math.floor(rate * 1000) / 10).toFixed(1)}% < 80% / attendance under 80%`,
        });
        if (inserted) written++;
      }
    }
    return written;
  });
}

/** Every contract with 休暇管理: the grants due by `now`. Returns how many rows were written. */
export async function grantDueLeave(db: Db, now: Date, contractIds?: string[]): Promise<number> {
  const contracts = await listLeaveContracts(db, LEAVE_PLANS);
  let written = 0;
  for (const c of contracts) {
    if (contractIds && !contractIds.includes(c.id)) continue;
    written += await grantDueLeaveFor(db, c.id, now);
  }
  return written;
}

export type { LeaveUnit };
export { unitsOf };
