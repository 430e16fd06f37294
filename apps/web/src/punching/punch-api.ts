import { api } from '../shared/api.ts';
import type { PunchResult, PunchType } from './punch-model.ts';

export interface TerminalPunchBody {
  staffId: number;
  type: PunchType;
  passcode?: string;
  /** The device clock at the tap, for a punch sent late from the offline queue. */
  deviceTime?: string;
  /** The photo taken with the punch (issue 20): a JPEG data URL of about 50 KB. */
  photo?: string;
}

/**
 * POST /terminal/punches. The key is made once per tap and reused for every retry, so the server
 * records the punch once however often it is sent; `sentAt` goes with queued punches, so the server
 * can place them at the time of the tap on its own clock.
 */
export function postTerminalPunch(body: TerminalPunchBody, key: string, sentAt?: string) {
  const headers: Record<string, string> = { 'Idempotency-Key': key };
  if (sentAt) headers['X-Device-Sent-At'] = sentAt;
  return api<PunchResult>('/terminal/punches', { method: 'POST', body, headers });
}
