import type { Db } from '../db/database.ts';

/** The newest queued mail to an address (tests read the outbox the worker would deliver). */
export async function lastMailTo(db: Db, to: string) {
  return db
    .selectFrom('mailOutbox')
    .select(['subject', 'bodyText', 'contractId'])
    .where('toAddress', '=', to)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The token of the first link to `path` in a mail body, e.g. /admin/verify/<token>. */
export function linkToken(body: string, path: string): string {
  const match = new RegExp(`${path.replaceAll('/', '\\/')}/([A-Za-z0-9_-]+)`).exec(body);
  if (!match) throw new Error(`no ${path} link in:\n${body}`);
  return match[1]!;
}

export async function countMailsTo(db: Db, to: string): Promise<number> {
  const row = await db
    .selectFrom('mailOutbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('toAddress', '=', to)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
