import type { ExpressionBuilder } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { registerToken } from './token-directory.repository.ts';

export async function insertTerminal(
  trx: Tx,
  terminal: {
    contractId: string;
    officeId: number;
    kind: 'web_clock' | 'app';
    tokenHash: Buffer;
    openedByAccountId: number | null;
    userAgent: string | null;
  },
) {
  const row = await trx.insertInto('terminals').values(terminal).returning(['id']).executeTakeFirstOrThrow();
  await registerToken(trx, {
    tokenHash: terminal.tokenHash,
    contractId: terminal.contractId,
    kind: 'terminal',
  });
  return row;
}

/**
 * The live terminals of some device tokens of one contract, with their office and contract (the
 * contract of a token comes from token_directory). Several tokens at once, so that concurrent
 * punches share one round trip.
 */
export async function findLiveTerminals(db: Db | Tx, contractId: string, tokenHashes: Buffer[]) {
  if (tokenHashes.length === 0) return [];
  return db
    .selectFrom('terminals as t')
    .innerJoin('offices as o', (join) =>
      join.onRef('o.contractId', '=', 't.contractId').onRef('o.id', '=', 't.officeId'),
    )
    .innerJoin('contracts as c', 'c.id', 't.contractId')
    .select([
      't.id',
      't.contractId',
      't.officeId',
      't.kind',
      't.lastSeenAt',
      't.tokenHash',
      'o.name as officeName',
      'o.passcodeRequired',
      'o.settings as officeSettings',
      'c.name as contractName',
      'c.plan',
      'c.timeZone',
      'c.settings as contractSettings',
    ])
    .where('t.contractId', '=', contractId)
    .where('t.tokenHash', 'in', tokenHashes)
    .where('t.revokedAt', 'is', null)
    .execute();
}

export async function touchTerminal(trx: Tx, contractId: string, id: number, now: Date) {
  await trx
    .updateTable('terminals')
    .set({ lastSeenAt: now })
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .execute();
}

export async function revokeTerminal(trx: Tx, contractId: string, id: number, now: Date) {
  await trx
    .updateTable('terminals')
    .set({ revokedAt: now })
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .execute();
}

/**
 * 端末一覧: the open terminals of a contract (of some offices, or all), newest use first, with how
 * each was opened: the PIN, or the app login of an account (named by its staff row here).
 */
export async function listOpenTerminals(trx: Tx, contractId: string, officeIds: number[] | 'all') {
  if (officeIds !== 'all' && officeIds.length === 0) return [];
  let query = trx
    .selectFrom('terminals as t')
    .innerJoin('offices as o', (join) =>
      join.onRef('o.contractId', '=', 't.contractId').onRef('o.id', '=', 't.officeId'),
    )
    .select([
      't.id',
      't.officeId',
      'o.name as officeName',
      't.kind',
      't.openedByAccountId',
      't.userAgent',
      't.createdAt',
      't.lastSeenAt',
    ])
    // The opener's staff row in this contract (one per account; a scalar subquery never multiplies rows).
    .select((eb) => [
      openerStaff(eb).select('s.name').as('openedByName'),
      openerStaff(eb).select('s.email').as('openedByEmail'),
    ])
    .where('t.contractId', '=', contractId)
    .where('t.revokedAt', 'is', null);
  if (officeIds !== 'all') query = query.where('t.officeId', 'in', officeIds);
  return query.orderBy('t.lastSeenAt', 'desc').orderBy('t.id', 'desc').execute();
}

function openerStaff(eb: ExpressionBuilder<DB & { t: DB['terminals'] }, 't'>) {
  return eb
    .selectFrom('staff as s')
    .whereRef('s.contractId', '=', 't.contractId')
    .whereRef('s.accountId', '=', 't.openedByAccountId')
    .orderBy('s.id')
    .limit(1);
}

/** One terminal of a contract, open or not. */
export async function findTerminal(trx: Tx, contractId: string, id: number) {
  return trx
    .selectFrom('terminals')
    .select(['id', 'officeId', 'kind', 'openedByAccountId', 'revokedAt'])
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** 【PINコードを変更して全端末を解除】: every open terminal opened with the PIN. Returns their ids. */
export async function revokePinTerminals(trx: Tx, contractId: string, now: Date): Promise<number[]> {
  const rows = await trx
    .updateTable('terminals')
    .set({ revokedAt: now })
    .where('contractId', '=', contractId)
    .where('kind', '=', 'web_clock')
    .where('revokedAt', 'is', null)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * A staff member stopped: the app terminals their account opened in this contract; with
 * `keepOfficeIds`, only those of other offices (the person lost 事業所管理 編集 there).
 */
export async function revokeTerminalsOpenedBy(
  trx: Tx,
  contractId: string,
  accountId: number,
  now: Date,
  keepOfficeIds?: number[],
): Promise<number[]> {
  let query = trx
    .updateTable('terminals')
    .set({ revokedAt: now })
    .where('contractId', '=', contractId)
    .where('openedByAccountId', '=', accountId)
    .where('revokedAt', 'is', null);
  if (keepOfficeIds && keepOfficeIds.length > 0) query = query.where('officeId', 'not in', keepOfficeIds);
  const rows = await query.returning('id').execute();
  return rows.map((r) => r.id);
}
