import type { ExpressionBuilder } from 'kysely';
import type { Tx } from '../db/database.ts';
import type { DB, PunchesTable } from '../db/schema.ts';

type PunchType = PunchesTable['type'];

/**
 * The advisory lock that serialises punches of one person (two terminals cannot both clock them
 * in); taken with `withTenant(…, { advisoryLock })`.
 */
export function staffPunchLock(contractId: string, staffId: number): string {
  return `punch:${contractId}:${staffId}`;
}

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

export async function findPunchByKey(trx: Tx, contractId: string, idempotencyKey: string) {
  return trx
    .selectFrom('punches')
    .selectAll()
    .where('contractId', '=', contractId)
    .where('idempotencyKey', '=', idempotencyKey)
    .executeTakeFirst();
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
    .select(['p.staffId', 'p.type', 'p.workDate', 'p.punchedAt'])
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

/** Inserts a punch; returns undefined when a punch with the same idempotency key already exists. */
export async function insertPunch(trx: Tx, contractId: string, punch: NewPunch) {
  return trx
    .insertInto('punches')
    .values({ contractId, ...punch, flags: JSON.stringify(punch.flags) })
    .onConflict((oc) => oc.columns(['contractId', 'idempotencyKey']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/**
 * Everything a punch needs to be checked, in one round trip: whether the key was already used, the
 * person (利用設定, パスコード, membership of the office), their latest effective punch and the
 * contract's zone and settings. The punch path is the hot path (bench/punch-load).
 */
export async function loadPunchContext(
  trx: Tx,
  contractId: string,
  staffId: number,
  officeId: number,
  idempotencyKey: string,
) {
  return trx
    .selectNoFrom((eb) => [
      eb
        .selectFrom('punches')
        .select('id')
        .where('contractId', '=', contractId)
        .where('idempotencyKey', '=', idempotencyKey)
        .as('replayId'),
      eb.selectFrom('contracts').select('timeZone').where('id', '=', contractId).as('timeZone'),
      eb
        .selectFrom('contracts')
        .select((c) => c.cast<string>('settings', 'text').as('settings'))
        .where('id', '=', contractId)
        .as('settings'),
      eb
        .selectFrom('staff')
        .select('usage')
        .where('contractId', '=', contractId)
        .where('id', '=', staffId)
        .as('usage'),
      eb
        .selectFrom('staff')
        .select('passcodeHash')
        .where('contractId', '=', contractId)
        .where('id', '=', staffId)
        .as('passcodeHash'),
      eb
        .exists(
          eb
            .selectFrom('staffOffices')
            .select('staffId')
            .where('contractId', '=', contractId)
            .where('staffId', '=', staffId)
            .where('officeId', '=', officeId),
        )
        .as('member'),
      lastPunchQuery(trx, contractId, staffId).select('p.type').as('lastType'),
      lastPunchQuery(trx, contractId, staffId)
        .select((p) => p.cast<string>('p.workDate', 'text').as('d'))
        .as('lastWorkDate'),
    ])
    .executeTakeFirstOrThrow();
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

/** Inserts many punches in one statement; rows whose key exists already are skipped. */
export async function insertPunches(trx: Tx, contractId: string, punches: NewPunch[]): Promise<number> {
  if (punches.length === 0) return 0;
  const rows = await trx
    .insertInto('punches')
    .values(punches.map((punch) => ({ contractId, ...punch, flags: JSON.stringify(punch.flags) })))
    .onConflict((oc) => oc.columns(['contractId', 'idempotencyKey']).doNothing())
    .returning('id')
    .execute();
  return rows.length;
}
