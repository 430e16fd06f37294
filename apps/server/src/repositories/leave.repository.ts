import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';

// ───────────────────────────── 休暇区分 ─────────────────────────────

const TYPE_COLUMNS = [
  'id',
  'kind',
  'name',
  'paid',
  'allowFull',
  'allowHalf',
  'allowHours',
  'archived',
] as const;

/** The built-in 有給休暇 of a contract, made on first use (several callers at once make one). */
export async function ensureAnnualLeaveType(trx: Tx, contractId: string) {
  await trx
    .insertInto('leaveTypes')
    .values({ contractId, kind: 'annual', name: '有給休暇', paid: true })
    // The partial index's predicate inline (not a parameter), so that the statement has a generic plan.
    .onConflict((oc) => oc.columns(['contractId', 'kind']).where(sql<boolean>`kind = 'annual'`).doNothing())
    .execute();
  return trx
    .selectFrom('leaveTypes')
    .select(TYPE_COLUMNS)
    .where('contractId', '=', contractId)
    .where('kind', '=', 'annual')
    .executeTakeFirstOrThrow();
}

export async function listLeaveTypes(trx: Tx, contractId: string, withArchived = false) {
  let query = trx.selectFrom('leaveTypes').select(TYPE_COLUMNS).where('contractId', '=', contractId);
  if (!withArchived) query = query.where('archived', '=', false);
  return query.orderBy('id').execute();
}

export async function findLeaveType(trx: Tx, contractId: string, id: number) {
  return trx
    .selectFrom('leaveTypes')
    .select(TYPE_COLUMNS)
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface LeaveTypeValues {
  kind: 'special' | 'unpaid';
  name: string;
  paid: boolean;
  allowFull: boolean;
  allowHalf: boolean;
}

export async function insertLeaveType(trx: Tx, contractId: string, values: LeaveTypeValues) {
  return trx
    .insertInto('leaveTypes')
    .values({ contractId, ...values })
    .returning(TYPE_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function updateLeaveType(
  trx: Tx,
  contractId: string,
  id: number,
  values: Partial<Omit<LeaveTypeValues, 'kind'>> & { allowHours?: boolean; archived?: boolean },
) {
  return trx
    .updateTable('leaveTypes')
    .set(values)
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .returning(TYPE_COLUMNS)
    .executeTakeFirstOrThrow();
}

// ───────────────────────────── grants ─────────────────────────────

export interface GrantRow {
  id: number;
  staffId: number;
  grantDate: string;
  days: number;
  expiresOn: string;
  source: 'statutory' | 'manual';
  serviceYears: number | null;
  skipped: boolean;
  attendanceRate: number | null;
  reason: string;
}

/** Grants of some staff (skipped 基準日 included), oldest first. */
export async function listLeaveGrants(trx: Tx, contractId: string, staffIds: number[]): Promise<GrantRow[]> {
  if (staffIds.length === 0) return [];
  const rows = await trx
    .selectFrom('leaveGrants')
    .select([
      'id',
      'staffId',
      sql<string>`grant_date::text`.as('grantDate'),
      sql<number>`days::float8`.as('days'),
      sql<string>`expires_on::text`.as('expiresOn'),
      'source',
      sql<number | null>`service_years::float8`.as('serviceYears'),
      'skipped',
      sql<number | null>`attendance_rate::float8`.as('attendanceRate'),
      'reason',
    ])
    .where('contractId', '=', contractId)
    .where('staffId', 'in', staffIds)
    .orderBy('grantDate')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    days: Number(r.days),
    serviceYears: r.serviceYears === null ? null : Number(r.serviceYears),
    attendanceRate: r.attendanceRate === null ? null : Number(r.attendanceRate),
  }));
}

export interface NewGrant {
  staffId: number;
  grantDate: string;
  days: number;
  expiresOn: string;
  source: 'statutory' | 'manual';
  serviceYears?: number | null;
  skipped?: boolean;
  attendanceRate?: number | null;
  reason?: string;
  createdByStaffId?: number | null;
}

/**
 * Writes a grant. A statutory grant is written at most once per person and 基準日 (unique index,
 * ON CONFLICT DO NOTHING): the answer is undefined when it already existed.
 */
export async function insertLeaveGrant(trx: Tx, contractId: string, grant: NewGrant) {
  let query = trx.insertInto('leaveGrants').values({
    contractId,
    staffId: grant.staffId,
    grantDate: grant.grantDate,
    days: grant.days,
    expiresOn: grant.expiresOn,
    source: grant.source,
    serviceYears: grant.serviceYears ?? null,
    skipped: grant.skipped ?? false,
    attendanceRate: grant.attendanceRate ?? null,
    reason: grant.reason ?? '',
    createdByStaffId: grant.createdByStaffId ?? null,
  });
  if (grant.source === 'statutory') {
    query = query.onConflict((oc) =>
      oc
        .columns(['contractId', 'staffId', 'grantDate'])
        .where(sql<boolean>`source = 'statutory'`)
        .doNothing(),
    );
  }
  return query.returning(['id']).executeTakeFirst();
}

// ───────────────────────────── 出勤率 overrides ─────────────────────────────

export async function listRateOverrides(trx: Tx, contractId: string, staffIds: number[]) {
  if (staffIds.length === 0) return [];
  const rows = await trx
    .selectFrom('leaveRateOverrides')
    .select([
      'staffId',
      sql<string>`grant_date::text`.as('grantDate'),
      sql<number>`rate::float8`.as('rate'),
      'reason',
    ])
    .where('contractId', '=', contractId)
    .where('staffId', 'in', staffIds)
    .execute();
  return rows.map((r) => ({ ...r, rate: Number(r.rate) }));
}

