import { QueryIdSchema, queryIntegerSchema, textSchema } from '@timecard/domain';
import { z } from 'zod';
import { defineRoute } from '../route.ts';

// The dev mailbox: mail kept when SMTP_URL is unset. Registered only outside production without
// SMTP_URL, and it answers only a browser on the server's own machine (anyone else: 404).

export const KeptMailSchema = z
  .object({
    id: z.number().int(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    status: z.enum(['pending', 'sent', 'failed', 'kept']),
    createdAt: z.string(),
  })
  .meta({ id: 'KeptMail' });

const DESCRIPTION =
  'Development only: present when NODE_ENV is not production and SMTP_URL is unset, and only for requests from the server’s own machine (404 otherwise).';

export const devRoutes = {
  mailbox: defineRoute({
    id: 'dev.mailbox',
    method: 'GET',
    path: '/dev/mailbox',
    summary: 'Mail kept in the outbox, newest first (development)',
    description: DESCRIPTION,
    tag: 'dev',
    auth: ['public'],
    query: z.object({
      to: textSchema().min(1).max(254).optional(),
      limit: queryIntegerSchema(1, 200).default(50),
    }),
    status: [200],
    response: z.object({ mails: z.array(KeptMailSchema) }),
  }),
  mail: defineRoute({
    id: 'dev.mail',
    method: 'GET',
    path: '/dev/mailbox/{id}',
    summary: 'One kept mail (development)',
    description: DESCRIPTION,
    tag: 'dev',
    auth: ['public'],
    params: z.object({ id: QueryIdSchema }),
    status: [200],
    response: KeptMailSchema,
  }),
} as const;
