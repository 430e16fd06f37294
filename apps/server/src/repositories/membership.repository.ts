import type { Db, Tx } from '../db/database.ts';

/**
 * Every contract an account is a verified, active member of, with its スタッフの状態. This is the one
 * query that reads staff across contracts on purpose: login happens before a contract is chosen.
 */
export async function listMemberships(db: Db | Tx, accountId: number) {
  return db
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
    .where('s.accountId', '=', accountId)
    .where('s.verifiedAt', 'is not', null)
    .where('s.usage', '=', 'active')
    .orderBy('c.name')
    .orderBy('s.contractId')
    .execute();
}
export type Membership = Awaited<ReturnType<typeof listMemberships>>[number];
