import {
  AppError,
  MAX_WEBHOOK_ENDPOINTS,
  WEBHOOK_EVENT_TYPES,
  WebhookEndpointInputSchema,
} from '@timecard/domain';
import { withTenant } from '../db/database.ts';
import { type Actor, requireAdmin } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  countEndpointsLocked,
  deleteEndpoint,
  enableEndpoint,
  findDelivery,
  findEndpoint,
  insertEndpoint,
  insertRedelivery,
  listDeliveries,
  listEndpoints,
} from '../repositories/webhook.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { parseOrThrow } from './validation.ts';
import { newWebhookSecret } from './webhook-signature.ts';
import { NO_ALLOWED_HOSTS, parseWebhookUrl, resolveWebhookTarget } from './webhook-target.ts';

// 設定 > API連携 › Webhook and /api/v1/webhooks (issue 14, ADR 021): administrators, or API tokens
// with webhooks:read / webhooks:write (which act as their maker, an administrator).

const clock = (ctx: AuthContext) => (ctx.now ? ctx.now() : new Date());
const iso = (value: Date | null) => value?.toISOString() ?? null;

function presentEndpoint(row: {
  id: number;
  url: string;
  events: string[];
  state: 'active' | 'disabled';
  consecutiveFailures: number;
  disabledAt: Date | null;
  createdAt: Date;
}) {
  return {
    id: row.id,
    url: row.url,
    events: row.events as (typeof WEBHOOK_EVENT_TYPES)[number][],
    state: row.state,
    consecutiveFailures: row.consecutiveFailures,
    disabledAt: iso(row.disabledAt),
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * Adds an endpoint: the URL must be http(s) and reach no private, loopback or link-local address
 * (unless WEBHOOK_ALLOW_HOSTS allows it); the signing secret is in this answer only.
 */
export async function createWebhookForActor(ctx: AuthContext, actor: Actor, input: unknown) {
  requireAdmin(actor);
  const result = WebhookEndpointInputSchema.safeParse(input);
  if (!result.success && result.error.issues.some((i) => i.message === 'webhook_events_invalid')) {
    const events = WEBHOOK_EVENT_TYPES.join(', ');
    throw new AppError(
      'webhook_events_invalid',
      { events },
      { events: 'webhook_events_invalid' },
      {
        events: { events },
      },
    );
  }
  const data = parseOrThrow(WebhookEndpointInputSchema, input);
  const target = parseWebhookUrl(data.url);
  await resolveWebhookTarget(target, ctx.webhookAllowList ?? NO_ALLOWED_HOSTS);
  const secret = newWebhookSecret();
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    if ((await countEndpointsLocked(trx, actor.contractId)) >= MAX_WEBHOOK_ENDPOINTS) {
      throw new AppError('webhook_limit_reached', { limit: MAX_WEBHOOK_ENDPOINTS });
    }
    const row = await insertEndpoint(trx, actor.contractId, {
      url: target.url.href,
      events: [...new Set(data.events)],
      secret,
      createdByStaffId: actor.staffId || null,
      createdByAccountId: actor.accountId || null,
    });
    await appendAudit(trx, actor.contractId, {
      action: 'webhook.created',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `webhook:${row.id}`,
      details: { url: row.url, events: row.events },
    });
    return { ...presentEndpoint(row), secret };
  });
}

export async function listWebhooksForActor(ctx: AuthContext, actor: Actor) {
  requireAdmin(actor);
  const rows = await withTenant(ctx.db, actor.contractId, (trx) => listEndpoints(trx, actor.contractId));
  return { items: rows.map(presentEndpoint) };
}

/** 【削除】: nothing more is sent; pending deliveries end as failed; the log stays. */
export async function deleteWebhookForActor(ctx: AuthContext, actor: Actor, id: number) {
  requireAdmin(actor);
  await withTenant(ctx.db, actor.contractId, async (trx) => {
    const endpoint = await findEndpoint(trx, actor.contractId, id);
    if (!endpoint || !(await deleteEndpoint(trx, actor.contractId, id, clock(ctx)))) {
      throw new AppError('not_found');
    }
    await appendAudit(trx, actor.contractId, {
      action: 'webhook.deleted',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `webhook:${id}`,
      details: { url: endpoint.url },
    });
  });
}

/** The delivery log of an endpoint, newest first (`cursor`: the last id seen). */
export async function listWebhookDeliveriesForActor(
  ctx: AuthContext,
  actor: Actor,
  endpointId: number,
  query: { cursor?: number | undefined; limit: number },
) {
  requireAdmin(actor);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    if (!(await findEndpoint(trx, actor.contractId, endpointId))) throw new AppError('not_found');
    const rows = await listDeliveries(trx, actor.contractId, endpointId, {
      beforeId: query.cursor,
      limit: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return {
      items: page.map((row) => ({
        id: row.id,
        eventId: row.eventId,
        eventType: row.eventType as (typeof WEBHOOK_EVENT_TYPES)[number],
        status: row.status,
        attempts: row.attempts,
        lastStatusCode: row.lastStatusCode,
        lastError: row.lastError,
        lastAttemptAt: iso(row.lastAttemptAt),
        nextAttemptAt: row.status === 'pending' ? iso(row.nextAttemptAt) : null,
        deliveredAt: iso(row.deliveredAt),
        redeliveryOf: row.redeliveryOf,
        createdAt: row.createdAt.toISOString(),
      })),
      nextCursor: rows.length > query.limit ? page.at(-1)!.id : null,
    };
  });
}

/**
 * 【再送】: the same event (same event id) sent again to the same endpoint, as a new delivery. On an
 * endpoint turned off after failing, it turns it on again: the administrator fixed the receiver.
 */
export async function redeliverForActor(ctx: AuthContext, actor: Actor, deliveryId: number) {
  requireAdmin(actor);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const delivery = await findDelivery(trx, actor.contractId, deliveryId);
    if (!delivery || delivery.deletedAt) throw new AppError('not_found');
    const enabled =
      delivery.state === 'disabled' && (await enableEndpoint(trx, actor.contractId, delivery.endpointId));
    const row = await insertRedelivery(trx, actor.contractId, delivery, clock(ctx));
    await appendAudit(trx, actor.contractId, {
      action: 'webhook.redelivered',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `webhook:${delivery.endpointId}`,
      details: { delivery: deliveryId, redelivery: row.id, ...(enabled ? { enabled: true } : {}) },
    });
    return { id: row.id };
  });
}
