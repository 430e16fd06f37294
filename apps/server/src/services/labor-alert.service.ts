import {
  AckSchema,
  type AlertQuery,
  AlertQuerySchema,
  type AlertSeverity,
  AppError,
  type AttendanceEvent,
  alertKey,
  alertSeverity,
  checkAgreement36,
  consecutiveWorkdays,
  type DayAlert,
  inVacation,
  type LaborAlertCode,
  type LaborAlertSettings,
  LaborAlertSettingsInputSchema,
  type MonthAlert,
  MonthSchema,
  monthAlerts,
  overtimeSeries,
  payPeriodOf,
  payPeriodOfMonth,
  shiftDate,
  shortRestIntervals,
  studentWeeklyLimit,
  WEEKDAYS,
  wallMinuteOf,
  workDateOf,
} from '@timecard/domain';
import { z } from 'zod';
import { type Db, type Tx, withTenant } from '../db/database.ts';
import { laborAlertDigestMail } from '../mail/labor-alert-mails.ts';
import { type Actor, officesWithRight, requireAdmin } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  type ComputedTotals,
  claimDigestDay,
  claimQueuedContracts,
  claimStaleTotals,
  insertAck,
  insertDigestSeen,
  listAcks,
  listAlertContracts,
  listAlertStaff,
  listDigestSeen,
  listInternationalStudents,
  listLaborPunches,
  listTotals,
  markJudgedBeforeStale,
  markTotalsStale,
  queueContract,
  readLaborAlertSettings,
  releaseQueuedContract,
  saveComputedTotals,
  setInternationalStudents,
  type TotalsClaim,
  writeLaborAlertSettings,
} from '../repositories/labor-alert.repository.ts';
import { enqueueMail } from '../repositories/mail-outbox.repository.ts';
import { listOffices } from '../repositories/office.repository.ts';
import { listAdminEmails } from '../repositories/staff.repository.ts';
import { firstOffices, type ReportPunches } from '../repositories/timecard.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { fiveDayObligationsAtRisk } from './leave.service.ts';
import { shiftScheduleLayers } from './shift.service.ts';
import {
  countedEvents,
  judgementsAt,
  type LaborContext,
  loadLaborContext,
  runEngine,
  settingsFor,
  windowDates,
} from './timecard.service.ts';
import { parseOrThrow } from './validation.ts';

// A batch of stale staff-months (about 350 people's year): one punch load, one write-back.
const CLAIM_LIMIT = 5000;
const FIRST_CLAIM_LIMIT = 1000;
/** Batches claimed and loaded ahead of the one being computed (PostgreSQL's second core). */
const PIPELINE_DEPTH = 2;
const LEASE_SECONDS = 120;

const clock = (ctx: { now?: () => Date }) => (ctx.now ? ctx.now() : new Date());

// ───────────────────────────── computing staff-months ─────────────────────────────

type AlertStaff = Awaited<ReturnType<typeof listAlertStaff>>[number];

/**
 * The day alerts and totals of claimed staff-months, from the stored punches and the engine, as a
 * batch: the people and settings once, every punch of the claimed people in one statement, each
 * person's punches converted to events once, the effective settings once per distinct rule set and
 * period (most people of a contract share them), then the engine per staff-month in memory.
 */
async function loadClaims(trx: Tx, contractId: string, claims: TotalsClaim[]) {
  const context = await loadLaborContext(trx, contractId);
  const alertSettings = await readLaborAlertSettings(trx, contractId);
  const staffIds = [...new Set(claims.map((c) => c.staffId))];
  const staff = new Map((await listAlertStaff(trx, contractId, staffIds)).map((s) => [s.id, s]));
  const offices = await firstOffices(trx, contractId, staffIds);
  const settingsOf = settingsMemo(context);
  const rulesText = new Map<string, Record<string, unknown>>();
  const rulesOf = (s: AlertStaff) => {
    if (!s.workRules) return undefined;
    let rules = rulesText.get(s.workRules);
    if (!rules) {
      rules = JSON.parse(s.workRules) as Record<string, unknown>;
      rulesText.set(s.workRules, rules);
    }
    return rules;
  };
  const periodOf = (claim: TotalsClaim) => {
    const person = staff.get(claim.staffId);
    const probe = settingsOf(offices.get(claim.staffId), person?.workRules ?? null, rulesOf, PROBE);
    return payPeriodOfMonth(claim.month, probe.monthStartDay);
  };
  const periods = claims.map(periodOf);
  const before = Math.max(8, alertSettings.consecutiveDays + 1);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates compare as strings, Math.min would not
  const from = periods.reduce((min, p) => (p.from < min ? p.from : min), periods[0]!.from);
  // biome-ignore lint/complexity/useMathMinMax: ISO dates compare as strings, Math.max would not
  const to = periods.reduce((max, p) => (p.to > max ? p.to : max), periods[0]!.to);
  const window = {
    from: new Date(`${shiftDate(from, -before)}T00:00:00Z`),
    to: new Date(`${shiftDate(to, 3)}T00:00:00Z`),
  };
  const punches = await listLaborPunches(trx, contractId, staffIds, window.from, window.to);
  const shiftStaff = staffIds.filter((id) => staff.get(id)?.workStyle === 'shift');
  const shiftLayers = await shiftScheduleLayers(trx, contractId, shiftStaff, windowDates(window));
  return {
    context,
    alertSettings,
    claims,
    staff,
    offices,
    settingsOf,
    rulesOf,
    periods,
    before,
    punches,
    shiftLayers,
  };
}

