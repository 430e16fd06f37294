import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';

/** シフトパターン of an office, oldest first (the order planners numbered them in). */
export async function listShiftPatterns(
  trx: Tx,
  contractId: string,
  officeIds: number[],
  withArchived = false,
) {
  if (officeIds.length === 0) return [];
  let query = trx
    .selectFrom('shiftPatterns')
    .select(['id', 'officeId', 'name', 'color', 'startTime', 'endTime', 'breaks', 'archived'])
    .where('contractId', '=', contractId)
    .where('officeId', 'in', officeIds);
  if (!withArchived) query = query.where('archived', '=', false);
  return query.orderBy('id').execute();
}

export async function findShiftPattern(trx: Tx, contractId: string, id: number) {
  return trx
    .selectFrom('shiftPatterns')
    .select(['id', 'officeId', 'name', 'color', 'startTime', 'endTime', 'breaks', 'archived'])
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export interface PatternValues {
  name: string;
  color: string;
  startTime: string;
  endTime: string;
  breaks: [string, string][];
}

export async function insertShiftPattern(
  trx: Tx,
  contractId: string,
  officeId: number,
  values: PatternValues,
) {
  return trx
    .insertInto('shiftPatterns')
    .values({ contractId, officeId, ...values, breaks: JSON.stringify(values.breaks) })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

export async function updateShiftPattern(
  trx: Tx,
  contractId: string,
  id: number,
  values: Partial<PatternValues> & { archived?: boolean },
) {
  const { breaks, ...rest } = values;
  await trx
    .updateTable('shiftPatterns')
    .set({ ...rest, ...(breaks ? { breaks: JSON.stringify(breaks) } : {}) })
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .execute();
}

const SHIFT_COLUMNS = [
  'staffId',
  sql<string>`work_date::text`.as('workDate'),
  'officeId',
  'patternId',
  'isOff',
  'startTime',
  'endTime',
  'breaks',
  'deleted',
  'publishedAt',
  'publishedIsOff',
  'publishedStartTime',
  'publishedEndTime',
  'publishedBreaks',
  'publishedPatternId',
  'publishedDeleted',
  'updatedAt',
] as const;

/** The cells of some people (or an office) between two dates, drafts with their published versions. */
export async function listShifts(
  trx: Tx,
  contractId: string,
  filter: { officeId?: number; staffIds?: number[]; from: string; to: string },
) {
  if (filter.staffIds && filter.staffIds.length === 0) return [];
  let query = trx
    .selectFrom('shifts')
    .select(SHIFT_COLUMNS)
    .where('contractId', '=', contractId)
    .where('workDate', '>=', filter.from)
    .where('workDate', '<=', filter.to);
  if (filter.officeId !== undefined) query = query.where('officeId', '=', filter.officeId);
  if (filter.staffIds) query = query.where('staffId', 'in', filter.staffIds);
  return query.orderBy('staffId').orderBy('workDate').execute();
}
export type ShiftRow = Awaited<ReturnType<typeof listShifts>>[number];

export interface ShiftDraft {
  staffId: number;
  workDate: string;
  officeId: number;
  patternId: number | null;
  isOff: boolean;
  startTime: string | null;
  endTime: string | null;
  breaks: [string, string][];
  deleted: boolean;
}

/** Saves drafts, one statement: a cell is a person's day (the office planning it may change). */
export async function upsertShiftDrafts(
  trx: Tx,
  contractId: string,
  drafts: ShiftDraft[],
  accountId: number | null,
) {
  if (drafts.length === 0) return;
  await trx
    .insertInto('shifts')
    .values(
      drafts.map((d) => ({
        contractId,
        ...d,
        breaks: JSON.stringify(d.breaks),
        updatedByAccountId: accountId,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['contractId', 'staffId', 'workDate']).doUpdateSet((eb) => ({
        officeId: eb.ref('excluded.officeId'),
        patternId: eb.ref('excluded.patternId'),
        isOff: eb.ref('excluded.isOff'),
        startTime: eb.ref('excluded.startTime'),
        endTime: eb.ref('excluded.endTime'),
        breaks: eb.ref('excluded.breaks'),
        deleted: eb.ref('excluded.deleted'),
        updatedAt: sql`now()`,
        updatedByAccountId: eb.ref('excluded.updatedByAccountId'),
      })),
    )
    .execute();
}

/**
 * 【公開】: copies the drafts of an office's period that differ from their published version into
 * it, in one statement, and answers the cells that changed (to tell the people concerned).
 */
export async function publishShifts(trx: Tx, contractId: string, officeId: number, from: string, to: string) {
  const result = await sql<{ staffId: number; workDate: string; wasPublished: boolean }>`
    UPDATE shifts s SET
      published_at = now(),
      published_is_off = s.is_off,
      published_start_time = s.start_time,
      published_end_time = s.end_time,
      published_breaks = s.breaks,
      published_pattern_id = s.pattern_id,
      published_deleted = s.deleted
    FROM (SELECT staff_id, work_date, published_at FROM shifts
           WHERE contract_id = ${contractId} AND office_id = ${officeId}
             AND work_date BETWEEN ${from} AND ${to}) AS before
    WHERE s.contract_id = ${contractId} AND s.staff_id = before.staff_id AND s.work_date = before.work_date
      AND (s.published_at IS NULL
        OR s.published_is_off IS DISTINCT FROM s.is_off
        OR s.published_start_time IS DISTINCT FROM s.start_time
        OR s.published_end_time IS DISTINCT FROM s.end_time
        OR s.published_breaks IS DISTINCT FROM s.breaks
        OR s.published_deleted IS DISTINCT FROM s.deleted)
      AND NOT (s.published_at IS NULL AND s.deleted)
    RETURNING s.staff_id AS "staffId", s.work_date::text AS "workDate",
              before.published_at IS NOT NULL AS "wasPublished"`.execute(trx);
  return result.rows;
}

// ───────────────────────────── 希望シフト ─────────────────────────────

export async function insertWishPeriod(
  trx: Tx,
  contractId: string,
  values: { officeId: number; periodFrom: string; periodTo: string; deadline: Date },
) {
  return trx
    .insertInto('shiftWishPeriods')
    .values({ contractId, ...values })
    .returning(['id'])
    .executeTakeFirstOrThrow();
}

/** Wish periods of some offices that overlap a range, newest first. */
export async function listWishPeriods(
  trx: Tx,
  contractId: string,
  officeIds: number[],
  from: string,
  to: string,
) {
  if (officeIds.length === 0) return [];
  return trx
    .selectFrom('shiftWishPeriods')
    .select([
      'id',
      'officeId',
      sql<string>`period_from::text`.as('periodFrom'),
      sql<string>`period_to::text`.as('periodTo'),
      'deadline',
    ])
    .where('contractId', '=', contractId)
    .where('officeId', 'in', officeIds)
    .where('periodFrom', '<=', to)
    .where('periodTo', '>=', from)
    .orderBy('id', 'desc')
    .execute();
}

export async function listWishes(trx: Tx, contractId: string, staffIds: number[], from: string, to: string) {
  if (staffIds.length === 0) return [];
  return trx
    .selectFrom('shiftWishes')
    .select(['staffId', sql<string>`work_date::text`.as('workDate'), 'kind', 'startTime', 'endTime', 'note'])
    .where('contractId', '=', contractId)
    .where('staffId', 'in', staffIds)
    .where('workDate', '>=', from)
    .where('workDate', '<=', to)
    .orderBy('staffId')
    .orderBy('workDate')
    .execute();
}

export async function upsertWish(
  trx: Tx,
  contractId: string,
  wish: {
    staffId: number;
    workDate: string;
    kind: 'available' | 'off';
    startTime: string | null;
    endTime: string | null;
    note: string;
  },
) {
  await trx
    .insertInto('shiftWishes')
    .values({ contractId, ...wish })
    .onConflict((oc) =>
      oc.columns(['contractId', 'staffId', 'workDate']).doUpdateSet((eb) => ({
        kind: eb.ref('excluded.kind'),
        startTime: eb.ref('excluded.startTime'),
        endTime: eb.ref('excluded.endTime'),
        note: eb.ref('excluded.note'),
        updatedAt: sql`now()`,
      })),
    )
    .execute();
}

export async function deleteWish(trx: Tx, contractId: string, staffId: number, workDate: string) {
  await trx
    .deleteFrom('shiftWishes')
    .where('contractId', '=', contractId)
    .where('staffId', '=', staffId)
    .where('workDate', '=', workDate)
    .execute();
}
