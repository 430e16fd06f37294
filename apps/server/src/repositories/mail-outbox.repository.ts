import { type ExpressionBuilder, type QueryCreator, type Selectable, sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';
import type { DB, MailOutboxTable } from '../db/schema.ts';

export interface OutgoingMail {
  contractId: string | null;
  to: string;
  subject: string;
  text: string;
}

/**
 * Queues a mail in the same transaction as the change that causes it, so that a mail is sent if
 * and only if that change commits (transactional outbox). The worker in jobs/ delivers it.
 */
export async function enqueueMail(trx: Tx | Db, mail: OutgoingMail): Promise<number> {
  const row = await trx
    .insertInto('mailOutbox')
    .values({ contractId: mail.contractId, toAddress: mail.to, subject: mail.subject, bodyText: mail.text })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'kept';

/** A row of the outbox, as the worker and the dev mailbox see it. */
export interface OutboxMail {
  id: number;
  contractId: string | null;
  to: string;
  subject: string;
  text: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/**
 * Narrows which mails a worker takes. Tests on a shared PostgreSQL database give each worker its
 * own recipients, so that one test file's worker never delivers another file's mail.
 */
export interface OutboxScope {
  contractIds?: readonly string[];
  /** e.g. `@t-1a2b.example.com`: only recipients whose address ends with it. */
  recipientSuffix?: string;
}

/**
 * Takes up to `limit` due pending mails and leases them: `attempts` goes up and `next_attempt_at`
 * moves `leaseSeconds` ahead, so another worker skips them while this one sends, and a worker that
 * dies mid-send leaves them to be retried when the lease ends (at-least-once delivery).
 *
 * One autocommitted statement, no transaction held while sending: PGlite runs one transaction at a
 * time, and SKIP LOCKED lets several PostgreSQL workers claim disjoint rows.
 */
export async function claimDueMails(
  db: Db,
  options: { limit: number; leaseSeconds: number; scope?: OutboxScope | undefined },
): Promise<OutboxMail[]> {
  const rows = await db
    .with('due', (qb) => dueMails(qb, options.limit, options.scope))
    .updateTable('mailOutbox')
    .from('due')
    .set((eb) => ({
      attempts: eb('mailOutbox.attempts', '+', 1),
      nextAttemptAt: sql<Date>`now() + make_interval(secs => ${options.leaseSeconds})`,
    }))
    .whereRef('mailOutbox.id', '=', 'due.id')
    .returningAll('mailOutbox')
    .execute();
  return rows.map(toOutboxMail).sort((a, b) => a.id - b.id);
}

/** The pending mails due now, oldest first, locked for this statement (others skip them). */
function dueMails(qb: QueryCreator<DB>, limit: number, scope: OutboxScope | undefined) {
  return qb
    .selectFrom('mailOutbox')
    .select('id')
    .where('status', '=', 'pending')
    .where('nextAttemptAt', '<=', sql<Date>`now()`)
    .where((eb) => scopeFilter(eb, scope))
    .orderBy('nextAttemptAt')
    .orderBy('id')
    .limit(limit)
    .forUpdate()
    .skipLocked();
}

/**
 * Marks due pending mails as kept (no SMTP_URL): they stay in the table for the dev mailbox.
 * Returns them so that the worker can log them.
 */
export async function keepDueMails(
  db: Db,
  options: { limit: number; scope?: OutboxScope | undefined },
): Promise<OutboxMail[]> {
  const rows = await db
    .with('due', (qb) => dueMails(qb, options.limit, options.scope))
    .updateTable('mailOutbox')
    .from('due')
    .set({ status: 'kept', lastError: null })
    .whereRef('mailOutbox.id', '=', 'due.id')
    .returningAll('mailOutbox')
    .execute();
  return rows.map(toOutboxMail).sort((a, b) => a.id - b.id);
}

/** Records a delivery the SMTP server accepted. */
export async function markMailSent(db: Db, id: number): Promise<void> {
  await db
    .updateTable('mailOutbox')
    .set({ status: 'sent', sentAt: sql<Date>`now()`, lastError: null })
    .where('id', '=', id)
    .execute();
}

/**
 * Records a failed attempt: the mail stays pending and is due again in `retryInSeconds`, or becomes
 * 'failed' when that is null (the caller gave up). Only a pending mail changes, so a late report
 * from a worker whose lease ran out never undoes another worker's delivery.
 */
export async function markMailFailed(
  db: Db,
  failure: { id: number; error: string; retryInSeconds: number | null },
): Promise<void> {
  const lastError = failure.error.slice(0, 2000);
  await db
    .updateTable('mailOutbox')
    .set(
      failure.retryInSeconds === null
        ? { status: 'failed', lastError }
        : {
            lastError,
            nextAttemptAt: sql<Date>`now() + make_interval(secs => ${failure.retryInSeconds})`,
          },
    )
    .where('id', '=', failure.id)
    .where('status', '=', 'pending')
    .execute();
}

/**
 * Makes pending or failed mails due now (an operator's "retry now" after an outage longer than
 * the retry schedule). Attempts are kept, so a failed mail gets one more try. Returns the count.
 */
export async function retryMailsNow(db: Db, ids: readonly number[]): Promise<number> {
  if (ids.length === 0) return 0;
  const result = await db
    .updateTable('mailOutbox')
    .set({ status: 'pending', nextAttemptAt: sql<Date>`now()` })
    .where('id', 'in', ids)
    .where('status', 'in', ['pending', 'failed'])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The newest mails first, for the dev mailbox; `to` narrows to one recipient. */
export async function listMailbox(
  db: Db,
  options: { limit: number; to?: string | undefined },
): Promise<OutboxMail[]> {
  let query = db.selectFrom('mailOutbox').selectAll().orderBy('id', 'desc').limit(options.limit);
  if (options.to !== undefined) query = query.where('toAddress', '=', options.to);
  return (await query.execute()).map(toOutboxMail);
}

export async function findMail(db: Db, id: number): Promise<OutboxMail | undefined> {
  const row = await db.selectFrom('mailOutbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toOutboxMail(row);
}

function scopeFilter(eb: ExpressionBuilder<DB, 'mailOutbox'>, scope: OutboxScope | undefined) {
  const conditions = [];
  if (scope?.contractIds) {
    // An empty list means "none": `in ()` is not valid SQL.
    conditions.push(scope.contractIds.length > 0 ? eb('contractId', 'in', scope.contractIds) : eb.val(false));
  }
  if (scope?.recipientSuffix !== undefined) {
    const suffix = scope.recipientSuffix;
    // right() instead of LIKE: a suffix's own % or _ must not act as a wildcard.
    conditions.push(
      eb(sql<string>`right(${eb.ref('toAddress')}, ${Array.from(suffix).length})`, '=', suffix),
    );
  }
  return eb.and(conditions);
}

function toOutboxMail(row: Selectable<MailOutboxTable>): OutboxMail {
  return {
    id: row.id,
    contractId: row.contractId,
    to: row.toAddress,
    subject: row.subject,
    text: row.bodyText,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  };
}