/**
 * The engine over a loaded batch, in memory (no statement); yields to the event loop every few
 * hundred staff-months so that the next batch's statements proceed meanwhile.
 */
async function computeClaims(
  batch: Awaited<ReturnType<typeof loadClaims>>,
  now: Date,
): Promise<ComputedTotals[]> {
  const { context, alertSettings, claims, staff, offices, settingsOf, rulesOf, periods, before } = batch;
  const { punches, shiftLayers } = batch;

  // The effective punches once per person (corrections resolved over the whole load), each with
  // its wall-clock event, so that each month only slices its own window.
  // wallMinuteOf drops the seconds and a zone's offset is constant within a minute, so a minute's
  // event is made once for everyone who punched in it (the engine only reads events): a year of a
  // thousand people is a million punches but far fewer distinct minutes, and far less garbage.
  const shared: Record<AttendanceEvent['type'], Map<number, AttendanceEvent>> = {
    clock_in: new Map(),
    clock_out: new Map(),
    break_start: new Map(),
    break_end: new Map(),
  };
  const eventOf = (type: AttendanceEvent['type'], minute: number) => {
    const byMinute = shared[type];
    let event = byMinute.get(minute);
    if (event === undefined) {
      event = Object.freeze({ type, at: wallMinuteOf(new Date(minute * 60_000), context.timeZone) });
      byMinute.set(minute, event);
    }
    return event;
  };
  // Each person's events once (not once per month window they fall in).
  const timeline = new Map<number, StaffTimeline>();
  for (const [id, p] of punches) {
    timeline.set(id, { punches: p, events: p.minutes.map((m, i) => eventOf(p.types[i]!, m)) });
  }
  const judgementOf = judgementsAt(now, context.timeZone);
  const computed: ComputedTotals[] = [];
  for (const [i, claim] of claims.entries()) {
    if (i % 250 === 249) await new Promise((resolve) => setImmediate(resolve));
    const person = staff.get(claim.staffId);
    const period = periods[i]!;
    if (!person) continue;
    const line = timeline.get(person.id) ?? EMPTY_TIMELINE;
    const first = lowerBound(line.punches.minutes, minuteOfDate(shiftDate(period.from, -before - 1)));
    const last = lowerBound(line.punches.minutes, minuteOfDate(shiftDate(period.to, 3)));
    computed.push(
      computeStaffMonth(context, alertSettings, {
        person,
        settingsFor: (period, shiftSchedule) =>
          shiftSchedule
            ? settingsFor(context, offices.get(person.id), rulesOf(person), period, shiftSchedule)
            : settingsOf(offices.get(person.id), person.workRules, rulesOf, period),
        claim,
        period,
        rows: () =>
          line.punches.minutes.slice(first, last).map((minute, k) => ({
            id: first + k,
            supersedesId: null,
            deleted: false,
            type: line.punches.types[first + k]!,
            punchedAt: new Date(minute * 60_000),
            source: line.punches.sources[first + k]!,
          })),
        events: line.events.slice(first, last),
        shiftSchedule: shiftLayers.get(person.id),
        judgementOf,
      }),
    );
  }
  return computed;
}

const PROBE = { from: '2000-01-01', to: '2000-01-01' };

interface StaffTimeline {
  punches: ReportPunches;
  events: AttendanceEvent[];
}
const EMPTY_TIMELINE: StaffTimeline = {
  punches: { types: [], sources: [], minutes: [] },
  events: [],
};

/** Minutes since the epoch at 00:00 UTC of an ISO date (the load window's bounds are such). */
const minuteOfDate = (date: string) => Date.parse(`${date}T00:00:00Z`) / 60_000;

