import { randomUUID } from 'node:crypto';
import { defaultLaborAlertSettings, type LaborAlertSettings } from '@timecard/domain';
import { sql } from 'kysely';
import { crossTenant } from '../db/cross-tenant.ts';
import type { Db, Tx } from '../db/database.ts';
import { appendPunchTexts, PUNCH_TEXT, type ReportPunches } from './timecard.repository.ts';

// ───────────────────────────── settings ─────────────────────────────

export async function readLaborAlertSettings(trx: Tx, contractId: string): Promise<LaborAlertSettings> {
  const row = await trx
    .selectFrom('laborAlertSettings')
    .select([
      'agreementStartMonth',
      'specialClause',
      'monthLimitMinutes',
      'yearLimitMinutes',
      'warningPercent',
      'consecutiveDays',
      'intervalMinutes',
      'longVacations',
    ])
    .where('contractId', '=', contractId)
    .executeTakeFirst();
  return row ?? defaultLaborAlertSettings();
}

export async function writeLaborAlertSettings(trx: Tx, contractId: string, s: LaborAlertSettings) {
  const values = {
    agreementStartMonth: s.agreementStartMonth,
    specialClause: s.specialClause,
    monthLimitMinutes: s.monthLimitMinutes,
    yearLimitMinutes: s.yearLimitMinutes,
    warningPercent: s.warningPercent,
    consecutiveDays: s.consecutiveDays,
    intervalMinutes: s.intervalMinutes,
    longVacations: JSON.stringify(s.longVacations),
    updatedAt: new Date(),
  };
  await trx
    .insertInto('laborAlertSettings')
    .values({ contractId, ...values })
    .onConflict((oc) => oc.column('contractId').doUpdateSet(values))
    .execute();
}

/** 留学生: the flag is set on exactly the staff given. */
export async function setInternationalStudents(trx: Tx, contractId: string, staffIds: number[]) {
  await trx
    .updateTable('staff')
    .set({
      internationalStudent:
        staffIds.length > 0 ? sql<boolean>`id = any(${sql.val(staffIds)}::int[])` : sql<boolean>`false`,
    })
    .where('contractId', '=', contractId)
    .execute();
}

