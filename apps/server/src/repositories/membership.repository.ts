import type { Db, Tx } from '../db/database.ts';

/**
 * Every contract an account is a verified, active member of, with its スタッフの状態. Login happens
 * before a contract is chosen: account_memberships (a global table) names the contracts, and the
 * staff row is read within each (router queries, ADR 020).
 */
export async function listMemberships(db: Db | Tx, accountId: number) {
  const contracts = await db
    .selectFrom('accountMemberships')
    .select('contractId')
    .where('accountId', '=', accountId)
    .execute();
  const rows = await Promise.all(
    contracts.map(({ contractId }) =>
      db
        .selectFrom('staff as s')
        .innerJoin('contracts as c', 'c.id', 's.contractId')
        .select([
          's.contractId',
          's.id as staffId',
          's.loginStatus',
          's.isAdmin',
          'c.name as contractName',
          'c.plan',
        ])
        .where('s.contractId', '=', contractId)
        .where('s.accountId', '=', accountId)
        .where('s.verifiedAt', 'is not', null)
        .where('s.usage', '=', 'active')
        .execute(),
    ),
  );
  return rows
    .flat()
    .sort(
      (a, b) =>
        compareText(a.contractName, b.contractName) ||
        compareText(a.contractId, b.contractId) ||
        a.staffId - b.staffId,
    );
}
export type Membership = Awaited<ReturnType<typeof listMemberships>>[number];

/** The database's order of text (C collation, byte order): the order the list had as one query. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
