import type { Db, Tx } from '../db/database.ts';
import { contractsOfTokens, registerToken } from './token-directory.repository.ts';

export interface NewApiToken {
  name: string;
  tokenHash: Buffer;
  prefix: string;
  scopes: string[];
  createdByStaffId: number | null;
  createdByAccountId: number | null;
  expiresAt: Date | null;
}

const LISTED = ['id', 'name', 'prefix', 'scopes', 'createdAt', 'expiresAt', 'lastUsedAt'] as const;

export async function insertApiToken(trx: Tx, contractId: string, token: NewApiToken) {
  const row = await trx
    .insertInto('apiTokens')
    .values({ contractId, ...token })
    .returning(LISTED)
    .executeTakeFirstOrThrow();
  await registerToken(trx, { tokenHash: token.tokenHash, contractId, kind: 'api_token' });
  return row;
}

export async function listApiTokens(trx: Tx, contractId: string) {
  return trx
    .selectFrom('apiTokens')
    .select(LISTED)
    .where('contractId', '=', contractId)
    .where('deletedAt', 'is', null)
    .orderBy('id')
    .execute();
}

/** Ends a token (the row stays for the record); false when there was no such live token. */
export async function deleteApiToken(trx: Tx, contractId: string, id: number): Promise<boolean> {
  const result = await trx
    .updateTable('apiTokens')
    .set({ deletedAt: new Date() })
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * The live token of a hash. The request names no contract: token_directory answers it (a global
 * table), then the token is read within that contract (a router query, ADR 020).
 */
export async function findLiveApiToken(db: Db, tokenHash: Buffer, now: Date) {
  const [entry] = await contractsOfTokens(db, 'api_token', [tokenHash]);
  if (!entry) return undefined;
  return db
    .selectFrom('apiTokens as t')
    .innerJoin('contracts as c', 'c.id', 't.contractId')
    .select([
      't.contractId',
      't.id',
      't.name',
      't.scopes',
      't.createdByStaffId',
      't.createdByAccountId',
      't.lastUsedAt',
      'c.plan',
    ])
    .where('t.contractId', '=', entry.contractId)
    .where('t.tokenHash', '=', tokenHash)
    .where('t.deletedAt', 'is', null)
    .where((eb) => eb.or([eb('t.expiresAt', 'is', null), eb('t.expiresAt', '>', now)]))
    .executeTakeFirst();
}

/** Records a token's use (at most every minute, by the caller). */
export async function touchApiToken(db: Db, contractId: string, id: number, now: Date) {
  await db
    .updateTable('apiTokens')
    .set({ lastUsedAt: now })
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .execute();
}