/** The first index whose value is at least `value` (the values ascending). */
function lowerBound(values: number[], value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * settingsFor without a shift schedule, once per office, rule text and period: the effective
 * settings (the national holidays of the period among them) are the same for everyone sharing them.
 */
function settingsMemo(context: LaborContext) {
  const memo = new Map<string, ReturnType<typeof settingsFor>>();
  return (
    officeId: number | undefined,
    rulesText: string | null,
    rulesOf: (s: AlertStaff) => Record<string, unknown> | undefined,
    period: { from: string; to: string },
  ) => {
    const key = `${officeId ?? ''}|${period.from}|${period.to}|${rulesText ?? ''}`;
    let settings = memo.get(key);
    if (!settings) {
      const rules = rulesText ? rulesOf({ workRules: rulesText } as AlertStaff) : undefined;
      settings = settingsFor(context, officeId, rules, period);
      memo.set(key, settings);
    }
    return settings;
  };
}

function computeStaffMonth(
  context: LaborContext,
  alertSettings: LaborAlertSettings,
  input: {
    person: AlertStaff;
    /** settingsFor of this person (memoised across people without a shift schedule). */
    settingsFor: (
      period: { from: string; to: string },
      shiftSchedule: Parameters<typeof settingsFor>[4],
    ) => ReturnType<typeof settingsFor>;
    claim: TotalsClaim;
    period: { from: string; to: string };
    /** The effective punches of the window, made only for シフト丸め. */
    rows: () => Parameters<typeof countedEvents>[0];
    /** The events of `rows` without シフト丸め (converted once per person). */
    events: AttendanceEvent[];
    shiftSchedule: Parameters<typeof settingsFor>[4];
    /** judgementFor at the recompute's `now` (judgementsAt). */
    judgementOf: ReturnType<typeof judgementsAt>;
  },
): ComputedTotals {
  const { person, period, claim } = input;
  const settings = input.settingsFor(period, input.shiftSchedule);
  // シフト丸め moves punches only for a シフト制 person on days of a published shift.
  const events =
    input.shiftSchedule?.schedule?.byDate && settings.shiftRounding.mode !== 'none'
      ? countedEvents(input.rows(), context.timeZone, settings, input.shiftSchedule).events
      : input.events;
  // The loaded events are in time order; シフト丸め's may not be.
  const judgement = input.judgementOf(person, events, settings.dayBoundary, events === input.events);
  const result = runEngine(settings, period, events, judgement);
  const items: DayAlert[] = [];
  for (const warning of result.warnings) {
    const [code, date] = warning.split('@') as [string, string];
    if (code === 'BREAK_SHORTAGE') items.push({ code: 'BREAK_SHORTAGE', date });
  }
  // 未打刻 only for days that are over (aggregateForStaff leaves today's open shift alone).
  for (const incomplete of result.incomplete) {
    items.push({ code: incomplete.code, date: incomplete.date });
  }
  const employed = {
    from: person.hiredOn && person.hiredOn > period.from ? person.hiredOn : period.from,
    to: person.retiredOn && person.retiredOn < period.to ? person.retiredOn : period.to,
  };
  for (const rest of shortRestIntervals(events, alertSettings.intervalMinutes, employed)) {
    items.push({
      code: 'INTERVAL_SHORT',
      date: rest.date,
      minutes: rest.minutes,
      limitMinutes: alertSettings.intervalMinutes,
    });
  }
  const workDates = events.filter((e) => e.type === 'clock_in').map((e) => e.at.slice(0, 10));
  for (const run of consecutiveWorkdays(workDates, alertSettings.consecutiveDays, employed)) {
    items.push({
      code: 'CONSECUTIVE_WORKDAYS',
      date: run.date,
      days: run.days,
      limitDays: alertSettings.consecutiveDays,
    });
  }
  if (person.internationalStudent) {
    items.push(...studentAlerts(alertSettings, input, events, judgement));
  }
  items.sort((a, b) => (a.date === b.date ? (a.code < b.code ? -1 : 1) : a.date < b.date ? -1 : 1));
  return {
    staffId: claim.staffId,
    month: claim.month,
    version: claim.version,
    periodFrom: period.from,
    periodTo: period.to,
    judgedThrough: judgement.lastEnded,
    overtimeMinutes: result.agreement36.overtimeMinutes,
    legalHolidayMinutes:
      result.agreement36.overtimePlusLegalHolidayMinutes - result.agreement36.overtimeMinutes,
    workedMinutes: result.worked,
    items: items as unknown as Record<string, unknown>[],
  };
}

/** 留学生: worked hours per week (starting in the period) over 28 h (40 h in a long vacation), 8 h a day then. */
function studentAlerts(
  alertSettings: LaborAlertSettings,
  input: Parameters<typeof computeStaffMonth>[2],
  events: ReturnType<typeof countedEvents>['events'],
  judgement: ReturnType<ReturnType<typeof judgementsAt>>,
): DayAlert[] {
  const found: DayAlert[] = [];
  const { period } = input;
  const base = input.settingsFor(period, input.shiftSchedule);
  const weekStart = WEEKDAYS.indexOf(base.weekStart as (typeof WEEKDAYS)[number]);
  for (let date = period.from; date <= period.to; date = shiftDate(date, 1)) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === weekStart) {
      const week = { from: date, to: shiftDate(date, 6) };
      const worked = runEngine(input.settingsFor(week, input.shiftSchedule), week, events, judgement).worked;
      const limit = studentWeeklyLimit(week, alertSettings.longVacations);
      if (worked > limit.limitMinutes) {
        found.push({
          code: limit.vacation ? 'STUDENT_WEEK_OVER_40H' : 'STUDENT_WEEK_OVER_28H',
          date,
          minutes: worked,
          limitMinutes: limit.limitMinutes,
        });
      }
    }
    if (inVacation(date, alertSettings.longVacations)) {
      const day = { from: date, to: date };
      const worked = runEngine(base, day, events, judgement).worked;
      if (worked > 480) found.push({ code: 'STUDENT_DAY_OVER_8H', date, minutes: worked, limitMinutes: 480 });
    }
  }
  return found;
}

/**
 * Recomputes the stale staff-months of a contract: claims a batch (SKIP LOCKED, a lease), computes
 * it with the timecard engine, writes back under the claim; until none is left. Safe to run in
 * several processes at once: each row is computed by the one that claimed it, and a result is
 * written only while the claim holds. Returns how many rows were written.
 */
