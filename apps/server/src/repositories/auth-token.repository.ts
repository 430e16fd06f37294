import type { Db, Tx } from '../db/database.ts';

export interface NewAuthToken {
  tokenHash: Buffer;
  kind: 'verify' | 'reset';
  accountId: number;
  contractId: string | null;
  staffId: number | null;
  expiresAt: Date;
}

export async function insertAuthToken(db: Db | Tx, token: NewAuthToken) {
  await db.insertInto('authTokens').values(token).execute();
}

export async function findAuthToken(db: Db | Tx, tokenHash: Buffer) {
  return db
    .selectFrom('authTokens as t')
    .innerJoin('accounts as a', 'a.id', 't.accountId')
    .select([
      't.id',
      't.kind',
      't.accountId',
      't.contractId',
      't.staffId',
      't.expiresAt',
      't.usedAt',
      'a.email',
      'a.passwordHash',
    ])
    .where('t.tokenHash', '=', tokenHash)
    .executeTakeFirst();
}

/** Marks a token used; false when another request used it first (single use under races). */
export async function consumeAuthToken(db: Db | Tx, id: number, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('authTokens')
    .set({ usedAt: now })
    .where('id', '=', id)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Voids the unused tokens of a kind for an account (and staff member), e.g. when a new one is sent. */
export async function voidUnusedTokens(
  db: Db | Tx,
  accountId: number,
  kind: 'verify' | 'reset',
  now: Date,
  staff?: { contractId: string; staffId: number },
) {
  let query = db
    .updateTable('authTokens')
    .set({ expiresAt: now })
    .where('accountId', '=', accountId)
    .where('kind', '=', kind)
    .where('usedAt', 'is', null)
    .where('expiresAt', '>', now);
  if (staff) query = query.where('contractId', '=', staff.contractId).where('staffId', '=', staff.staffId);
  await query.execute();
}
