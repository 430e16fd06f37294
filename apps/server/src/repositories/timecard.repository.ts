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
/** One person's effective punches as the engine counts them, oldest first (see listReportPunches). */
export interface ReportPunches {
  types: PunchesTable['type'][];
  sources: PunchesTable['source'][];
  /** Minutes since the epoch (the engine works in whole minutes; seconds are dropped). */
  minutes: number[];
}

const TYPE_LETTER = `case p.type when 'clock_in' then 'i' when 'clock_out' then 'o'
  when 'break_start' then 's' else 'e' end`;
const SOURCE_LETTER = `case p.source when 'web_clock' then 'w' when 'app' then 'a' when 'personal' then 'p'
  when 'import' then 'i' when 'admin' then 'm' else 'x' end`;
/** `<type letter><source letter><epoch minute>`: date_part (a double) is cheaper than extract (numeric). */
export const PUNCH_TEXT = sql.raw(
  `${TYPE_LETTER} || ${SOURCE_LETTER} || floor(date_part('epoch', p.punched_at) / 60)::int8`,
);
const TYPE_OF: Record<number, PunchesTable['type']> = {
  105: 'clock_in', // i
  111: 'clock_out', // o
  115: 'break_start', // s
  101: 'break_end', // e
};
const SOURCE_OF: Record<number, PunchesTable['source']> = {
  119: 'web_clock', // w
  97: 'app', // a
  112: 'personal', // p
  105: 'import', // i
  109: 'admin', // m
  120: 'api', // x
};

/** Appends the punches of a text of `PUNCH_TEXT`s joined by commas (scanned, no substrings). */
export function appendPunchTexts(into: ReportPunches, text: string) {
  let i = 0;
  while (i < text.length) {
    into.types.push(TYPE_OF[text.charCodeAt(i)]!);
    into.sources.push(SOURCE_OF[text.charCodeAt(i + 1)]!);
    i += 2;
    let minute = 0;
    let negative = false;
    if (text.charCodeAt(i) === 45) {
      negative = true;
      i++;
    }
    for (let c = text.charCodeAt(i); c >= 48 && c <= 57; c = text.charCodeAt(++i))
      minute = minute * 10 + c - 48;
    into.minutes.push(negative ? -minute : minute);
    i++; // the comma
  }
}

/**
 * The effective punches (the latest version of each, deletions dropped) of some people between two
 * instants, oldest first, as the report counts them: what effectivePunches gives over the rows of
 * listPunchRows (the タイムカード's load), without the ids and versions. For reports over many people
 * (41,000 punches of a month for 500 staff; 10,000 people streamed in pages): one row per person,
 * the punches as one text (`<type><source><epoch minute>`, comma separated) read by the person's
 * (contract_id, staff_id, punched_at, id) index in a lateral join, the versions resolved in SQL.
 * One protocol row per punch cost ~5 µs each in node-postgres, more through PGlite (ADR 027). The
 * replaced punches are one hashed set, the corrections of these people (a correction keeps its
 * person) read by the partial index punches_corrections_by_staff_idx, instead of an index probe per
 * punch (~1 µs each).
 *
 * A correction that moved a punch of the window out of it (few) is read by a second statement and
 * placed before or after the window's punches (the window's ends are whole minutes).
 */
export async function listReportPunches(
  trx: Tx,
  contractId: string,
  staffIds: number[],
  from: Date,
  to: Date,
): Promise<Map<number, ReportPunches>> {
  const byStaff = new Map<number, ReportPunches>();
  if (staffIds.length === 0) return byStaff;
  const plain = trx.withoutPlugins();
  const { rows } = await sql<{ staffId: number; punches: string | null }>`
    select s.id as "staffId", x.punches
      from unnest(${staffIds}::bigint[]) as s(id)
      cross join lateral (
        select string_agg(${PUNCH_TEXT}, ',' order by p.punched_at, p.id) as punches
          from punches p
         where p.contract_id = ${contractId} and p.staff_id = s.id
           and p.punched_at >= ${from} and p.punched_at < ${to}
           and not p.deleted
           and p.id not in (select c.supersedes_id from punches c
                             where c.contract_id = ${contractId} and c.staff_id = any(${staffIds}::bigint[])
                               and c.supersedes_id is not null)) x`.execute(plain);
  // Corrections that moved a punch of the window out of it, when no later version in the window
  // replaced them (a version outside the window is not one effectivePunches would see either).
  const { rows: movedOut } = await sql<{ staffId: number; punch: string; before: boolean }>`
    select p.staff_id as "staffId", ${PUNCH_TEXT} as punch, p.punched_at < ${from} as before
      from punches p
      join punches r on r.contract_id = p.contract_id and r.id = p.supersedes_id
     where p.contract_id = ${contractId} and p.staff_id = any(${staffIds}::bigint[])
       and r.punched_at >= ${from} and r.punched_at < ${to}
       and (p.punched_at < ${from} or p.punched_at >= ${to})
       and not p.deleted
       and not exists (select 1 from punches q
                        where q.contract_id = ${contractId} and q.supersedes_id = p.id
                          and q.staff_id = any(${staffIds}::bigint[])
                          and q.punched_at >= ${from} and q.punched_at < ${to})
     order by p.staff_id, p.punched_at, p.id`.execute(plain);
  const empty = (): ReportPunches => ({ types: [], sources: [], minutes: [] });
  const moved = new Map<number, { before: string[]; after: string[] }>();
  for (const row of movedOut) {
    let person = moved.get(row.staffId);
    if (!person) {
      person = { before: [], after: [] };
      moved.set(row.staffId, person);
    }
    (row.before ? person.before : person.after).push(row.punch);
  }
  for (const row of rows) {
    const punches = empty();
    const person = moved.get(row.staffId);
    if (person) appendPunchTexts(punches, person.before.join(','));
    if (row.punches !== null) appendPunchTexts(punches, row.punches);
    if (person) appendPunchTexts(punches, person.after.join(','));
    if (punches.minutes.length > 0) byStaff.set(row.staffId, punches);
  }
  return byStaff;
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
