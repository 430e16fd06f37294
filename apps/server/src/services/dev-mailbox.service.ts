import { AppError, QueryIdSchema, queryIntegerSchema, textSchema } from '@timecard/domain';
import { z } from 'zod';
import type { Db } from '../db/database.ts';
import { findMail, listMailbox, type OutboxMail } from '../repositories/mail-outbox.repository.ts';
import { parseOrThrow } from './validation.ts';

const MailboxQuerySchema = z.object({
  to: textSchema().min(1).max(254).optional(),
  limit: queryIntegerSchema(1, 200).default(50),
});

const MailIdSchema = z.object({ id: QueryIdSchema });

/**
 * The dev mailbox: mail kept in the outbox when SMTP_URL is unset. A developer's tool with no
 * contract to scope by: the route lets only a browser on the server's own machine in (issue 12 §3).
 */
export async function listKeptMail(
  db: Db,
  query: unknown,
): Promise<{ mails: OutboxMail[]; to: string | undefined }> {
  const options = parseOrThrow(MailboxQuerySchema, query);
  return { mails: await listMailbox(db, options), to: options.to };
}

export async function findKeptMail(db: Db, params: unknown): Promise<OutboxMail> {
  const { id } = parseOrThrow(MailIdSchema, params);
  const mail = await findMail(db, id);
  if (!mail) throw new AppError('not_found');
  return mail;
}
