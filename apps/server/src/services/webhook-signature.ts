import { createHmac, randomBytes } from 'node:crypto';

/** What marks a signing secret as ours (and lets a leaked one be found by secret scanners). */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';

/** A new signing secret: 256 random bits. */
export function newWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * The `Timecard-Signature` header of a delivery (docs/webhooks.md): `t=<unix seconds>,v1=<hex
 * HMAC-SHA256 keyed with the whole secret over "<t>.<raw body>">`. The timestamp inside the signed
 * text lets a receiver refuse an old delivery replayed by someone who captured it.
 *
 * @example signWebhook('whsec_…', '{"id":"evt_…"}', 1764892800) // 't=1764892800,v1=5f0c…'
 */
export function signWebhook(secret: string, body: string, unixSeconds: number): string {
  const mac = createHmac('sha256', secret).update(`${unixSeconds}.${body}`, 'utf8').digest('hex');
  return `t=${unixSeconds},v1=${mac}`;
}
