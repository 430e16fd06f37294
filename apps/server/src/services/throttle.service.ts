import { AppError } from '@timecard/domain';
import type { Db, Tx } from '../db/database.ts';
import {
  clearThrottle,
  findThrottleWait,
  giveBackThrottleAttempt,
  type ThrottleRule,
  takeThrottleAttempt,
} from '../repositories/throttle.repository.ts';

/**
 * How many attempts a key allows (ADR 007): `free` attempts, then waits that double from
 * `baseSeconds` up to `maxSeconds`; attempts are forgotten `windowSeconds` after the last one.
 * A hard limit of n an hour is `free: n` with a one-hour wait.
 */
export type ThrottlePolicy = ThrottleRule;

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
/** パスワード再発行: at most 3 mails an hour to one address, 20 requests an hour from one IP. */
export const RESET_PER_EMAIL: ThrottlePolicy = {
  free: 3,
  baseSeconds: 3600,
  maxSeconds: 3600,
  windowSeconds: 3600,
};
export const RESET_PER_IP: ThrottlePolicy = {
  free: 20,
  baseSeconds: 3600,
  maxSeconds: 3600,
  windowSeconds: 3600,
};
/** 新規登録: 5 from one IP, then an hour's wait doubling up to a day; 3 a day to one e-mail. */
export const SIGNUP_PER_IP: ThrottlePolicy = {
  free: 5,
  baseSeconds: 3600,
  maxSeconds: 86400,
  windowSeconds: 86400,
};
export const SIGNUP_PER_EMAIL: ThrottlePolicy = {
  free: 3,
  baseSeconds: 86400,
  maxSeconds: 86400,
  windowSeconds: 86400,
};

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

export interface Refusal {
  /** The key that refused. */
  key: string;
  /** Seconds until it may be tried again (at least 1). */
  seconds: number;
}

/** The outcome of takeAttempt: refused, or the number of each key's attempt (in the keys' order). */
export type Attempt = { refused: Refusal; numbers?: never } | { refused: null; numbers: number[] };

/**
 * Takes one attempt on every key before a guess is evaluated, all or none: a key that is waiting
 * refuses, and the attempts already taken on the other keys are given back. Because each take is
 * one atomic statement, concurrent guesses never get more evaluations than the keys allow. An
 * attempt taken counts as a failure unless the caller forgets or gives it back.
 */
export async function takeAttempt(db: Db | Tx, keys: readonly ThrottleKey[], now: Date): Promise<Attempt> {
  const numbers: number[] = [];
  for (const [index, entry] of keys.entries()) {
    const number = await takeThrottleAttempt(db, entry.key, entry.policy, now);
    if (number === null) {
      for (const back of keys.slice(0, index)) await giveBackThrottleAttempt(db, back.key, back.policy);
      const until = await findThrottleWait(db, entry.key);
      const seconds = until ? Math.ceil((until.getTime() - now.getTime()) / 1000) : 1;
      return { refused: { key: entry.key, seconds: Math.max(1, seconds) } };
    }
    numbers.push(number);
  }
  return { refused: null, numbers };
}

/** takeAttempt, answering a refusal with rate_limited (429 with Retry-After). */
export async function takeAttemptOrThrow(
  db: Db | Tx,
  keys: readonly ThrottleKey[],
  now: Date,
): Promise<void> {
  const { refused } = await takeAttempt(db, keys, now);
  if (refused) throw new AppError('rate_limited', { seconds: refused.seconds });
}

/** Gives back an attempt taken by takeAttempt (not a guess after all, or a success that is free). */
export async function giveBackAttempt(db: Db | Tx, entry: ThrottleKey): Promise<void> {
  await giveBackThrottleAttempt(db, entry.key, entry.policy);
}

/** Forgets a key's attempts (the right password or PIN proves the guesses were the owner's). */
export async function forgetAttempts(db: Db | Tx, key: string): Promise<void> {
  await clearThrottle(db, key);
}
