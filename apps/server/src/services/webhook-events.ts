import { randomBytes } from 'node:crypto';
import type { WebhookEventType } from '@timecard/domain';
import type { Tx } from '../db/database.ts';
import { insertWebhookEvents } from '../repositories/webhook.repository.ts';

/** One event to emit: its type and what it tells (`data` of the payload). */
export interface WebhookEventInput {
  type: WebhookEventType;
  data: Record<string, unknown>;
}

/** A stable, unguessable event id: the receiver's de-duplication key (`Timecard-Event-Id`). */
export function newEventId(): string {
  return `evt_${randomBytes(16).toString('base64url')}`;
}

/**
 * Emits webhook events (issue 14, docs/webhooks.md) in the caller's transaction, so that an event
 * is sent if and only if the change it tells of commits (transactional outbox). Each active
 * endpoint subscribed to the type gets one delivery; with no subscriber nothing is written. Any area
 * calls it from its service, in the transaction of its change:
 *
 * @example
 *   await withTenant(db, contractId, async (trx) => {
 *     const row = await insertLeave(trx, contractId, leave);
 *     await emitEvent(trx, contractId, 'leave.approved', { leave: presentLeave(row) });
 *   });
 *
 * (A new type is added to WEBHOOK_EVENT_TYPES in packages/domain first.)
 */
export async function emitEvent(
  trx: Tx,
  contractId: string,
  type: WebhookEventType,
  data: Record<string, unknown>,
): Promise<void> {
  await emitEvents(trx, contractId, [{ type, data }]);
}

/** Several events at once, in one statement (a batch of punches). */
export async function emitEvents(
  trx: Tx,
  contractId: string,
  events: readonly WebhookEventInput[],
  now: Date = new Date(),
): Promise<void> {
  if (events.length === 0) return;
  await insertWebhookEvents(
    trx,
    contractId,
    events.map((event) => {
      const publicId = newEventId();
      return {
        publicId,
        type: event.type,
        body: JSON.stringify({
          id: publicId,
          type: event.type,
          createdAt: now.toISOString(),
          contractId,
          data: event.data,
        }),
      };
    }),
  );
}
