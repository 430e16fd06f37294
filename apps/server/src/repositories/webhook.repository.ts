import { sql } from 'kysely';
import { crossTenant } from '../db/cross-tenant.ts';
import type { Db, Tx } from '../db/database.ts';

// Webhooks (issue 14, ADR 021): endpoints, the event outbox and the deliveries. Every statement names
// one contract, but for findContractsWithDueDeliveries, the worker's one look across contracts.

const ENDPOINT_LISTED = [
  'id',
  'url',
  'events',
  'state',
  'consecutiveFailures',
  'disabledAt',
  'createdAt',
] as const;

export interface NewWebhookEvent {
  publicId: string;
  type: string;
  body: string;
}

/**
 * Writes events into the outbox, in the caller's transaction, with one pending delivery per
 * active endpoint subscribed to each event's type; an event nobody subscribes to is not written.
 * One statement, whatever the number of events (the punch path writes a batch at once).
 */
export async function insertWebhookEvents(
  trx: Tx,
  contractId: string,
  events: readonly NewWebhookEvent[],
): Promise<number> {
  if (events.length === 0) return 0;
  const result = await sql<{ count: number }>`
    WITH subscribed AS (
      SELECT e.id, e.events FROM webhook_endpoints e
       WHERE e.contract_id = ${contractId} AND e.state = 'active' AND e.deleted_at IS NULL),
    incoming AS (
      SELECT * FROM unnest(${events.map((e) => e.publicId)}::text[], ${events.map((e) => e.type)}::text[],
                           ${events.map((e) => e.body)}::text[]) WITH ORDINALITY AS i (public_id, type, body, ord)
       WHERE EXISTS (SELECT 1 FROM subscribed s WHERE i.type = ANY (s.events))),
    written AS (
      INSERT INTO webhook_events (contract_id, public_id, type, body)
      SELECT ${contractId}, i.public_id, i.type, i.body FROM incoming i ORDER BY i.ord
      RETURNING id, type),
    deliveries AS (
      INSERT INTO webhook_deliveries (contract_id, endpoint_id, event_id)
      SELECT ${contractId}, s.id, w.id FROM written w JOIN subscribed s ON w.type = ANY (s.events)
      ORDER BY w.id, s.id
      RETURNING id)
    SELECT count(*)::int AS count FROM deliveries`.execute(trx);
  return result.rows[0]?.count ?? 0;
}

export async function insertEndpoint(
  trx: Tx,
  contractId: string,
  endpoint: {
    url: string;
    events: string[];
    secret: string;
    createdByStaffId: number | null;
    createdByAccountId: number | null;
  },
) {
  return trx
    .insertInto('webhookEndpoints')
    .values({ contractId, ...endpoint })
    .returning(ENDPOINT_LISTED)
    .executeTakeFirstOrThrow();
}

/**
 * The live endpoints of a contract, counted under a lock held to the end of the transaction, so
 * that two concurrent additions cannot both pass the limit.
 */
