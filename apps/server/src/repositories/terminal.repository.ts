import type { Db, Tx } from '../db/database.ts';

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
  return trx.insertInto('terminals').values(terminal).returning(['id']).executeTakeFirstOrThrow();
}

/**
 * The live terminal of a device token, with its office and contract. Looked up by the token alone
 * (before any contract is known), like a session; everything after it runs inside the contract.
 */
export async function findLiveTerminal(db: Db | Tx, tokenHash: Buffer) {
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
      'o.name as officeName',
      'o.passcodeRequired',
      'c.name as contractName',
      'c.timeZone',
      'c.settings as contractSettings',
    ])
    .where('t.tokenHash', '=', tokenHash)
    .where('t.revokedAt', 'is', null)
    .executeTakeFirst();
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
