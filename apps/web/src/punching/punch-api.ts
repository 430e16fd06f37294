import { type ClientInput, api as routes } from '@timecard/contract';
import { call } from '../shared/client.ts';

export type TerminalPunchBody = ClientInput<typeof routes.punching.terminalPunch>['body'];

/**
 * POST /terminal/punches. The key is made once per tap and reused for every retry, so the server
 * records the punch once however often it is sent; `sentAt` goes with queued punches, so the server
 * can place them at the time of the tap on its own clock.
 */
export function postTerminalPunch(body: TerminalPunchBody, key: string, sentAt?: string) {
  const headers: Record<string, string> = { 'Idempotency-Key': key };
  if (sentAt) headers['X-Device-Sent-At'] = sentAt;
  return call(routes.punching.terminalPunch, { body }, { headers });
}
