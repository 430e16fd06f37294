import { type ExpressionBuilder, sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { DB, PunchesTable } from '../db/schema.ts';

type PunchType = PunchesTable['type'];

/** "No later version replaces this punch" (see the migration: corrections append versions). */
function notReplaced(eb: ExpressionBuilder<DB & { p: DB['punches'] }, 'p'>) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('punches as n')
        .select('n.id')
        .whereRef('n.contractId', '=', 'p.contractId')
        .whereRef('n.supersedesId', '=', 'p.id'),
    ),
  );
}

/** The columns a punch request is answered with. */
const PUNCH_ANSWER = [
  'id',
  'staffId',
  'type',
  'punchedAt',
  'workDate',
  'deviceAt',
  'idempotencyKey',
] as const;

/** Punches by their idempotency keys (the answers to retries). */
export async function findPunchesByKeys(trx: Tx, contractId: string, idempotencyKeys: string[]) {
  if (idempotencyKeys.length === 0) return [];
  return trx
    .selectFrom('punches')
    .select(PUNCH_ANSWER)
    .where('contractId', '=', contractId)
    .where('idempotencyKey', 'in', idempotencyKeys)
    .execute();
}

/**
 * The latest effective punch of a person: the newest by time among rows that are neither replaced
 * by a later version nor deleted (corrections write new rows, see the migration).
 */
export async function findLastPunch(trx: Tx, contractId: string, staffId: number) {
  return lastPunchQuery(trx, contractId, staffId)
    .select(['p.id', 'p.type', 'p.workDate', 'p.punchedAt'])
    .executeTakeFirst();
}

