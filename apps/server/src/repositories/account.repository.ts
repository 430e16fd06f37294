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

/** An account by the identifier typed at login: an e-mail (contains @) or an アカウントID. */
export async function findAccountByLogin(db: Db | Tx, login: string) {
  const value = login.trim();
  const query = db.selectFrom('accounts').selectAll();
  return value.includes('@')
    ? query.where('email', '=', value.toLowerCase()).executeTakeFirst()
    : query.where((eb) => eb(eb.fn('lower', ['loginId']), '=', value.toLowerCase())).executeTakeFirst();
}

export async function findAccountById(db: Db | Tx, id: number) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function loginIdTaken(db: Db | Tx, loginId: string, exceptAccountId: number): Promise<boolean> {
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['loginId']), '=', loginId.toLowerCase()))
    .where('id', '<>', exceptAccountId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function updateAccount(
  db: Db | Tx,
  id: number,
  changes: { passwordHash?: string; loginId?: string; emailVerified?: boolean; name?: string },
) {
  const now = new Date();
  await db
    .updateTable('accounts')
    .set({
      ...(changes.passwordHash ? { passwordHash: changes.passwordHash, passwordChangedAt: now } : {}),
      ...(changes.loginId ? { loginId: changes.loginId } : {}),
      ...(changes.emailVerified ? { emailVerifiedAt: now } : {}),
      ...(changes.name ? { name: changes.name } : {}),
      updatedAt: now,
    })
    .where('id', '=', id)
    .execute();
}
