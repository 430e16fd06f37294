import { PUNCH_TYPES } from '@timecard/domain';
import { z } from 'zod';
import { IdParamsSchema } from '../common.ts';
import { defineRoute } from '../route.ts';

export const HeldPunchSchema = z
  .object({
    id: z.number().int(),
    staffId: z.number().int(),
    staffName: z.string(),
    staffCode: z.string().nullable(),
    type: z.enum(PUNCH_TYPES),
    at: z
      .string()
      .meta({ description: 'YYYY-MM-DDTHH:mm in the contract’s zone', example: '2026-11-30T18:02' }),
    workDate: z.string(),
    source: z.string(),
    receivedAt: z.string(),
    periodClosed: z
      .boolean()
      .meta({ description: 'Its period is still closed: reopen it to take the punch in.' }),
  })
  .meta({
    id: 'HeldPunch',
    description: 'A punch that arrived for a closed period (締め済み), kept for an administrator.',
  });

/** 締め済みの期間に届いた打刻 (issue 11 §4): never written into a closed period, never lost. */
export const heldPunchRoutes = {
  list: defineRoute({
    id: 'heldPunches.list',
    method: 'GET',
    path: '/held-punches',
    summary: 'Punches that arrived for a closed period, waiting for an administrator',
    tag: 'timecards',
    auth: ['console'],
    status: [200],
    response: z.object({ items: z.array(HeldPunchSchema) }),
    errors: ['forbidden'],
  }),
  accept: defineRoute({
    id: 'heldPunches.accept',
    method: 'POST',
    path: '/held-punches/{id}/accept',
    summary: 'Take a held punch into the timecard (its period must be reopened first)',
    tag: 'timecards',
    auth: ['console'],
    params: IdParamsSchema,
    status: [200],
    response: z.object({ id: z.number().int().nullable() }),
    errors: ['forbidden', 'not_found', 'period_locked'],
  }),
  discard: defineRoute({
    id: 'heldPunches.discard',
    method: 'POST',
    path: '/held-punches/{id}/discard',
    summary: 'Discard a held punch (kept, marked, for the record)',
    tag: 'timecards',
    auth: ['console'],
    params: IdParamsSchema,
    status: [204],
    errors: ['forbidden', 'not_found'],
  }),
} as const;