export async function refreshStaleTotals(
  db: Db,
  contractId: string,
  options: { now?: Date; phases?: RefreshPhases; batchSize?: number } = {},
) {
  const now = options.now ?? new Date();
  const phases = options.phases;
  const timed = async <T>(phase: keyof RefreshPhases, work: () => Promise<T>): Promise<T> => {
    const at = performance.now();
    try {
      return await work();
    } finally {
      if (phases) phases[phase] += performance.now() - at;
    }
  };
  // Claims are taken one after another, each past the last row of the one before (`after`); when
  // one past the end finds nothing, once more from the start picks up rows skipped meanwhile (a
  // punch that came for an earlier person, a lease of a killed worker that ran out).
  let after: { staffId: number; month: string } | undefined;
  let exhausted = false;
  let claimsTaken = 0;
  const size = options.batchSize ?? CLAIM_LIMIT;
  const claimNext = async () => {
    for (;;) {
      if (exhausted) return null;
      // The first batch is small, so that computing starts while the bigger ones load.
      const limit = claimsTaken++ === 0 ? Math.min(size, FIRST_CLAIM_LIMIT) : size;
      const claimed = await timed('claim', () =>
        withTenant(db, contractId, (trx) =>
          claimStaleTotals(trx, contractId, {
            limit,
            leaseSeconds: LEASE_SECONDS,
            after,
          }),
        ),
      );
      if (claimed.claims.length > 0) {
        after = claimed.claims.reduce((last, c) =>
          c.staffId > last.staffId || (c.staffId === last.staffId && c.month > last.month) ? c : last,
        );
        return claimed;
      }
      if (!after) exhausted = true;
      after = undefined;
    }
  };
  // A pipeline: while one batch is computed, the next ones are claimed and loaded by PostgreSQL
  // (computeClaims yields now and then, so their statements go out meanwhile).
  let claims: Promise<unknown> = Promise.resolve();
  const ahead: Promise<{ token: string; batch: Awaited<ReturnType<typeof loadClaims>> } | null>[] = [];
  const prefetch = () => {
    const claimed = claims.then(claimNext);
    claims = claimed;
    const loaded = claimed.then(async (c) =>
      c
        ? {
            token: c.token,
            batch: await timed('load', () =>
              withTenant(db, contractId, (trx) => loadClaims(trx, contractId, c.claims)),
            ),
          }
        : null,
    );
    // Awaited in turn below; a failure of one further ahead must not count as unhandled meanwhile.
    loaded.catch(() => {});
    ahead.push(loaded);
  };
  for (let i = 0; i < PIPELINE_DEPTH; i++) prefetch();
  // The write-back of a batch goes out while the next one is computed.
  const saves: Promise<number>[] = [];
  for (;;) {
    const current = await ahead.shift()!;
    if (!current) break;
    prefetch();
    const computed = await timed('compute', () => computeClaims(current.batch, now));
    const saved = timed('save', () =>
      withTenant(db, contractId, (trx) => saveComputedTotals(trx, contractId, current.token, computed)),
    );
    saved.catch(() => {});
    saves.push(saved);
  }
  let written = 0;
  for (const saved of saves) written += await saved;
  return written;
}

/** Milliseconds spent per phase of refreshStaleTotals (bench:alerts prints them). */
export interface RefreshPhases {
  claim: number;
  load: number;
  compute: number;
  save: number;
}

/** Makes the contract's totals current as of `now`: days that ended since, then stale rows. */
export async function bringTotalsCurrent(db: Db, contractId: string, now: Date) {
  await withTenant(db, contractId, async (trx) => {
    const context = await loadLaborContext(trx, contractId);
    const boundary = settingsFor(context, undefined, undefined, {
      from: '2000-01-01',
      to: '2000-01-01',
    }).dayBoundary;
    const lastEnded = shiftDate(workDateOf(now, context.timeZone, boundary), -1);
    await markJudgedBeforeStale(trx, contractId, lastEnded);
  });
  return refreshStaleTotals(db, contractId, { now });
}

/**
 * The background worker's unit: claims contracts from the queue the punch trigger fills, refreshes
 * their stale totals and releases them (kept queued when a punch came meanwhile).
 */
export async function refreshQueuedContracts(db: Db, options: { now?: Date; limit?: number } = {}) {
  const contracts = await claimQueuedContracts(db, options.limit ?? 5, LEASE_SECONDS);
  let written = 0;
  for (const c of contracts) {
    written += await refreshStaleTotals(db, c.contractId, options.now ? { now: options.now } : {});
    await releaseQueuedContract(db, c.contractId, Number(c.generation));
  }
  return { contracts: contracts.length, written };
}

// ───────────────────────────── alerts ─────────────────────────────

export interface LaborAlert {
  key: string;
  severity: AlertSeverity;
  code: LaborAlertCode;
  staffId: number;
  staffCode: string | null;
  staffName: string;
  officeId: number | null;
  officeName: string | null;
  month: string;
  date: string | null;
  minutes: number | null;
  limitMinutes: number | null;
  projectedMinutes: number | null;
  count: number | null;
  windowMonths: number | null;
  averageMinutes: number | null;
  days: number | null;
  acknowledged: { by: string | null; at: string; comment: string } | null;
}

const RangeSchema = z.object({ from: MonthSchema, to: MonthSchema });

function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const month = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    if (month > to) return out;
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
}

