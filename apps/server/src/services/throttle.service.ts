import { AppError } from '@timecard/domain';
import type { Db, Tx } from '../db/database.ts';
import { clearThrottle, findThrottle, saveThrottle } from '../repositories/throttle.repository.ts';

export interface ThrottlePolicy {
  /** Failures allowed before any wait. */
  free: number;
  /** The first wait, doubled at each further failure. */
  baseSeconds: number;
  /** The longest wait: waits grow, but never become a lockout an attacker can keep forever cheaply. */
  maxSeconds: number;
  /** Failures older than this are forgotten. */
  windowSeconds: number;
}

export const LOGIN_PER_ACCOUNT: ThrottlePolicy = {
  free: 5,
  baseSeconds: 2,
  maxSeconds: 900,
  windowSeconds: 3600,
};
export const LOGIN_PER_IP: ThrottlePolicy = {
  free: 20,
  baseSeconds: 2,
  maxSeconds: 900,
  windowSeconds: 3600,
};
export const RESET_PER_EMAIL: ThrottlePolicy = {
  free: 3,
  baseSeconds: 60,
  maxSeconds: 3600,
  windowSeconds: 3600,
};

/** Throws rate_limited (with the seconds to wait) when any of the keys is waiting. */
export async function assertNotThrottled(db: Db | Tx, keys: string[], now: Date): Promise<void> {
  let wait = 0;
  for (const key of keys) {
    const state = await findThrottle(db, key);
    if (state?.blockedUntil && state.blockedUntil > now) {
      wait = Math.max(wait, Math.ceil((state.blockedUntil.getTime() - now.getTime()) / 1000));
    }
  }
  if (wait > 0) throw new AppError('rate_limited', { seconds: wait });
}

/** Counts one failure (or one use) against a key and sets the next wait. */
export async function recordFailure(
  db: Db | Tx,
  key: string,
  policy: ThrottlePolicy,
  now: Date,
): Promise<void> {
  const state = await findThrottle(db, key);
  const fresh = state && now.getTime() - state.updatedAt.getTime() < policy.windowSeconds * 1000;
  const failures = (fresh ? state.failures : 0) + 1;
  const over = failures - policy.free;
  const blockedUntil =
    over > 0
      ? new Date(now.getTime() + Math.min(policy.baseSeconds * 2 ** (over - 1), policy.maxSeconds) * 1000)
      : null;
  await saveThrottle(db, key, failures, blockedUntil, now);
}

export async function resetThrottle(db: Db | Tx, key: string): Promise<void> {
  await clearThrottle(db, key);
}