export async function upsertRateOverride(
  trx: Tx,
  contractId: string,
  value: { staffId: number; grantDate: string; rate: number; reason: string; byStaffId: number | null },
) {
  await trx
    .insertInto('leaveRateOverrides')
    .values({
      contractId,
      staffId: value.staffId,
      grantDate: value.grantDate,
      rate: value.rate,
      reason: value.reason,
      updatedByStaffId: value.byStaffId,
    })
    .onConflict((oc) =>
      oc.columns(['contractId', 'staffId', 'grantDate']).doUpdateSet({
        rate: value.rate,
        reason: value.reason,
        updatedByStaffId: value.byStaffId,
        updatedAt: new Date(),
      }),
    )
    .execute();
}

// ───────────────────────────── leave taken ─────────────────────────────

export interface LeaveRecordRow {
  id: number;
  staffId: number;
  date: string;
  leaveTypeId: number;
  kind: 'leave' | 'adjustment';
  unit: 'full' | 'am' | 'pm' | 'hours';
  hours: number | null;
  reason: string;
  requestId: number | null;
}

/** Leave of some staff, optionally within dates, in date order. */
export async function listLeaveRecords(
  trx: Tx,
  contractId: string,
  staffIds: number[],
  range?: { from?: string; to?: string },
): Promise<LeaveRecordRow[]> {
  if (staffIds.length === 0) return [];
  let query = trx
    .selectFrom('leaveRecords')
    .select([
      'id',
      'staffId',
      sql<string>`leave_date::text`.as('date'),
      'leaveTypeId',
      'kind',
      'unit',
      'hours',
      'reason',
      'requestId',
    ])
    .where('contractId', '=', contractId)
    .where('staffId', 'in', staffIds);
  if (range?.from) query = query.where('leaveDate', '>=', range.from);
  if (range?.to) query = query.where('leaveDate', '<=', range.to);
  return query.orderBy('leaveDate').orderBy('id').execute();
}

export async function findLeaveRecord(trx: Tx, contractId: string, id: number) {
  return trx
    .selectFrom('leaveRecords')
    .select([
      'id',
      'staffId',
      sql<string>`leave_date::text`.as('date'),
      'leaveTypeId',
      'kind',
      'unit',
      'hours',
      'reason',
      'requestId',
    ])
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface NewLeaveRecord {
  staffId: number;
  date: string;
  leaveTypeId: number;
  kind: 'leave' | 'adjustment';
  unit: 'full' | 'am' | 'pm' | 'hours';
  hours: number | null;
  reason: string;
  requestId: number | null;
  createdByStaffId: number | null;
}

export async function insertLeaveRecord(trx: Tx, contractId: string, record: NewLeaveRecord) {
  const { date, ...rest } = record;
  return trx
    .insertInto('leaveRecords')
    .values({ contractId, leaveDate: date, ...rest })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

export async function deleteLeaveRecord(trx: Tx, contractId: string, id: number) {
  await trx.deleteFrom('leaveRecords').where('contractId', '=', contractId).where('id', '=', id).execute();
}

/** Serialises the writes of one person's leave (a balance is checked, then written). */
export async function lockLeaveOf(trx: Tx, contractId: string, staffId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`leave:${contractId}:${staffId}`}))`.execute(trx);
}

// ───────────────────────────── staff and contracts ─────────────────────────────

/** What the leave rules need of staff members: 入社日, 週所定 and the grant mode. */
export async function listLeaveStaff(
  trx: Tx,
  contractId: string,
  filter: { staffId?: number; code?: string } = {},
) {
  let query = trx
    .selectFrom('staff')
    .select([
      'id',
      'name',
      'code',
      'hiredOn',
      'retiredOn',
      'createdAt',
      'usage',
      'workStyle',
      'weeklyDays',
      'weeklyMinutes',
      'leaveGrantMode',
      sql<string | null>`settings->>'workRules'`.as('workRules'),
    ])
    .where('contractId', '=', contractId);
  if (filter.staffId !== undefined) query = query.where('id', '=', filter.staffId);
  if (filter.code !== undefined) query = query.where('code', '=', filter.code);
  return query.orderBy(sql`coalesce(code, '')`).orderBy('id').execute();
}
export type LeaveStaffRow = Awaited<ReturnType<typeof listLeaveStaff>>[number];

/** Contracts whose plan includes 休暇管理 (the daily grant job's work list). */
export async function listLeaveContracts(db: Db, plans: readonly string[]) {
  const rows = await db
    .selectFrom('contracts')
    .select(['id', 'timeZone'])
    .where('plan', 'in', plans as ('premium_plus' | 'enterprise')[])
    .orderBy('id')
    .execute();
  return rows;
}

/** The first punch of each person (their first record here), as an instant. */
export async function firstPunchInstants(trx: Tx, contractId: string, staffIds: number[]) {
  if (staffIds.length === 0) return new Map<number, Date>();
  const rows = await trx
    .selectFrom('punches')
    .select(['staffId', (eb) => eb.fn.min('punchedAt').as('first')])
    .where('contractId', '=', contractId)
    .where('staffId', 'in', staffIds)
    .groupBy('staffId')
    .execute();
  return new Map(rows.map((r) => [r.staffId, new Date(r.first as unknown as string)]));
}
