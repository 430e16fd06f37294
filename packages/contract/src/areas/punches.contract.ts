import { DateSchema, IdSchema, PUNCH_TYPES, QueryIdSchema, queryIntegerSchema } from '@timecard/domain';
import { z } from 'zod';
import { IdParamsSchema } from '../common.ts';
import { defineRoute } from '../route.ts';
import { PunchBodySchema, PunchHeadersSchema, PunchResultSchema } from './punching.contract.ts';

/**
 * POST /punches (issue 14): a punch recorded by another program — a clock device, a door system —
 * for one person, named by id or by スタッフコード. The punch body's shared fields come from
 * `PunchBodySchema`; `at` replaces the device clock (the time of the punch, at most 7 days ago).
 */
// Photos and positions come from the three punching screens (issue 20), not from programs.
export const ApiPunchBodySchema = PunchBodySchema.omit({ deviceTime: true, photo: true, location: true })
  .extend({
    staffId: IdSchema.optional(),
    staffCode: z.string().trim().min(1).max(50).optional().meta({ description: 'スタッフコード' }),
    officeId: IdSchema.optional().meta({ description: 'One of the person’s offices; default their first' }),
    at: z.iso.datetime({ offset: true, message: 'punch_at_out_of_range' }).optional().meta({
      description:
        'When the punch happened (ISO 8601 with offset), at most 7 days ago and not in the future; default now. Recorded on the server’s clock as now minus the punch’s age.',
      example: '2026-11-28T09:00:00+09:00',
    }),
  })
  .strict()
  .refine((body) => (body.staffId === undefined) !== (body.staffCode === undefined), {
    message: 'punch_staff_required',
    path: ['staffId'],
  });
export type ApiPunchBody = z.output<typeof ApiPunchBodySchema>;

/** 打刻写真の保存期間 (issue 20): whole days, 1 to 3650; 90 until set. */
export const PhotoRetentionSchema = z
  .object({ days: z.number({ message: 'validation_failed' }).int().min(1).max(3650) })
  .strict()
  .meta({ id: 'PhotoRetention' });

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
  photoRetention: defineRoute({
    id: 'punches.photoRetention',
    method: 'GET',
    path: '/settings/photo-retention',
    summary: 'How many days punch photos are kept (administrators)',
    tag: 'punches',
    auth: ['console'],
    feature: 'punch_photo_gps',
    status: [200],
    response: PhotoRetentionSchema,
    errors: ['forbidden'],
    exampleResponse: { days: 90 },
  }),
  setPhotoRetention: defineRoute({
    id: 'punches.setPhotoRetention',
    method: 'PUT',
    path: '/settings/photo-retention',
    summary: 'Change how many days punch photos are kept (administrators)',
    description:
      'Photos older than this are deleted by the purge job (hourly, on every server process, each photo once). Recorded in the 操作ログ.',
    tag: 'punches',
    auth: ['console'],
    feature: 'punch_photo_gps',
    body: PhotoRetentionSchema,
    status: [200],
    response: PhotoRetentionSchema,
    errors: ['forbidden'],
    exampleBody: { days: 30 },
    exampleResponse: { days: 30 },
  }),
  create: defineRoute({
    id: 'punches.create',
    method: 'POST',
    path: '/punches',
    summary: 'Record a punch for a person (once per Idempotency-Key)',
    description:
      'For programs with `punches:write` and administrators. The same checks as a terminal (the punch state machine, 利用しない staff, a closed period holds the punch). The same `Idempotency-Key` answers with the first result (200, `replayed: true`) and never records twice; the key reused with a different body is 409 `idempotency_key_reused`. Recorded in the 操作ログ.',
    tag: 'punches',
    auth: ['console', 'token'],
    scope: 'punches:write',
    headers: PunchHeadersSchema.pick({ 'idempotency-key': true }),
    body: ApiPunchBodySchema,
    status: [201, 200],
    response: PunchResultSchema,
    errors: [
      'forbidden',
      'api_token_scope_missing',
      'idempotency_key_invalid',
      'idempotency_key_reused',
      'punch_staff_required',
      'punch_at_out_of_range',
      'punch_invalid_state',
      'punch_type_invalid',
      'staff_not_found',
      'staff_not_in_use',
      'office_not_found',
      'punch_busy',
    ],
    exampleBody: { staffCode: 'A-007', type: 'clock_in', at: '2026-11-28T09:00:00+09:00' },
    exampleResponse: {
      punch: {
        id: 42,
        staffId: 7,
        type: 'clock_in',
        punchedAt: '2026-11-28T09:00:00+09:00',
        workDate: '2026-11-28',
        deviceAt: '2026-11-28T09:00:00+09:00',
      },
      status: { state: 'working', allowed: ['clock_out', 'break_start'], missingClockOut: false },
      replayed: false,
    },
  }),
} as const;