export async function listInternationalStudents(trx: Tx, contractId: string): Promise<number[]> {
  const rows = await trx
    .selectFrom('staff')
    .select('id')
    .where('contractId', '=', contractId)
    .where('internationalStudent', '=', true)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

// ───────────────────────────── staff-month totals ─────────────────────────────

/** Marks every month of the contract (or of some staff) stale: the rules they were computed with changed. */
export async function markTotalsStale(trx: Tx, contractId: string, staffIds?: number[]) {
  let query = trx
    .updateTable('staffMonthTotals')
    .set({ version: sql`version + 1` })
    .where('contractId', '=', contractId);
  if (staffIds) {
    if (staffIds.length === 0) return;
    query = query.where('staffId', 'in', staffIds);
  }
  await query.execute();
}

/**
 * Months judged before `lastEnded` whose period reaches past what was judged: a day has ended since
 * (未打刻 may now be due, the projection moves), so they are computed again.
 */
export async function markJudgedBeforeStale(trx: Tx, contractId: string, lastEnded: string) {
  await trx
    .updateTable('staffMonthTotals')
    .set({ version: sql`version + 1` })
    .where('contractId', '=', contractId)
    .whereRef('computedVersion', '=', 'version')
    .where('judgedThrough', '<', lastEnded)
    .whereRef('periodTo', '>', 'judgedThrough')
    .execute();
}

/** Makes sure a row exists (stale) for these staff-months: e.g. the current month of everyone. */
export async function ensureTotalsRows(
  trx: Tx,
  contractId: string,
  rows: { staffId: number; month: string }[],
) {
  if (rows.length === 0) return;
  await trx
    .insertInto('staffMonthTotals')
    .values(rows.map((r) => ({ contractId, staffId: r.staffId, month: r.month })))
    .onConflict((oc) => oc.columns(['contractId', 'staffId', 'month']).doNothing())
    .execute();
}

export interface TotalsClaim {
  staffId: number;
  month: string;
  version: number;
}

/**
 * Claims up to `limit` stale rows for `leaseSeconds` (SKIP LOCKED: two workers never claim the same
 * row; a claim of a killed worker runs out). The token is what the write-back must show. `after`
 * (the last row of this worker's previous claim) starts the scan past it: without it every claim
 * of a long run stepped over all the rows leased before it again.
 */
export async function claimStaleTotals(
  trx: Tx,
  contractId: string,
  options: { limit: number; leaseSeconds: number; after?: { staffId: number; month: string } | undefined },
): Promise<{ token: string; claims: TotalsClaim[] }> {
  const after = options.after
    ? sql`and (c.staff_id, c.month) > (${options.after.staffId}, ${options.after.month})`
    : sql``;
  const token = randomUUID();
  // The rows are locked and picked by their ctid in one InitPlan, then updated by a TID scan: a
  // plan that stays cheap without planner statistics (a join back on the key did not: seconds per
  // claim on a freshly filled table).
  const result = await sql<TotalsClaim>`
    update staff_month_totals t
       set lease_token = ${token}::uuid,
           lease_until = now() + make_interval(secs => ${options.leaseSeconds})
     where t.contract_id = ${contractId}
       and t.ctid = any(array(
             select c.ctid from staff_month_totals c
              where c.contract_id = ${contractId}
                and c.computed_version < c.version
                and (c.lease_until is null or c.lease_until < now())
                ${after}
              order by c.staff_id, c.month
              limit ${options.limit}
              for update skip locked))
     returning t.staff_id as "staffId", t.month, t.version`.execute(trx);
  return { token, claims: result.rows };
}

export interface ComputedTotals {
  staffId: number;
  month: string;
  version: number;
  periodFrom: string;
  periodTo: string;
  judgedThrough: string;
  overtimeMinutes: number;
  legalHolidayMinutes: number;
  workedMinutes: number;
  items: Record<string, unknown>[];
}

/** Writes computed rows back in one statement, each only while its claim (token) still holds. */
export async function saveComputedTotals(
  trx: Tx,
  contractId: string,
  token: string,
  rows: ComputedTotals[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const payload = JSON.stringify(
    rows.map((r) => ({
      staff_id: r.staffId,
      month: r.month,
      version: r.version,
      period_from: r.periodFrom,
      period_to: r.periodTo,
      judged_through: r.judgedThrough,
      overtime_minutes: r.overtimeMinutes,
      legal_holiday_minutes: r.legalHolidayMinutes,
      worked_minutes: r.workedMinutes,
      items: r.items,
    })),
  );
  // One upsert: each row of the payload finds its row by the primary key (an UPDATE … FROM the
  // payload was planned as a rescan of the payload per row without statistics: seconds per batch).
  // Written only while the claim (token) holds; a row gone meanwhile (a restore) comes back stale.
  const result = await sql`
    insert into staff_month_totals as t
           (contract_id, staff_id, month, version, computed_version, period_from, period_to,
            judged_through, overtime_minutes, legal_holiday_minutes, worked_minutes, items, computed_at)
    select ${contractId}, x.staff_id, x.month, x.version + 1, x.version, x.period_from, x.period_to,
           x.judged_through, x.overtime_minutes, x.legal_holiday_minutes, x.worked_minutes, x.items, now()
      from jsonb_to_recordset(${payload}::jsonb) as x(
             staff_id int, month text, version int, period_from date, period_to date,
             judged_through date, overtime_minutes int, legal_holiday_minutes int,
             worked_minutes int, items jsonb)
    on conflict (contract_id, staff_id, month) do update
       set computed_version = excluded.computed_version, lease_token = null, lease_until = null,
           period_from = excluded.period_from, period_to = excluded.period_to,
           judged_through = excluded.judged_through, overtime_minutes = excluded.overtime_minutes,
           legal_holiday_minutes = excluded.legal_holiday_minutes,
           worked_minutes = excluded.worked_minutes, items = excluded.items, computed_at = excluded.computed_at
     where t.lease_token = ${token}::uuid`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

export async function countStaleTotals(trx: Tx, contractId: string): Promise<number> {
  const row = await trx
    .selectFrom('staffMonthTotals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contractId', '=', contractId)
    .whereRef('computedVersion', '<', 'version')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listTotals(
  trx: Tx,
  contractId: string,
  filter: { fromMonth: string; toMonth: string; staffIds?: number[] },
) {
  let query = trx
    .selectFrom('staffMonthTotals')
    .select([
      'staffId',
      'month',
      'periodFrom',
      'periodTo',
      'overtimeMinutes',
      'legalHolidayMinutes',
      'workedMinutes',
      'items',
    ])
    .where('contractId', '=', contractId)
    .where('month', '>=', filter.fromMonth)
    .where('month', '<=', filter.toMonth)
    .where('computedVersion', '>', 0);
  if (filter.staffIds) {
    if (filter.staffIds.length === 0) return [];
    query = query.where('staffId', 'in', filter.staffIds);
  }
  return query.orderBy('staffId').orderBy('month').execute();
}

// ───────────────────────────── the queue of contracts ─────────────────────────────

/**
 * Claims contracts with stale totals, each for `leaseSeconds`: one read across contracts finds the
 * due ones (the queue is a tenant table, distributed by contract_id on Citus), then each is claimed
 * by its own contract_id (a router statement; SKIP LOCKED and the lease keep two workers apart).
 */
export async function claimQueuedContracts(db: Db, limit: number, leaseSeconds: number) {
  const due = await db
    .selectFrom('laborTotalsQueue')
    .select('contractId')
    .where((eb) => eb.or([eb('leaseUntil', 'is', null), eb('leaseUntil', '<', sql<Date>`now()`)]))
    .orderBy('queuedAt')
    .limit(limit)
    .modifyEnd(crossTenant('job-claim'))
    .execute();
  const claimed: { contractId: string; generation: number }[] = [];
  for (const { contractId } of due) {
    const result = await sql<{ contractId: string; generation: number }>`
      update labor_totals_queue q
         set lease_until = now() + make_interval(secs => ${leaseSeconds})
        from (select contract_id from labor_totals_queue
               where contract_id = ${contractId} and (lease_until is null or lease_until < now())
               for update skip locked) c
       where q.contract_id = ${contractId} and q.contract_id = c.contract_id
       returning q.contract_id as "contractId", q.generation`.execute(db);
    claimed.push(...result.rows);
  }
  return claimed;
}

/** Done with a contract: gone from the queue unless a punch came since it was claimed. */
export async function releaseQueuedContract(db: Db, contractId: string, generation: number) {
  const deleted = await db
    .deleteFrom('laborTotalsQueue')
    .where('contractId', '=', contractId)
    .where('generation', '=', generation)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) {
    await db
      .updateTable('laborTotalsQueue')
      .set({ leaseUntil: null })
      .where('contractId', '=', contractId)
      .execute();
  }
}

export async function queueContract(db: Db | Tx, contractId: string) {
  await db
    .insertInto('laborTotalsQueue')
    .values({ contractId })
    .onConflict((oc) =>
      oc.column('contractId').doUpdateSet({ generation: sql`labor_totals_queue.generation + 1` }),
    )
    .execute();
}

// ───────────────────────────── 確認済 ─────────────────────────────

export async function insertAck(
  trx: Tx,
  contractId: string,
  ack: { alertKey: string; staffId: number; accountId: number; comment: string },
) {
  await trx
    .insertInto('laborAlertAcks')
    .values({ contractId, ...ack })
    .onConflict((oc) =>
      oc.columns(['contractId', 'alertKey']).doUpdateSet({
        accountId: ack.accountId,
        comment: ack.comment,
        acknowledgedAt: new Date(),
      }),
    )
    .execute();
}

export async function listAcks(trx: Tx, contractId: string, staffIds?: number[]) {
  let query = trx
    .selectFrom('laborAlertAcks as k')
    .leftJoin('accounts as a', 'a.id', 'k.accountId')
    .select(['k.alertKey', 'k.staffId', 'k.comment', 'k.acknowledgedAt', 'a.name as accountName'])
    .where('k.contractId', '=', contractId);
  if (staffIds) {
    if (staffIds.length === 0) return [];
    query = query.where('k.staffId', 'in', staffIds);
  }
  return query.execute();
}

// ───────────────────────────── the daily digest ─────────────────────────────

/** The day's digest row: true only for the one caller that made it (once a day across processes). */
export async function claimDigestDay(trx: Tx, contractId: string, date: string, count: number) {
  const result = await trx
    .insertInto('laborAlertDigests')
    .values({ contractId, digestDate: date, alertCount: count })
    .onConflict((oc) => oc.columns(['contractId', 'digestDate']).doNothing())
    .returning('contractId')
    .executeTakeFirst();
  return result !== undefined;
}

export async function listDigestSeen(trx: Tx, contractId: string): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('laborAlertDigestSeen')
    .select('alertKey')
    .where('contractId', '=', contractId)
    .execute();
  return new Set(rows.map((r) => r.alertKey));
}

export async function insertDigestSeen(trx: Tx, contractId: string, keys: string[], date: string) {
  if (keys.length === 0) return;
  for (let i = 0; i < keys.length; i += 1000) {
    await trx
      .insertInto('laborAlertDigestSeen')
      .values(keys.slice(i, i + 1000).map((alertKey) => ({ contractId, alertKey, digestDate: date })))
      .onConflict((oc) => oc.columns(['contractId', 'alertKey']).doNothing())
      .execute();
  }
}

/** Premium-and-up contracts (the digest job walks them; a global table). */
export async function listAlertContracts(db: Db) {
  return db
    .selectFrom('contracts')
    .select(['id', 'timeZone', 'name'])
    .where('plan', 'in', ['premium', 'premium_plus', 'enterprise'])
    .orderBy('id')
    .execute();
}

// ───────────────────────────── staff ─────────────────────────────

/** Staff of the contract as the alerts need them (the engine's inputs and the 留学生 flag). */
export async function listAlertStaff(trx: Tx, contractId: string, staffIds?: number[]) {
  let query = trx
    .selectFrom('staff as s')
    .select([
      's.id',
      's.name',
      's.code',
      's.hiredOn',
      's.retiredOn',
      's.createdAt',
      's.workStyle',
      's.internationalStudent',
      sql<string | null>`s.settings->>'workRules'`.as('workRules'),
    ])
    .where('s.contractId', '=', contractId);
  if (staffIds) {
    if (staffIds.length === 0) return [];
    query = query.where('s.id', 'in', staffIds);
  }
  return query.orderBy('s.code').orderBy('s.id').execute();
}

// ───────────────────────────── punches for the recompute ─────────────────────────────

/**
 * The effective punches of many people between two instants, in one statement for the whole
 * recompute batch: the latest version of each punch (a punch some correction replaced is left out,
 * wherever that correction lies, and so is a deletion), oldest first — what the timecard's
 * effectivePunches gives over its load window, for every punch inside the window. Each person's
 * punches come back as one text (`<type><source><epoch minute>`, comma separated): a year of
 * punches of hundreds of people is hundreds of thousands of rows, and parsing them one protocol
 * row each cost more than the engine. The text and its reader are listReportPunches' (集計・出力);
 * its statement for corrections moved out of a window is left out here: over a year's window it
 * planned badly on a table without statistics (a first recompute of 98 s after a bulk insert).
 */
export async function listLaborPunches(
  trx: Tx,
  contractId: string,
  staffIds: number[],
  from: Date,
  to: Date,
): Promise<Map<number, ReportPunches>> {
  const byStaff = new Map<number, ReportPunches>();
  if (staffIds.length === 0) return byStaff;
  // Shaped for PostgreSQL 15 on two cores (issue 19, ADR 018): one index range scan per person
  // (`lateral`, on (contract_id, staff_id, punched_at, id)) instead of a group by that sorted the
  // whole batch to disk; the replaced punches as one hashed set (`not in` an uncorrelated subquery)
  // instead of an index probe per punch; the minute from `date_part` (float8: exact to the
  // microsecond for these dates, and floor never crosses a minute) instead of numeric `extract`.
  // A correction keeps its person, so the replaced set is the batch's people's (read by the
  // partial index punches_corrections_by_staff_idx). JIT compilation is off for this statement's
  // transaction: its cost estimate passes the threshold, and compiling took longer than it saves.
  const ids = sql.val(staffIds);
  await sql`set local jit = off`.execute(trx);
  const result = await sql<{ staffId: number; punches: string }>`
    select s.id as "staffId", x.punches
      from unnest(${ids}::int[]) s(id)
      cross join lateral (
        select string_agg(${PUNCH_TEXT}, ',' order by p.punched_at, p.id) as punches
          from punches p
         where p.contract_id = ${contractId} and p.staff_id = s.id
           and p.punched_at >= ${from} and p.punched_at < ${to}
           and not p.deleted
           and p.id not in (select c.supersedes_id from punches c
                             where c.contract_id = ${contractId} and c.staff_id = any(${ids}::int[])
                               and c.supersedes_id is not null)) x
     where x.punches is not null`.execute(trx);
  for (const row of result.rows) {
    const punches: ReportPunches = { types: [], sources: [], minutes: [] };
    appendPunchTexts(punches, row.punches);
    byStaff.set(Number(row.staffId), punches);
  }
  return byStaff;
}
