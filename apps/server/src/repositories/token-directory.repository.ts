import type { Db, Tx } from '../db/database.ts';

/**
 * token_directory: which contract a terminal's or an API token's hash belongs to. A global table
 * (a Citus reference table): a request names its token before it names a contract, and the
 * terminal or token row is then read within that contract (a router query, ADR 020).
 */
export async function registerToken(
  trx: Tx,
  entry: { tokenHash: Buffer; contractId: string; kind: 'terminal' | 'api_token' },
): Promise<void> {
  await trx.insertInto('tokenDirectory').values(entry).execute();
}

/** The contract of each known hash (a hash never changes contract, so callers may cache it). */
export async function contractsOfTokens(
  db: Db | Tx,
  kind: 'terminal' | 'api_token',
  tokenHashes: Buffer[],
): Promise<{ tokenHash: Buffer; contractId: string }[]> {
  if (tokenHashes.length === 0) return [];
  return db
    .selectFrom('tokenDirectory')
    .select(['tokenHash', 'contractId'])
    .where('tokenHash', 'in', tokenHashes)
    .where('kind', '=', kind)
    .execute();
}