/** The engine's monthly figures of the stored punches, per person, for months `from`..`to`. */
async function alertsOf(
  trx: Tx,
  contractId: string,
  range: { from: string; to: string },
  now: Date,
  staffFilter?: number[],
) {
  const settings = await readLaborAlertSettings(trx, contractId);
  const context = await loadLaborContext(trx, contractId);
  const staff = await listAlertStaff(trx, contractId, staffFilter);
  const ids = staff.map((s) => s.id);
  const offices = await firstOffices(trx, contractId, ids);
  const officeNames = new Map((await listOffices(trx, contractId)).map((o) => [o.id, o.name]));
  const totals = await listTotals(trx, contractId, {
    fromMonth: range.from,
    toMonth: range.to,
    staffIds: ids,
  });
  const byStaff = new Map<number, typeof totals>();
  for (const row of totals) {
    const list = byStaff.get(row.staffId);
    if (list) list.push(row);
    else byStaff.set(row.staffId, [row]);
  }
  const boundary = settingsFor(context, undefined, undefined, {
    from: '2000-01-01',
    to: '2000-01-01',
  }).dayBoundary;
  const today = workDateOf(now, context.timeZone, boundary);
  const lastEnded = shiftDate(today, -1);
  const months = monthsBetween(range.from, range.to);
  const result: {
    person: (typeof staff)[number];
    officeId: number | null;
    officeName: string | null;
    monthly: { month: string; overtimeMinutes: number; legalHolidayMinutes: number }[];
    month: MonthAlert[];
    day: (DayAlert & { month: string })[];
  }[] = [];
  for (const person of staff) {
    const rows = byStaff.get(person.id) ?? [];
    const byMonth = new Map(rows.map((r) => [r.month, r]));
    const monthly = months.map((month) => ({
      month,
      overtimeMinutes: byMonth.get(month)?.overtimeMinutes ?? 0,
      legalHolidayMinutes: byMonth.get(month)?.legalHolidayMinutes ?? 0,
    }));
    const currentRow = rows.find(
      (r) => r.periodFrom && r.periodTo && r.periodFrom <= today && today <= r.periodTo,
    );
    const month = monthAlerts(
      settings,
      monthly,
      currentRow
        ? {
            month: currentRow.month,
            period: { from: currentRow.periodFrom!, to: currentRow.periodTo! },
            lastEnded,
          }
        : undefined,
    );
    const day = rows.flatMap((r) =>
      (r.items as unknown as DayAlert[]).map((item) => ({ ...item, month: r.month })),
    );
    const officeId = offices.get(person.id) ?? null;
    result.push({
      person,
      officeId,
      officeName: officeId === null ? null : (officeNames.get(officeId) ?? null),
      monthly,
      month,
      day,
    });
  }
  return { settings, result, lastEnded, today };
}

/** 年5日取得義務 at risk (the leave area's judgement) as alerts of the people shown. */
async function fiveDayAlerts(db: Db, contractId: string, today: string) {
  const risks = await fiveDayObligationsAtRisk(db, contractId, today);
  return risks.map((r) => ({
    staffId: r.staffId,
    alert: {
      code: 'PAID_LEAVE_FIVE_DAYS_AT_RISK' as const,
      date: r.deadline,
      days: r.taken,
      month: r.deadline.slice(0, 7),
    },
  }));
}

function present(
  base: Awaited<ReturnType<typeof alertsOf>>['result'][number],
  alert: (MonthAlert | (DayAlert & { month: string })) & { date?: string },
  acks: Map<string, { by: string | null; at: string; comment: string }>,
): LaborAlert {
  const key = alertKey(base.person.id, alert);
  const a = alert as Partial<Omit<MonthAlert, 'code'> & Omit<DayAlert, 'code'>>;
  return {
    key,
    severity: alertSeverity(alert.code),
    code: alert.code,
    staffId: base.person.id,
    staffCode: base.person.code,
    staffName: base.person.name,
    officeId: base.officeId,
    officeName: base.officeName,
    month: alert.month,
    date: a.date ?? null,
    minutes: a.minutes ?? null,
    limitMinutes: a.limitMinutes ?? LEGAL_LIMITS[alert.code] ?? null,
    projectedMinutes: a.projectedMinutes ?? null,
    count: a.count ?? null,
    windowMonths: a.windowMonths ?? null,
    averageMinutes: a.averageMinutes ?? null,
    days: a.days ?? null,
    acknowledged: acks.get(key) ?? null,
  };
}

/** The law's line each §7 code is measured against (labor-rules.md §7), shown beside the value. */
const LEGAL_LIMITS: Partial<Record<LaborAlertCode, number>> = {
  SINGLE_MONTH_100H_OR_MORE: 100 * 60,
  BASIC_MONTH_OVER_45H: 45 * 60,
  BASIC_YEAR_OVER_360H: 360 * 60,
  SPECIAL_YEAR_OVER_720H: 720 * 60,
};

const SEVERITY_ORDER: Record<AlertSeverity, number> = { violation: 0, warning: 1, notice: 2 };

function checkRange(range: { from: string; to: string }) {
  const span = monthsBetween(range.from, range.to).length;
  if (span === 0 || span > 24) throw new AppError('labor_alert_range_too_long');
}

