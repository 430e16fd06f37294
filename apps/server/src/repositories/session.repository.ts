import type { Db, Tx } from '../db/database.ts';

export interface NewSession {
  tokenHash: Buffer;
  accountId: number;
  contractId: string | null;
  kind: 'console' | 'app';
  loginEmail: string;
  csrfToken: string;
  expiresAt: Date;
}

export async function insertSession(db: Db | Tx, session: NewSession) {
  return db.insertInto('sessions').values(session).returningAll().executeTakeFirstOrThrow();
}

/** The live session of a token hash, with its account. */
export async function findLiveSession(db: Db | Tx, tokenHash: Buffer, now: Date) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('accounts as a', 'a.id', 's.accountId')
    .select([
      's.id',
      's.accountId',
      's.contractId',
      's.kind',
      's.loginEmail',
      's.csrfToken',
      's.lastSeenAt',
      's.expiresAt',
      'a.email',
      'a.loginId',
      'a.name as accountName',
    ])
    .where('s.tokenHash', '=', tokenHash)
    .where('s.expiresAt', '>', now)
    .executeTakeFirst();
}

export async function touchSession(db: Db | Tx, id: number, now: Date, expiresAt: Date) {
  await db.updateTable('sessions').set({ lastSeenAt: now, expiresAt }).where('id', '=', id).execute();
}

export async function setSessionContract(db: Db | Tx, id: number, contractId: string | null) {
  await db.updateTable('sessions').set({ contractId }).where('id', '=', id).execute();
}

export async function deleteSession(db: Db | Tx, id: number) {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/**
 * Ends sessions of an account: all of them, or only those in one contract (ログイン停止), optionally
 * keeping one (the session that made the change).
 */
export async function deleteSessionsOfAccount(
  db: Db | Tx,
  accountId: number,
  options: { contractId?: string; exceptSessionId?: number } = {},
): Promise<number> {
  let query = db.deleteFrom('sessions').where('accountId', '=', accountId);
  if (options.contractId) query = query.where('contractId', '=', options.contractId);
  if (options.exceptSessionId) query = query.where('id', '<>', options.exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(db: Db | Tx, now: Date) {
  await db.deleteFrom('sessions').where('expiresAt', '<=', now).execute();
}
