import {
  QueryIdSchema,
  queryIntegerSchema,
  WEBHOOK_EVENT_TYPES,
  WebhookEndpointInputSchema,
} from '@timecard/domain';
import { z } from 'zod';
import { IdParamsSchema } from '../common.ts';
import { defineRoute } from '../route.ts';

const EventType = z.enum(WEBHOOK_EVENT_TYPES);

export const WebhookEndpointSchema = z
  .object({
    id: z.number().int(),
    url: z.string(),
    events: z.array(EventType),
    state: z.enum(['active', 'disabled']).meta({
      description:
        'disabled: turned off after its deliveries failed for 24 hours (administrators get a mail)',
    }),
    consecutiveFailures: z.number().int().meta({ description: 'Failed attempts since the last success' }),
    disabledAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'WebhookEndpoint' });

export const WebhookDeliverySchema = z
  .object({
    id: z.number().int(),
    eventId: z.string().meta({ description: 'The event’s id (`Timecard-Event-Id`), the same on every 再送' }),
    eventType: EventType,
    status: z.enum(['pending', 'delivered', 'failed']),
    attempts: z.number().int(),
    lastStatusCode: z.number().int().nullable().meta({ description: 'The HTTP status of the last attempt' }),
    lastError: z.string().nullable(),
    lastAttemptAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable().meta({ description: 'When a pending delivery is tried next' }),
    deliveredAt: z.string().nullable(),
    redeliveryOf: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'WebhookDelivery' });

const endpointExample = {
  id: 1,
  url: 'https://payroll.example.com/hooks/timecard',
  events: ['punch.created', 'timecard.closed'],
  state: 'active',
  consecutiveFailures: 0,
  disabledAt: null,
  createdAt: '2026-12-05T00:00:00.000Z',
};

/**
 * Webhooks (issue 14, エンタープライズ): signed notifications of punches, corrections, 締め and staff
 * changes, managed at 設定 > API連携 or by programs with an API token (`webhooks:read` /
 * `webhooks:write`). Deliveries are described in docs/webhooks.md.
 */
export const webhookRoutes = {
  list: defineRoute({
    id: 'webhooks.list',
    method: 'GET',
    path: '/webhooks',
    summary: 'The contract’s webhook endpoints with their state (administrators)',
    tag: 'webhooks',
    auth: ['console', 'token'],
    scope: 'webhooks:read',
    feature: 'webhooks',
    status: [200],
    response: z.object({ items: z.array(WebhookEndpointSchema) }),
    errors: ['forbidden', 'plan_required', 'api_token_scope_missing'],
    exampleResponse: { items: [endpointExample] },
  }),
  create: defineRoute({
    id: 'webhooks.create',
    method: 'POST',
    path: '/webhooks',
    summary: 'Add a webhook endpoint; the answer is the only time its signing secret is shown',
    description:
      'http or https only; a host resolving to a private, loopback or link-local address is refused unless the operator allows it (WEBHOOK_ALLOW_HOSTS). Every delivery carries `Timecard-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` and `Timecard-Event-Id`.',
    tag: 'webhooks',
    auth: ['console', 'token'],
    scope: 'webhooks:write',
    feature: 'webhooks',
    body: WebhookEndpointInputSchema,
    status: [201],
    response: WebhookEndpointSchema.extend({
      secret: z.string().meta({ description: 'The signing secret (whsec_…), shown once' }),
    }),
    errors: [
      'forbidden',
      'plan_required',
      'api_token_scope_missing',
      'webhook_url_invalid',
      'webhook_url_forbidden',
      'webhook_url_unresolvable',
      'webhook_events_invalid',
      'webhook_limit_reached',
    ],
    exampleBody: {
      url: 'https://payroll.example.com/hooks/timecard',
      events: ['punch.created', 'timecard.closed'],
    },
    exampleResponse: { ...endpointExample, secret: 'whsec_…' },
  }),
  delete: defineRoute({
    id: 'webhooks.delete',
    method: 'DELETE',
    path: '/webhooks/{id}',
    summary: 'Delete a webhook endpoint: nothing more is sent to it',
    tag: 'webhooks',
    auth: ['console', 'token'],
    scope: 'webhooks:write',
    feature: 'webhooks',
    params: IdParamsSchema,
    status: [204],
    errors: ['forbidden', 'plan_required', 'api_token_scope_missing', 'not_found'],
  }),
  deliveries: defineRoute({
    id: 'webhooks.deliveries',
    method: 'GET',
    path: '/webhooks/{id}/deliveries',
    summary: 'The delivery log of an endpoint, newest first, with each last status code',
    tag: 'webhooks',
    auth: ['console', 'token'],
    scope: 'webhooks:read',
    feature: 'webhooks',
    params: IdParamsSchema,
    query: z.object({
      cursor: QueryIdSchema.optional().meta({ description: 'The `nextCursor` of the previous page' }),
      limit: queryIntegerSchema(1, 200).default(50),
    }),
    status: [200],
    response: z.object({ items: z.array(WebhookDeliverySchema), nextCursor: z.number().int().nullable() }),
    errors: ['forbidden', 'plan_required', 'api_token_scope_missing', 'not_found'],
  }),
  redeliver: defineRoute({
    id: 'webhooks.redeliver',
    method: 'POST',
    path: '/webhook-deliveries/{id}/redeliver',
    summary: 'Send a delivery’s event again (【再送】): a new delivery with the same event id',
    description: 'On a disabled endpoint this turns it on again (its failure count starts over).',
    tag: 'webhooks',
    auth: ['console', 'token'],
    scope: 'webhooks:write',
    feature: 'webhooks',
    params: IdParamsSchema,
    status: [201],
    response: z.object({ id: z.number().int() }),
    errors: ['forbidden', 'plan_required', 'api_token_scope_missing', 'not_found'],
  }),
} as const;

/**
 * The body of a webhook delivery (docs/webhooks.md): one event. `data` depends on the type; the
 * OpenAPI document lists each type under `webhooks`.
 */
export const WebhookEventSchema = z
  .object({
    id: z
      .string()
      .meta({ description: 'evt_…, the same on every attempt and 再送 (also `Timecard-Event-Id`)' }),
    type: EventType,
    createdAt: z.string().meta({ description: 'When the change happened (ISO 8601, UTC)' }),
    contractId: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ description: 'One event, as POSTed to an endpoint' });

/** What each event's `data` holds, in words (docs/webhooks.md has the full table). */
export const webhookEventData: Record<(typeof WEBHOOK_EVENT_TYPES)[number], string> = {
  'punch.created': '`{ punch: { id, staffId, officeId, type, punchedAt, workDate, deviceAt, source } }`',
  'punch.corrected':
    "`{ action: 'added' | 'changed' | 'deleted', punch: { …, deleted }, supersedes: id | null, reason }`",
  'timecard.closed': '`{ period: { from, to } }`',
  'timecard.reopened': '`{ period: { from, to } }`',
  'staff.created': '`{ staff: Staff }`',
  'staff.updated': '`{ staff: Staff, changed: string[] }`',
  'leave.recorded':
    '`{ leave: { id, staffId, date, leaveTypeId, leaveTypeName, unit, hours, reason, requestId } }`',
  'leave.deleted': '`{ leave: { id, staffId, date, unit } }`',
  'request.created':
    '`{ request: { id, kind, status, step, steps, staff, office, dateFrom, dateTo, reason, body } }`',
  'request.decided':
    "`{ request: { …, status }, action: 'approve' | 'reject' | 'return' | 'cancel' | 'reopen', comment }`",
};