/** Which staff the actor sees alerts of: administrators all, 実績 閲覧 their offices, staff themself. */
async function visibleStaff(trx: Tx, actor: Actor): Promise<number[] | undefined> {
  const scope = officesWithRight(actor, 'attendance', 'view');
  if (scope === 'all') return undefined;
  const all = await listAlertStaff(trx, actor.contractId);
  const offices = await firstOffices(
    trx,
    actor.contractId,
    all.map((s) => s.id),
  );
  return all
    .filter((s) => s.id === actor.staffId || scope.includes(offices.get(s.id) ?? -1))
    .map((s) => s.id);
}

/** Today's work date in the contract's zone. */
async function todayOf(db: Db, contractId: string, now: Date) {
  return withTenant(db, contractId, async (trx) => {
    const context = await loadLaborContext(trx, contractId);
    const probe = settingsFor(context, undefined, undefined, { from: '2000-01-01', to: '2000-01-01' });
    return workDateOf(now, context.timeZone, probe.dayBoundary);
  });
}

/** The current pay-period month of the contract (締め日 of the contract's rules). */
async function currentMonth(trx: Tx, contractId: string, now: Date) {
  const context = await loadLaborContext(trx, contractId);
  const probe = settingsFor(context, undefined, undefined, { from: '2000-01-01', to: '2000-01-01' });
  const today = workDateOf(now, context.timeZone, probe.dayBoundary);
  return payPeriodOf(today, probe.monthStartDay).from.slice(0, 7);
}

/**
 * 労務アラート: every alert of the months asked (default: the agreement year so far), most serious
 * first, from the stored staff-month totals (only stale ones are computed first).
 */
export async function listLaborAlerts(ctx: AuthContext, actor: Actor, query: AlertQuery) {
  const q = parseOrThrow(AlertQuerySchema, query);
  const now = clock(ctx);
  await bringTotalsCurrent(ctx.db, actor.contractId, now);
  const fiveDays = await fiveDayAlerts(
    ctx.db,
    actor.contractId,
    await todayOf(ctx.db, actor.contractId, now),
  );
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const settings = await readLaborAlertSettings(trx, actor.contractId);
    const thisMonth = await currentMonth(trx, actor.contractId, now);
    const to = q.to ?? thisMonth;
    const from = q.from ?? agreementYearStart(settings.agreementStartMonth, to);
    checkRange({ from, to });
    let staffIds = await visibleStaff(trx, actor);
    if (q.staffId !== undefined) {
      staffIds = staffIds === undefined || staffIds.includes(q.staffId) ? [q.staffId] : [];
    }
    const { result, today } = await alertsOf(trx, actor.contractId, { from, to }, now, staffIds);
    const acks = new Map(
      (await listAcks(trx, actor.contractId, staffIds)).map((a) => [
        a.alertKey,
        { by: a.accountName, at: a.acknowledgedAt.toISOString(), comment: a.comment },
      ]),
    );
    const items: LaborAlert[] = [];
    for (const base of result) {
      if (q.officeId !== undefined && base.officeId !== q.officeId) continue;
      for (const alert of [...base.month, ...base.day]) items.push(present(base, alert, acks));
    }
    const byId = new Map(result.map((r) => [r.person.id, r]));
    for (const risk of fiveDays) {
      const base = byId.get(risk.staffId);
      if (!base || (q.officeId !== undefined && base.officeId !== q.officeId)) continue;
      items.push(present(base, risk.alert, acks));
    }
    const filtered = items.filter(
      (a) =>
        (q.severity === undefined || a.severity === q.severity) &&
        (q.acknowledged === undefined || (q.acknowledged === 'yes') === (a.acknowledged !== null)),
    );
    filtered.sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        (b.date ?? b.month).localeCompare(a.date ?? a.month) ||
        (a.staffCode ?? '').localeCompare(b.staffCode ?? '') ||
        a.code.localeCompare(b.code),
    );
    const counts = { violation: 0, warning: 0, notice: 0 };
    for (const a of items) if (a.acknowledged === null) counts[a.severity] += 1;
    return { from, to, today, counts, items: filtered };
  });
}

function agreementYearStart(agreementStartMonth: string, month: string): string {
  const startMonth = Number(agreementStartMonth.slice(5, 7));
  let y = Number(month.slice(0, 4));
  if (Number(month.slice(5, 7)) < startMonth) y -= 1;
  return `${y}-${String(startMonth).padStart(2, '0')}`;
}

/** 確認済: marks an alert as seen with a comment, in the 操作ログ. Administrators and 実績 編集. */
export async function acknowledgeAlert(ctx: AuthContext, actor: Actor, input: z.input<typeof AckSchema>) {
  const body = parseOrThrow(AckSchema, input);
  const staffId = Number(body.key.split(':')[1]);
  if (!Number.isInteger(staffId)) throw new AppError('labor_alert_not_found');
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const scope = officesWithRight(actor, 'attendance', 'edit');
    const offices = await firstOffices(trx, actor.contractId, [staffId]);
    const [person] = await listAlertStaff(trx, actor.contractId, [staffId]);
    if (!person) throw new AppError('labor_alert_not_found');
    if (scope !== 'all' && !scope.includes(offices.get(staffId) ?? -1)) throw new AppError('forbidden');
    await insertAck(trx, actor.contractId, {
      alertKey: body.key,
      staffId,
      accountId: actor.accountId,
      comment: body.comment,
    });
    await appendAudit(trx, actor.contractId, {
      action: 'staff.labor_alert_acknowledged',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `staff:${staffId}`,
      details: { alert: body.key, comment: body.comment },
    });
    return { key: body.key, comment: body.comment };
  });
}

