import { DateSchema, PUNCH_TYPES, QueryIdSchema, queryIntegerSchema } from '@timecard/domain';
import { z } from 'zod';
import { IdParamsSchema } from '../common.ts';
import { defineRoute } from '../route.ts';

export const PunchItemSchema = z
  .object({
    id: z.number().int(),
    staffId: z.number().int(),
    staffCode: z.string().nullable(),
    officeId: z.number().int().nullable(),
    type: z.enum(PUNCH_TYPES),
    punchedAt: z
      .string()
      .meta({ description: 'ISO 8601 with the contract’s offset', example: '2026-11-02T09:00:00+09:00' }),
    workDate: z.string(),
    source: z.string().meta({ description: 'web_clock, app, personal, import or admin' }),
    corrected: z.boolean().meta({ description: 'This is a corrected version of an earlier punch.' }),
  })
  .meta({
    id: 'PunchItem',
    description: 'An effective punch (the latest version; deleted punches are left out).',
  });

/** The public punch list (issue 14), for programs with an API token (`punches:read`). */
export const punchRoutes = {
  list: defineRoute({
    id: 'punches.list',
    method: 'GET',
    path: '/punches',
    summary: 'The effective punches of a period (work dates), oldest first, paged by cursor',
    description: 'At most 93 days per request; `nextCursor` is null on the last page.',
    tag: 'punches',
    auth: ['console', 'token'],
    scope: 'punches:read',
    query: z.object({
      from: DateSchema,
      to: DateSchema,
      staffId: QueryIdSchema.optional(),
      cursor: QueryIdSchema.optional().meta({ description: 'The `nextCursor` of the previous page' }),
      limit: queryIntegerSchema(1, 200).default(100),
    }),
    status: [200],
    response: z.object({ items: z.array(PunchItemSchema), nextCursor: z.number().int().nullable() }),
    errors: ['forbidden', 'validation_failed', 'api_token_scope_missing'],
  }),
  photo: defineRoute({
    id: 'punches.photo',
    method: 'GET',
    path: '/punches/{id}/photo',
    summary: 'The photo taken with a punch (JPEG)',
    description:
      'For the person punched and those with 実績 閲覧 on the punch’s office; each viewing is written to the 操作ログ. ' +
      'Photos are kept for the contract’s retention (default 90 days). 404 when there is none or it may not be seen.',
    tag: 'punches',
    auth: ['console'],
    feature: 'punch_photo_gps',
    params: IdParamsSchema,
    status: [200],
    produces: 'image/jpeg',
    errors: ['not_found'],
  }),
} as const;
