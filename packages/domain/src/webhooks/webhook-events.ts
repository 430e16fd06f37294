import { z } from 'zod';
import { textSchema } from '../input/input.schema.ts';

/**
 * The events a webhook endpoint may subscribe to (issue 14). Another area adds its events here and
 * emits them with `emitEvent` (apps/server/src/services/webhook-events.ts) in the transaction of
 * its change; the 設定 > API連携 page and the contract list them from this one place.
 */
export const WEBHOOK_EVENT_TYPES = [
  'punch.created',
  'punch.corrected',
  'timecard.closed',
  'timecard.reopened',
  'staff.created',
  'staff.updated',
  'leave.recorded',
  'leave.deleted',
  'request.created',
  'request.decided',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const webhookEventLabels: Record<WebhookEventType, { ja: string; en: string }> = {
  'punch.created': { ja: '打刻の登録', en: 'A punch was recorded' },
  'punch.corrected': {
    ja: '打刻の修正（追加・変更・削除）',
    en: 'A punch was corrected (added, changed, deleted)',
  },
  'timecard.closed': { ja: '締め処理', en: 'A pay period was closed' },
  'timecard.reopened': { ja: '締めの解除', en: 'A pay period was reopened' },
  'staff.created': { ja: 'スタッフの登録', en: 'A staff member was registered' },
  'staff.updated': { ja: 'スタッフ情報の変更', en: 'A staff member was changed' },
  'leave.recorded': { ja: '休暇の登録', en: 'Leave was recorded' },
  'leave.deleted': { ja: '休暇の取消', en: 'Recorded leave was cancelled' },
  'request.created': { ja: '申請の提出', en: 'A request was sent' },
  'request.decided': {
    ja: '申請の処理（承認・却下・差戻し・取消）',
    en: 'A request was decided (approved, rejected, returned, cancelled)',
  },
};

/** At most this many endpoints per contract (counted under a lock when one is added). */
export const MAX_WEBHOOK_ENDPOINTS = 20;

/** The body of `POST /webhooks`: where to send and which events. */
export const WebhookEndpointInputSchema = z
  .object({
    url: textSchema({ message: 'webhook_url_invalid' })
      .min(1, { message: 'webhook_url_invalid' })
      .max(2000, { message: 'webhook_url_invalid' }),
    events: z
      .array(z.enum(WEBHOOK_EVENT_TYPES, { message: 'webhook_events_invalid' }), {
        message: 'webhook_events_invalid',
      })
      .min(1, { message: 'webhook_events_invalid' })
      .max(WEBHOOK_EVENT_TYPES.length * 2, { message: 'webhook_events_invalid' }),
  })
  .strict();
export type WebhookEndpointInput = z.output<typeof WebhookEndpointInputSchema>;

/** The signature header's name and scheme (docs/webhooks.md). */
export const WEBHOOK_SIGNATURE_HEADER = 'Timecard-Signature';
export const WEBHOOK_EVENT_ID_HEADER = 'Timecard-Event-Id';
