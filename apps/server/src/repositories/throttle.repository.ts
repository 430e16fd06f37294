import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.ts';

/** How a throttle key counts attempts (services/throttle.service.ts names the policies). */
export interface ThrottleRule {
  /** Attempts allowed before the first wait. */
  free: number;
  /** The wait after the `free`-th attempt, doubled at each further one. */
  baseSeconds: number;
  /** The longest wait. */
  maxSeconds: number;
  /** Attempts are forgotten this long after the last one. */
  windowSeconds: number;
}

/**
 * Takes one attempt on a key, in one statement: the row is locked by the upsert, so concurrent
 * attempts (from any number of processes) are counted one after another, and an attempt is only
 * counted (and allowed) while the key is not waiting. Returns the attempt's number in the window,
 * or null when the key is waiting (nothing counted).
 *
 * The attempt that reaches `free` sets the wait: base × 2^(n − free) seconds, at most max.
 */
export async function takeThrottleAttempt(
  db: Db | Tx,
  key: string,
  rule: ThrottleRule,
  now: Date,
): Promise<number | null> {
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
  const next = sql<number>`(case when login_throttle.updated_at <= ${windowStart}::timestamptz then 1 else login_throttle.failures + 1 end)`;
  const row = await db
    .insertInto('loginThrottle')
    .values({ key, failures: 1, blockedUntil: waitAfter(1, rule, now), updatedAt: now })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          failures: next,
          blockedUntil: sql<Date | null>`case when ${next} >= ${rule.free}::int then ${now}::timestamptz + make_interval(secs => least(${rule.baseSeconds}::float8 * power(2, least(${next} - ${rule.free}::int, 30)), ${rule.maxSeconds}::float8)) end`,
          updatedAt: now,
        })
        .where(
          sql<boolean>`login_throttle.updated_at <= ${windowStart}::timestamptz or login_throttle.blocked_until is null or login_throttle.blocked_until <= ${now}::timestamptz`,
        ),
    )
    .returning('failures')
    .executeTakeFirst();
  return row?.failures ?? null;
}

function waitAfter(attempt: number, rule: ThrottleRule, now: Date): Date | null {
  if (attempt < rule.free) return null;
  const seconds = Math.min(rule.baseSeconds * 2 ** Math.min(attempt - rule.free, 30), rule.maxSeconds);
  return new Date(now.getTime() + seconds * 1000);
}

/** When a waiting key may be tried again (null when it is not waiting any more). */
export async function findThrottleWait(db: Db | Tx, key: string): Promise<Date | null> {
  const row = await db
    .selectFrom('loginThrottle')
    .select('blockedUntil')
    .where('key', '=', key)
    .executeTakeFirst();
  return row?.blockedUntil ?? null;
}

/**
 * Gives one attempt back (one taken but not spent on a guess, or a success that must not count);
 * below `free` attempts the key no longer waits.
 */
export async function giveBackThrottleAttempt(db: Db | Tx, key: string, rule: ThrottleRule): Promise<void> {
  await db
    .updateTable('loginThrottle')
    .set({
      failures: sql<number>`greatest(failures - 1, 0)`,
      blockedUntil: sql<Date | null>`case when failures - 1 < ${rule.free}::int then null else blocked_until end`,
    })
    .where('key', '=', key)
    .execute();
}

export async function clearThrottle(db: Db | Tx, key: string): Promise<void> {
  await db.deleteFrom('loginThrottle').where('key', '=', key).execute();
}

/** Records that something happened once under `key` (e.g. a mail sent); false if it already had. */
export async function markThrottleOnce(db: Db | Tx, key: string, now: Date): Promise<boolean> {
  const row = await db
    .insertInto('loginThrottle')
    .values({ key, failures: 0, blockedUntil: null, updatedAt: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('key')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Counts one request in a fixed window of `windowSeconds` under `key`, in one atomic statement (an
 * API token's rate limit): the count so far in the window and when the window started.
 */
export async function countInWindow(
  db: Db | Tx,
  key: string,
  windowSeconds: number,
  now: Date,
): Promise<{ count: number; windowStart: Date }> {
  const expired = new Date(now.getTime() - windowSeconds * 1000);
  const fresh = sql<boolean>`login_throttle.updated_at <= ${expired}::timestamptz`;
  const row = await db
    .insertInto('loginThrottle')
    .values({ key, failures: 1, blockedUntil: null, updatedAt: now })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when ${fresh} then 1 else login_throttle.failures + 1 end`,
        updatedAt: sql<Date>`case when ${fresh} then ${now}::timestamptz else login_throttle.updated_at end`,
      }),
    )
    .returning(['failures', 'updatedAt'])
    .executeTakeFirstOrThrow();
  return { count: row.failures, windowStart: row.updatedAt };
}
