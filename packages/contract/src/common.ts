import { errorCatalog } from '@timecard/domain';
import { z } from 'zod';

const ERROR_CODES = Object.keys(errorCatalog) as [
  keyof typeof errorCatalog,
  ...(keyof typeof errorCatalog)[],
];

/** The one error format of every route (architecture.md): the message in the caller's language. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      fields: z
        .record(z.string(), z.object({ code: z.enum(ERROR_CODES), message: z.string() }))
        .optional()
        .meta({ description: 'Per-field errors of a 400, keyed by the field path (`offices.0.officeId`).' }),
      feature: z.string().optional().meta({ description: 'plan_required: the capability asked for.' }),
      plan: z.string().optional().meta({ description: 'plan_required: the lowest plan that has it.' }),
    }),
  })
  .meta({
    id: 'ErrorBody',
    description: 'Every error answer. `code` is stable; `message` follows Accept-Language (ja default).',
    examples: [
      {
        error: {
          code: 'validation_failed',
          message: '入力内容に誤りがあります。各項目をご確認ください。',
          fields: { name: { code: 'name_required', message: '名前を入力してください。' } },
        },
      },
    ],
  });
export type ErrorBody = z.output<typeof ErrorBodySchema>;

/** A numeric id in a path (`/staff/{id}`); anything else is answered 404, like another contract's id. */
export const IdSchema = z.coerce
  .number()
  .int()
  .positive()
  .max(2_147_483_647)
  .meta({ description: 'A numeric id, unique within the contract.', example: 1 });

export const IdParamsSchema = z.object({ id: IdSchema });

/** `?cursor=&limit=` (architecture.md: at most 200, sorted stably). */
export const PageQuerySchema = z.object({
  cursor: z.string().max(200).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'At most 200 (default 50).' }),
});

/** A page of a list: `nextCursor` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

export const MessageSchema = z
  .object({ message: z.string() })
  .meta({ id: 'Message', description: 'A confirmation in the caller’s language.' });