export async function countEndpointsLocked(trx: Tx, contractId: string): Promise<number> {
  await sql`select pg_advisory_xact_lock(hashtext(${`webhooks:${contractId}`}))`.execute(trx);
  const row = await trx
    .selectFrom('webhookEndpoints')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('contractId', '=', contractId)
    .where('deletedAt', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function listEndpoints(trx: Tx, contractId: string) {
  return trx
    .selectFrom('webhookEndpoints')
    .select(ENDPOINT_LISTED)
    .where('contractId', '=', contractId)
    .where('deletedAt', 'is', null)
    .orderBy('id')
    .execute();
}

export async function findEndpoint(trx: Tx, contractId: string, id: number) {
  return trx
    .selectFrom('webhookEndpoints')
    .select([...ENDPOINT_LISTED, 'deletedAt'])
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
}

/**
 * Deletes an endpoint (the row stays for the delivery log and the 操作ログ); its pending deliveries
 * end as failed. False when there was no such live endpoint.
 */
export async function deleteEndpoint(trx: Tx, contractId: string, id: number, now: Date): Promise<boolean> {
  const result = await trx
    .updateTable('webhookEndpoints')
    .set({ deletedAt: now })
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await failPendingDeliveries(trx, contractId, id, 'endpoint deleted');
  return true;
}

async function failPendingDeliveries(trx: Tx, contractId: string, endpointId: number, reason: string) {
  await trx
    .updateTable('webhookDeliveries')
    .set({ status: 'failed', lastError: reason })
    .where('contractId', '=', contractId)
    .where('endpointId', '=', endpointId)
    .where('status', '=', 'pending')
    .execute();
}

/** An endpoint's deliveries, newest first, with their event; `beforeId` pages on. */
export async function listDeliveries(
  trx: Tx,
  contractId: string,
  endpointId: number,
  page: { beforeId?: number | undefined; limit: number },
) {
  let query = trx
    .selectFrom('webhookDeliveries as d')
    .innerJoin('webhookEvents as e', (join) =>
      join.onRef('e.contractId', '=', 'd.contractId').onRef('e.id', '=', 'd.eventId'),
    )
    .select([
      'd.id',
      'e.publicId as eventId',
      'e.type as eventType',
      'd.status',
      'd.attempts',
      'd.lastStatusCode',
      'd.lastError',
      'd.lastAttemptAt',
      'd.nextAttemptAt',
      'd.deliveredAt',
      'd.redeliveryOf',
      'd.createdAt',
    ])
    .where('d.contractId', '=', contractId)
    .where('d.endpointId', '=', endpointId);
  if (page.beforeId !== undefined) query = query.where('d.id', '<', page.beforeId);
  return query.orderBy('d.id', 'desc').limit(page.limit).execute();
}

export async function findDelivery(trx: Tx, contractId: string, id: number) {
  return trx
    .selectFrom('webhookDeliveries as d')
    .innerJoin('webhookEndpoints as w', (join) =>
      join.onRef('w.contractId', '=', 'd.contractId').onRef('w.id', '=', 'd.endpointId'),
    )
    .select(['d.id', 'd.endpointId', 'd.eventId', 'w.state', 'w.deletedAt'])
    .where('d.contractId', '=', contractId)
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** A 再送: a new pending delivery of the same event to the same endpoint, due now. */
export async function insertRedelivery(
  trx: Tx,
  contractId: string,
  of: { id: number; endpointId: number; eventId: number },
  now: Date,
) {
  return trx
    .insertInto('webhookDeliveries')
    .values({
      contractId,
      endpointId: of.endpointId,
      eventId: of.eventId,
      redeliveryOf: of.id,
      nextAttemptAt: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

// ───────────────────────────── the delivery worker ─────────────────────────────

/**
 * The contracts with deliveries due at `now`, earliest first: the worker's one statement across
 * contracts (a read; each claim then names one contract). `contractIds` narrows it (tests on a
 * shared database).
 */
export async function findContractsWithDueDeliveries(
  db: Db,
  now: Date,
  options: { limit: number; contractIds?: readonly string[] | undefined },
): Promise<string[]> {
  if (options.contractIds && options.contractIds.length === 0) return [];
  let query = db
    .selectFrom('webhookDeliveries')
    .select('contractId')
    .where('status', '=', 'pending')
    .where('nextAttemptAt', '<=', now);
  if (options.contractIds) query = query.where('contractId', 'in', options.contractIds);
  const rows = await query
    .orderBy('nextAttemptAt')
    .limit(options.limit)
    .modifyEnd(crossTenant('job-claim'))
    .execute();
  return [...new Set(rows.map((r) => r.contractId))];
}

/** A claimed delivery with what sending it needs. */
export interface ClaimedDelivery {
  contractId: string;
  id: number;
  endpointId: number;
  attempts: number;
  createdAt: Date;
  url: string;
  secret: string;
  eventId: string;
  eventType: string;
  body: string;
}

/**
 * Takes up to `limit` due deliveries of one contract and leases them: `attempts` goes up and
 * `next_attempt_at` moves `leaseSeconds` ahead, so other workers skip them while this one sends,
 * and a worker that dies mid-send leaves them due again when the lease ends (at least once). One
 * autocommitted statement; SKIP LOCKED lets workers on several processes claim disjoint rows.
 */
export async function claimDueDeliveries(
  db: Db,
  contractId: string,
  options: { now: Date; limit: number; leaseSeconds: number },
): Promise<ClaimedDelivery[]> {
  const lease = new Date(options.now.getTime() + options.leaseSeconds * 1000);
  const result = await sql<ClaimedDelivery>`
    WITH due AS (
      SELECT d.id FROM webhook_deliveries d
       WHERE d.contract_id = ${contractId} AND d.status = 'pending' AND d.next_attempt_at <= ${options.now}
       ORDER BY d.next_attempt_at, d.id
       LIMIT ${options.limit}
       FOR UPDATE SKIP LOCKED)
    UPDATE webhook_deliveries d
       SET attempts = d.attempts + 1, next_attempt_at = ${lease}
      FROM due, webhook_endpoints w, webhook_events e
     WHERE d.contract_id = ${contractId} AND d.id = due.id
       AND w.contract_id = d.contract_id AND w.id = d.endpoint_id
       AND e.contract_id = d.contract_id AND e.id = d.event_id
    RETURNING d.contract_id, d.id, d.endpoint_id, d.attempts, d.created_at, w.url, w.secret,
              e.public_id AS event_id, e.type AS event_type, e.body`.execute(db);
  return result.rows.sort((a, b) => a.id - b.id);
}

/**
 * Records a 2xx: the delivery is done and its endpoint's failure streak ends. Only a pending
 * delivery changes (a delivery ended meanwhile, by a deletion, stays as it is).
 */
export async function markDelivered(
  trx: Tx,
  contractId: string,
  delivery: { id: number; endpointId: number },
  outcome: { statusCode: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('webhookDeliveries')
    .set({
      status: 'delivered',
      lastStatusCode: outcome.statusCode,
      lastError: null,
      lastAttemptAt: outcome.at,
      deliveredAt: outcome.at,
    })
    .where('contractId', '=', contractId)
    .where('id', '=', delivery.id)
    .where('status', '=', 'pending')
    .execute();
  await trx
    .updateTable('webhookEndpoints')
    .set({ consecutiveFailures: 0, failingSince: null })
    .where('contractId', '=', contractId)
    .where('id', '=', delivery.endpointId)
    .execute();
}

/**
 * Records a failed attempt: due again at `retryAt`, or failed when that is null. Only while the
 * claim is still this worker's (same attempt count, still pending): a worker whose lease ran out
 * never undoes another's later attempt. Answers whether it was recorded.
 */
export async function markAttemptFailed(
  trx: Tx,
  contractId: string,
  delivery: { id: number; attempts: number },
  outcome: { statusCode: number | null; error: string; at: Date; retryAt: Date | null },
): Promise<boolean> {
  const result = await trx
    .updateTable('webhookDeliveries')
    .set({
      lastStatusCode: outcome.statusCode,
      lastError: outcome.error.slice(0, 500),
      lastAttemptAt: outcome.at,
      ...(outcome.retryAt ? { nextAttemptAt: outcome.retryAt } : { status: 'failed' as const }),
    })
    .where('contractId', '=', contractId)
    .where('id', '=', delivery.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', delivery.attempts)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Counts a failed attempt against its endpoint; answers the streak (null: endpoint gone or off). */
export async function countEndpointFailure(trx: Tx, contractId: string, endpointId: number, at: Date) {
  return trx
    .updateTable('webhookEndpoints')
    .set((eb) => ({
      consecutiveFailures: eb('consecutiveFailures', '+', 1),
      failingSince: eb.fn.coalesce('failingSince', eb.val(at)),
    }))
    .where('contractId', '=', contractId)
    .where('id', '=', endpointId)
    .where('state', '=', 'active')
    .where('deletedAt', 'is', null)
    .returning(['consecutiveFailures', 'failingSince', 'url'])
    .executeTakeFirst();
}

/** Turns an endpoint off; its pending deliveries end as failed. False when it was already off. */
export async function disableEndpoint(trx: Tx, contractId: string, endpointId: number, at: Date) {
  const result = await trx
    .updateTable('webhookEndpoints')
    .set({ state: 'disabled', disabledAt: at })
    .where('contractId', '=', contractId)
    .where('id', '=', endpointId)
    .where('state', '=', 'active')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await failPendingDeliveries(trx, contractId, endpointId, 'endpoint disabled');
  return true;
}

/** Turns a disabled endpoint on again, its failure count reset. False when it was not disabled. */
export async function enableEndpoint(trx: Tx, contractId: string, endpointId: number): Promise<boolean> {
  const result = await trx
    .updateTable('webhookEndpoints')
    .set({ state: 'active', disabledAt: null, consecutiveFailures: 0, failingSince: null })
    .where('contractId', '=', contractId)
    .where('id', '=', endpointId)
    .where('state', '=', 'disabled')
    .where('deletedAt', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
