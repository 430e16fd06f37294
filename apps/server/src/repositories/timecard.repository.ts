import { sql } from 'kysely';
import type { Tx } from '../db/database.ts';
import type { PunchesTable } from '../db/schema.ts';

/**
 * Every punch row (raw punches and their correction versions) of some people between two instants,
 * oldest first, with the name of whoever made a correction. The service builds the version chains.
 */
export async function listPunchRows(trx: Tx, contractId: string, staffIds: number[], from: Date, to: Date) {
  if (staffIds.length === 0) return [];
  const inWindow = await trx
    .selectFrom('punches as p')
    .leftJoin('accounts as a', 'a.id', 'p.actorAccountId')
    .select(PUNCH_ROW_COLUMNS)
    .where('p.contractId', '=', contractId)
    .where('p.staffId', 'in', staffIds)
    .where('p.punchedAt', '>=', from)
    .where('p.punchedAt', '<', to)
    .execute();
  return withMovedOut(trx, contractId, staffIds, from, to, inWindow, PUNCH_ROW_COLUMNS);
}

const PUNCH_ROW_COLUMNS = [
  'p.id',
  'p.staffId',
  'p.officeId',
  'p.type',
  'p.punchedAt',
  'p.workDate',
  'p.source',
  'p.supersedesId',
  'p.deleted',
  'p.reason',
  'p.createdAt',
  'p.flags',
  'a.name as actorName',
] as const;
const PUNCH_EVENT_COLUMNS = [
  'p.id',
  'p.staffId',
  'p.type',
  'p.punchedAt',
  'p.supersedesId',
  'p.deleted',
  // シフト丸め's 打刻実績のみ丸める tells a punch from a correction or an import.
  'p.source',
] as const;

/** A punch as the engine needs it (see listPunchEvents). */
export interface PunchEventRow {
  id: number;
  staffId: number;
  type: PunchesTable['type'];
  punchedAt: Date;
  supersedesId: number | null;
  deleted: boolean;
  source: PunchesTable['source'];
}

/**
 * The same rows as listPunchRows with only what the engine needs, for reports over many people
 * (41,000 punches of a month for 500 staff), ordered by person, then oldest first. Written in SQL
 * with its own camelCase aliases and run without the CamelCasePlugin, the instant as epoch
 * milliseconds (an int8, not timestamptz text to parse), and ordered by the (contract_id, staff_id,
 * punched_at, id) index instead of in JavaScript: renaming, parsing and sorting every row cost a
 * third of the report (issue 21, ADR 027).
 */
export async function listPunchEvents(
  trx: Tx,
  contractId: string,
  staffIds: number[],
  from: Date,
  to: Date,
): Promise<PunchEventRow[]> {
  if (staffIds.length === 0) return [];
  const { rows } = await sql<Omit<PunchEventRow, 'punchedAt'> & { punchedMs: number }>`
    select p.id, p.staff_id as "staffId", p.type, p.supersedes_id as "supersedesId", p.deleted,
      p.source, (extract(epoch from p.punched_at) * 1000)::int8 as "punchedMs"
    from punches p
    where p.contract_id = ${contractId} and p.staff_id = any(${staffIds}::bigint[])
      and p.punched_at >= ${from} and p.punched_at < ${to}
    order by p.staff_id, p.punched_at, p.id`.execute(trx.withoutPlugins());
  const inWindow: PunchEventRow[] = rows.map(({ punchedMs, ...row }) => ({
    ...row,
    punchedAt: new Date(punchedMs),
  }));
  const movedOut = await movedOutOf(trx, contractId, staffIds, from, to, PUNCH_EVENT_COLUMNS);
  if (movedOut.length === 0) return inWindow;
  return [...inWindow, ...(movedOut as unknown as PunchEventRow[])].sort(
    (x, y) => x.staffId - y.staffId || x.punchedAt.getTime() - y.punchedAt.getTime() || x.id - y.id,
  );
}

async function withMovedOut<R extends { id: number; punchedAt: Date }>(
  trx: Tx,
  contractId: string,
  staffIds: number[],
  from: Date,
  to: Date,
  inWindow: R[],
  columns: readonly string[],
): Promise<R[]> {
  const movedOut = (await movedOutOf(trx, contractId, staffIds, from, to, columns)) as unknown as R[];
  return [...inWindow, ...movedOut].sort(
    (x, y) => x.punchedAt.getTime() - y.punchedAt.getTime() || x.id - y.id,
  );
}

/**
 * Corrections that moved a punch of the window out of it (few; partial index on supersedes_id):
 * without them the replaced punch would look effective.
 */
