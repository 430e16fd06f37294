import type { Db, Tx } from '../db/database.ts';

export async function findAccountByEmail(db: Db | Tx, email: string) {
  return db.selectFrom('accounts').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export interface NewAccount {
  email: string;
  name: string;
  passwordHash: string | null;
  verified: boolean;
}

export async function insertAccount(trx: Tx, account: NewAccount) {
  const now = new Date();
  return trx
    .insertInto('accounts')
    .values({
      email: account.email.toLowerCase(),
      name: account.name,
      passwordHash: account.passwordHash,
      emailVerifiedAt: account.verified ? now : null,
      passwordChangedAt: account.passwordHash ? now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