/** The latest effective punch of each person of a list (for a terminal's staff list). */
export async function findLastPunches(trx: Tx, contractId: string, staffIds: number[]) {
  if (staffIds.length === 0) return [];
  return trx
    .selectFrom('punches as p')
    .distinctOn('p.staffId')
    .select(['p.id', 'p.staffId', 'p.type', 'p.workDate', 'p.punchedAt'])
    .where('p.contractId', '=', contractId)
    .where('p.staffId', 'in', staffIds)
    .where('p.deleted', '=', false)
    .where(notReplaced)
    .orderBy('p.staffId')
    .orderBy('p.punchedAt', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
}

export interface NewPunch {
  staffId: number;
  officeId: number | null;
  type: PunchType;
  punchedAt: Date;
  deviceAt: Date | null;
  workDate: string;
  source: PunchesTable['source'];
  idempotencyKey: string;
  terminalId: number | null;
  actorAccountId: number | null;
  flags: Record<string, unknown>;
  /** A correction: the punch this version replaces, whether it deletes it, and why. */
  supersedesId?: number | null;
  deleted?: boolean;
  reason?: string | null;
}

/**
 * Takes the punch locks of these people until the transaction ends: the locks `punch_batch_insert`
 * takes (ascending staff id, so no deadlock), so that a correction or an import and a batch of live
 * punches never decide on the same person's punches at once.
 */
export async function lockPunchesOf(trx: Tx, contractId: string, staffIds: number[]): Promise<void> {
  const ids = [...new Set(staffIds)].sort((a, b) => a - b);
  await sql`select count(pg_advisory_xact_lock(hashtext(${contractId}), id)) from unnest(${ids}::int[]) as id`.execute(
    trx,
  );
}

/**
 * Inserts a punch (a correction's version) under the person's punch lock; returns undefined when a
 * punch with the same idempotency key already exists.
 */
export async function insertPunch(trx: Tx, contractId: string, punch: NewPunch) {
  await lockPunchesOf(trx, contractId, [punch.staffId]);
  return trx
    .insertInto('punches')
    .values({ contractId, ...punch, flags: JSON.stringify(punch.flags) })
    .onConflict((oc) => oc.columns(['contractId', 'idempotencyKey']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** A punch as a punch request is answered with (recorded now, or earlier under the same key). */
export interface PunchAnswer {
  id: number;
  staffId: number;
  type: PunchType;
  punchedAt: Date;
  workDate: string;
  deviceAt: Date | null;
  idempotencyKey: string;
}

/** The same, as the batch functions return it in JSON (instants in epoch milliseconds). */
type PunchAnswerJson = Omit<PunchAnswer, 'punchedAt' | 'deviceAt'> & {
  punchedAt: number;
  deviceAt: number | null;
};

function fromJson(row: PunchAnswerJson): PunchAnswer {
  return {
    ...row,
    punchedAt: new Date(row.punchedAt),
    deviceAt: row.deviceAt === null ? null : new Date(row.deviceAt),
  };
}

export interface PunchBatchContext {
  timeZone: string;
  /** The contract's settings as JSON text. */
  settings: string;
  staff: { id: number; usage: string }[];
  memberships: { staffId: number; officeId: number }[];
  officeIds: number[];
  /** The punches already recorded under the batch's idempotency keys. */
  used: PunchAnswer[];
  /** The latest effective punch of each person who has one; `at` in epoch milliseconds. */
  lastPunches: { staffId: number; id: number; type: PunchType; workDate: string; at: number }[];
}

/**
 * Everything a batch of punches of one contract needs to be checked, in one round trip and one
 * statement (the function punch_batch_context, see its migration). Undefined when the contract
 * does not exist. The punch path is the hot path (bench/punch-load).
 */
export async function loadPunchBatchContext(
  db: Db,
  contractId: string,
  query: { staffIds: number[]; officeIds: number[]; keys: string[] },
): Promise<PunchBatchContext | undefined> {
  const result = await sql<{
    context: (Omit<PunchBatchContext, 'used'> & { used: PunchAnswerJson[] }) | null;
  }>`
    SELECT punch_batch_context(${contractId}, ${query.staffIds}::int[], ${query.officeIds}::int[], ${query.keys}::text[]) AS context`.execute(
    db,
  );
  const context = result.rows[0]?.context;
  return context ? { ...context, used: context.used.map(fromJson) } : undefined;
}

/**
 * Writes a decided batch in one round trip and one statement (the function punch_batch_insert):
 * under the people's punch locks, only the punches of people whose latest effective punch is
 * still `expected` are inserted; the others' staff ids come back in `stale`, to be decided again.
 * A punch whose idempotency key exists already is skipped (missing from `inserted`).
 */
export async function insertPunchBatch(
  db: Db,
  contractId: string,
  expected: { staffId: number; lastId: number | null }[],
  punches: NewPunch[],
): Promise<{ stale: number[]; inserted: PunchAnswer[] }> {
  const rows = punches.map((punch, ord) => ({
    staff_id: punch.staffId,
    office_id: punch.officeId,
    type: punch.type,
    punched_at: punch.punchedAt.toISOString(),
    device_at: punch.deviceAt?.toISOString() ?? null,
    work_date: punch.workDate,
    source: punch.source,
    idempotency_key: punch.idempotencyKey,
    terminal_id: punch.terminalId,
    actor_account_id: punch.actorAccountId,
    flags: punch.flags,
    ord,
  }));
  const result = await sql<{ written: { stale: number[]; inserted: PunchAnswerJson[] } }>`
    SELECT punch_batch_insert(${contractId}, ${JSON.stringify(
      expected.map((e) => ({ staff_id: e.staffId, last_id: e.lastId })),
    )}::json, ${JSON.stringify(rows)}::json) AS written`.execute(db);
  const written = result.rows[0]!.written;
  return { stale: written.stale, inserted: written.inserted.map(fromJson) };
}

function lastPunchQuery(trx: Tx, contractId: string, staffId: number) {
  return trx
    .selectFrom('punches as p')
    .where('p.contractId', '=', contractId)
    .where('p.staffId', '=', staffId)
    .where('p.deleted', '=', false)
    .where(notReplaced)
    .orderBy('p.punchedAt', 'desc')
    .orderBy('p.id', 'desc')
    .limit(1);
}

/**
 * Inserts many punches (an import) in one statement under the people's punch locks; rows whose key
 * exists already are skipped.
 */
export async function insertPunches(trx: Tx, contractId: string, punches: NewPunch[]): Promise<number> {
  if (punches.length === 0) return 0;
  await lockPunchesOf(
    trx,
    contractId,
    punches.map((punch) => punch.staffId),
  );
  const rows = await trx
    .insertInto('punches')
    .values(punches.map((punch) => ({ contractId, ...punch, flags: JSON.stringify(punch.flags) })))
    .onConflict((oc) => oc.columns(['contractId', 'idempotencyKey']).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}

/**
 * The effective punches (latest versions, deletions left out) of work dates `from`–`to`, by id after
 * `afterId`: a page of the public punch list (issue 14), with the person's code.
 */
export async function listEffectivePunchPage(
  trx: Tx,
  contractId: string,
  filter: {
    from: string;
    to: string;
    staffId?: number | undefined;
    afterId?: number | undefined;
    limit: number;
  },
) {
  let query = trx
    .selectFrom('punches as p')
    .innerJoin('staff as s', (join) =>
      join.onRef('s.contractId', '=', 'p.contractId').onRef('s.id', '=', 'p.staffId'),
    )
    .select([
      'p.id',
      'p.staffId',
      's.code as staffCode',
      'p.officeId',
      'p.type',
      'p.punchedAt',
      'p.workDate',
      'p.source',
      'p.supersedesId',
    ])
    .where('p.contractId', '=', contractId)
    .where('p.workDate', '>=', filter.from)
    .where('p.workDate', '<=', filter.to)
    .where('p.deleted', '=', false)
    .where(notReplaced);
  if (filter.staffId !== undefined) query = query.where('p.staffId', '=', filter.staffId);
  if (filter.afterId !== undefined) query = query.where('p.id', '>', filter.afterId);
  return query.orderBy('p.id').limit(filter.limit).execute();
}