async function movedOutOf(
  trx: Tx,
  contractId: string,
  staffIds: number[],
  from: Date,
  to: Date,
  columns: readonly string[],
) {
  return trx
    .selectFrom('punches as p')
    .innerJoin('punches as r', (join) =>
      join.onRef('r.contractId', '=', 'p.contractId').onRef('r.id', '=', 'p.supersedesId'),
    )
    .leftJoin('accounts as a', 'a.id', 'p.actorAccountId')
    .select(columns as never)
    .where('p.contractId', '=', contractId)
    .where('p.staffId', 'in', staffIds)
    .where('r.punchedAt', '>=', from)
    .where('r.punchedAt', '<', to)
    .where((eb) => eb.or([eb('p.punchedAt', '<', from), eb('p.punchedAt', '>=', to)]))
    .execute();
}

export type PunchRow = Awaited<ReturnType<typeof listPunchRows>>[number];

export async function findPunchRow(trx: Tx, contractId: string, id: number) {
  return trx
    .selectFrom('punches as p')
    .select(['p.id', 'p.staffId', 'p.officeId', 'p.type', 'p.punchedAt', 'p.workDate', 'p.deleted'])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('punches as n')
            .select('n.id')
            .whereRef('n.contractId', '=', 'p.contractId')
            .whereRef('n.supersedesId', '=', 'p.id'),
        )
        .as('superseded'),
    )
    .where('p.contractId', '=', contractId)
    .where('p.id', '=', id)
    .executeTakeFirst();
}

export async function findLockCovering(trx: Tx, contractId: string, date: string) {
  return trx
    .selectFrom('periodLocks')
    .selectAll()
    .where('contractId', '=', contractId)
    .where('periodFrom', '<=', date)
    .where('periodTo', '>=', date)
    .executeTakeFirst();
}

export async function listLocks(trx: Tx, contractId: string) {
  return trx
    .selectFrom('periodLocks')
    .select([
      sql<string>`period_from::text`.as('periodFrom'),
      sql<string>`period_to::text`.as('periodTo'),
      'lockedAt',
    ])
    .where('contractId', '=', contractId)
    .orderBy('periodFrom', 'desc')
    .execute();
}

/** Closes a period; false when it was closed already. */
export async function insertLock(
  trx: Tx,
  contractId: string,
  from: string,
  to: string,
  accountId: number,
): Promise<boolean> {
  const rows = await trx
    .insertInto('periodLocks')
    .values({ contractId, periodFrom: from, periodTo: to, lockedByAccountId: accountId })
    .onConflict((oc) => oc.columns(['contractId', 'periodFrom']).doNothing())
    .returning('periodFrom')
    .execute();
  return rows.length > 0;
}

export async function deleteLock(trx: Tx, contractId: string, from: string): Promise<boolean> {
  const result = await trx
    .deleteFrom('periodLocks')
    .where('contractId', '=', contractId)
    .where('periodFrom', '=', from)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Where a page of the report's staff ends: the last person's (coalesce(code, ''), id). */
export interface StaffCursor {
  code: string;
  id: number;
}

/**
 * Staff of a contract (optionally of one office or with one staff code), for reports, in the
 * report's order (code, then id). `after` and `limit` read it a page at a time (keyset), so that
 * a contract of 10,000 people streams in pages (issue 21).
 */
export async function listReportStaff(
  trx: Tx,
  contractId: string,
  filter: { officeId?: number; code?: string },
  page: { after?: StaffCursor; limit?: number } = {},
) {
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
      sql<string | null>`s.settings->>'workRules'`.as('workRules'),
    ])
    .where('s.contractId', '=', contractId);
  if (filter.officeId !== undefined) {
    const officeId = filter.officeId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('staffOffices as so')
          .select('so.staffId')
          .whereRef('so.contractId', '=', 's.contractId')
          .whereRef('so.staffId', '=', 's.id')
          .where('so.officeId', '=', officeId),
      ),
    );
  }
  if (filter.code !== undefined) query = query.where('s.code', '=', filter.code);
  if (page.after) {
    const { code, id } = page.after;
    query = query.where(sql<boolean>`(coalesce(s.code, ''), s.id) > (${code}, ${id})`);
  }
  if (page.limit !== undefined) query = query.limit(page.limit);
  return query.orderBy(sql`coalesce(s.code, '')`).orderBy('s.id').execute();
}

/** The first office of each person (the office whose 勤務ルール apply to them). */
export async function firstOffices(trx: Tx, contractId: string, staffIds: number[]) {
  if (staffIds.length === 0) return new Map<number, number>();
  const rows = await trx
    .selectFrom('staffOffices')
    .select(['staffId', (eb) => eb.fn.min('officeId').as('officeId')])
    .where('contractId', '=', contractId)
    .where('staffId', 'in', staffIds)
    .groupBy('staffId')
    .execute();
  return new Map(rows.map((r) => [r.staffId, Number(r.officeId)]));
}