// ───────────────────────────── settings ─────────────────────────────

export async function getLaborAlertSettings(ctx: AuthContext, actor: Actor) {
  requireAdmin(actor);
  return withTenant(ctx.db, actor.contractId, async (trx) => ({
    ...(await readLaborAlertSettings(trx, actor.contractId)),
    studentStaffIds: await listInternationalStudents(trx, actor.contractId),
    staffChoices: (await listAlertStaff(trx, actor.contractId)).map((s) => ({
      id: s.id,
      code: s.code,
      name: s.name,
    })),
  }));
}

/** Saves the 36協定 and alert settings; day alerts depend on them, so every month is recomputed. */
export async function saveLaborAlertSettings(
  ctx: AuthContext,
  actor: Actor | { contractId: string; accountId: null; staffId: null },
  input: z.input<typeof LaborAlertSettingsInputSchema>,
) {
  if ('isAdmin' in actor) requireAdmin(actor);
  const body = parseOrThrow(LaborAlertSettingsInputSchema, input);
  const { studentStaffIds, ...settings } = body;
  await withTenant(ctx.db, actor.contractId, async (trx) => {
    await writeLaborAlertSettings(trx, actor.contractId, settings);
    await setInternationalStudents(trx, actor.contractId, studentStaffIds);
    await markTotalsStale(trx, actor.contractId);
    await appendAudit(trx, actor.contractId, {
      action: 'settings.labor_alerts_changed',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: null,
      details: { ...settings, studentStaffIds },
    });
  });
  await queueContract(ctx.db, actor.contractId);
  return body;
}

/** `timecard agreement36 set`: only the 36協定 fields, the rest kept. */
export async function setAgreement36(
  ctx: AuthContext,
  contractId: string,
  input: { startMonth: string; specialClause: boolean },
) {
  const current = await withTenant(ctx.db, contractId, async (trx) => ({
    ...(await readLaborAlertSettings(trx, contractId)),
    studentStaffIds: await listInternationalStudents(trx, contractId),
  }));
  const legalYear = (input.specialClause ? 720 : 360) * 60;
  const wasLegalYear = current.yearLimitMinutes === (current.specialClause ? 720 : 360) * 60;
  return saveLaborAlertSettings(
    ctx,
    { contractId, accountId: null, staffId: null },
    {
      ...current,
      agreementStartMonth: input.startMonth,
      specialClause: input.specialClause,
      // A year line left at the law's follows the clause (360 h ↔ 720 h); a stricter own line stays.
      yearLimitMinutes: wasLegalYear ? legalYear : Math.min(current.yearLimitMinutes, legalYear),
    },
  );
}

// ───────────────────────────── charts ─────────────────────────────

/** Per office: this month's 時間外 of each person (the bar chart with lines at 45/80/100 h). */
export async function officeOvertime(
  ctx: AuthContext,
  actor: Actor,
  query: { officeId?: number | undefined; month?: string | undefined },
) {
  const now = clock(ctx);
  await bringTotalsCurrent(ctx.db, actor.contractId, now);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const month = query.month ?? (await currentMonth(trx, actor.contractId, now));
    const visible = await visibleStaff(trx, actor);
    const { result } = await alertsOf(trx, actor.contractId, { from: month, to: month }, now, visible);
    const offices = await listOffices(trx, actor.contractId);
    const officeId =
      query.officeId ?? result.find((r) => r.officeId !== null)?.officeId ?? offices[0]?.id ?? null;
    return {
      month,
      officeId,
      offices: offices.map((o) => ({ id: o.id, name: o.name })),
      lines: [45 * 60, 80 * 60, 100 * 60],
      staff: result
        .filter((r) => r.officeId === officeId)
        .map((r) => ({
          staffId: r.person.id,
          staffCode: r.person.code,
          name: r.person.name,
          overtimeMinutes: r.monthly[0]!.overtimeMinutes,
          legalHolidayMinutes: r.monthly[0]!.legalHolidayMinutes,
        })),
    };
  });
}

/** Per person: 12 months to `to` with the highest 2–6-month average and the agreement year's sum. */
export async function staffOvertime(
  ctx: AuthContext,
  actor: Actor,
  staffId: number,
  query: { to?: string | undefined },
) {
  const now = clock(ctx);
  await bringTotalsCurrent(ctx.db, actor.contractId, now);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const visible = await visibleStaff(trx, actor);
    if (visible !== undefined && !visible.includes(staffId)) throw new AppError('staff_not_found');
    const to = query.to ?? (await currentMonth(trx, actor.contractId, now));
    const from = addMonths(to, -11);
    const { result, settings } = await alertsOf(trx, actor.contractId, { from, to }, now, [staffId]);
    const person = result[0];
    if (!person) throw new AppError('staff_not_found');
    return {
      staff: { id: person.person.id, code: person.person.code, name: person.person.name },
      agreementStartMonth: settings.agreementStartMonth,
      specialClause: settings.specialClause,
      yearLines: [360 * 60, 720 * 60],
      months: overtimeSeries(settings.agreementStartMonth, person.monthly),
    };
  });
}

