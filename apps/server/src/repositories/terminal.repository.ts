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
 * The live terminals of some device tokens, with their office and contract. Looked up by the token
 * alone (before any contract is known), like a session; everything after it runs inside the
 * contract. Several tokens at once, so that concurrent punches share one round trip.
 */
export async function findLiveTerminals(db: Db | Tx, tokenHashes: Buffer[]) {
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
      'c.name as contractName',
      'c.timeZone',
      'c.settings as contractSettings',
    ])
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