// ───────────────────────────── CLI ─────────────────────────────

/**
 * `timecard alerts --json`: the §7 violations (`checkAgreement36` over the months `from`..`to` of the
 * stored punches' totals) and the other alerts, in staff then month order.
 */
export async function alertsReport(
  db: Db,
  contractId: string,
  range: { from: string; to: string },
  now = new Date(),
) {
  const r = parseOrThrow(RangeSchema, range);
  checkRange(r);
  await bringTotalsCurrent(db, contractId, now);
  return withTenant(db, contractId, async (trx) => {
    const { result, settings } = await alertsOf(trx, contractId, r, now);
    const agreement36: Record<string, unknown>[] = [];
    const other: Record<string, unknown>[] = [];
    const sorted = [...result].sort(
      (a, b) => (a.person.code ?? '').localeCompare(b.person.code ?? '') || a.person.id - b.person.id,
    );
    for (const base of sorted) {
      const staffCode = base.person.code ?? String(base.person.id);
      const checked = checkAgreement36(
        { specialClause: settings.specialClause, agreementStartMonth: settings.agreementStartMonth },
        base.monthly,
      );
      for (const v of checked.violations) agreement36.push({ staffCode, ...v });
      const rest = [...base.month.filter((a) => !isAgreement36Code(a.code)), ...base.day].sort((a, b) => {
        const wa = 'date' in a && a.date ? a.date : a.month;
        const wb = 'date' in b && b.date ? b.date : b.month;
        return wa < wb ? -1 : wa > wb ? 1 : a.code.localeCompare(b.code);
      });
      for (const alert of rest) {
        const { month: _month, ...fields } = alert as DayAlert & { month: string };
        other.push({ staffCode, ...('date' in alert ? {} : { month: alert.month }), ...fields });
      }
    }
    return { agreement36, other };
  });
}

function isAgreement36Code(code: LaborAlertCode): boolean {
  return (
    code === 'SINGLE_MONTH_100H_OR_MORE' ||
    code === 'MULTI_MONTH_AVERAGE_OVER_80H' ||
    code === 'SPECIAL_MONTHS_OVER_45H_EXCEEDED' ||
    code === 'SPECIAL_YEAR_OVER_720H' ||
    code === 'BASIC_MONTH_OVER_45H' ||
    code === 'BASIC_YEAR_OVER_360H'
  );
}

// ───────────────────────────── the daily digest ─────────────────────────────

/**
 * The daily mail to a contract's administrators: only when an alert not yet told has appeared, at
 * most once a day (the day's row is claimed with ON CONFLICT DO NOTHING in the transaction that
 * queues the mail, so two processes never both send it). Returns whether a digest was queued.
 */
export async function sendAlertDigest(
  db: Db,
  contract: { id: string; name: string },
  options: { now?: Date; publicUrl: string },
): Promise<boolean> {
  const now = options.now ?? new Date();
  await bringTotalsCurrent(db, contract.id, now);
  const fiveDays = await fiveDayAlerts(db, contract.id, await todayOf(db, contract.id, now));
  return withTenant(db, contract.id, async (trx) => {
    const settings = await readLaborAlertSettings(trx, contract.id);
    const to = await currentMonth(trx, contract.id, now);
    const from = agreementYearStart(settings.agreementStartMonth, to);
    const { result, today } = await alertsOf(trx, contract.id, { from, to }, now);
    const acked = new Set((await listAcks(trx, contract.id)).map((a) => a.alertKey));
    const seen = await listDigestSeen(trx, contract.id);
    const fresh: { key: string; severity: AlertSeverity }[] = [];
    for (const base of result) {
      for (const alert of [...base.month, ...base.day]) {
        const key = alertKey(base.person.id, alert);
        if (!seen.has(key) && !acked.has(key)) fresh.push({ key, severity: alertSeverity(alert.code) });
      }
    }
    for (const risk of fiveDays) {
      const key = alertKey(risk.staffId, risk.alert);
      if (!seen.has(key) && !acked.has(key)) fresh.push({ key, severity: alertSeverity(risk.alert.code) });
    }
    if (fresh.length === 0) return false;
    if (!(await claimDigestDay(trx, contract.id, today, fresh.length))) return false;
    const counts = { violation: 0, warning: 0, notice: 0 };
    for (const f of fresh) counts[f.severity] += 1;
    const mail = laborAlertDigestMail({
      contractName: contract.name,
      date: today,
      counts,
      url: `${options.publicUrl.replace(/\/$/, '')}/admin/alerts`,
    });
    for (const to of await listAdminEmails(trx, contract.id)) {
      await enqueueMail(trx, { contractId: contract.id, to, ...mail });
    }
    await insertDigestSeen(
      trx,
      contract.id,
      fresh.map((f) => f.key),
      today,
    );
    return true;
  });
}

/** The digest for every contract of プレミアム and up. */
export async function sendAlertDigests(db: Db, options: { now?: Date; publicUrl: string }) {
  let sent = 0;
  for (const contract of await listAlertContracts(db)) {
    if (await sendAlertDigest(db, contract, options)) sent += 1;
  }
  return sent;
}
