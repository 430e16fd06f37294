import { randomUUID } from 'node:crypto';
import { isAppError, workDateOf } from '@timecard/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, withTenant } from '../db/database.ts';
import { insertPunch, insertPunchBatch } from '../repositories/punch.repository.ts';
import { buildContract, buildStaff } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import type { AuthContext } from './auth.service.ts';
import { type PunchRequest, type PunchResult, recordPunch } from './punch.service.ts';

let database: Database;
let ctx: AuthContext;
// Two transactions at once need PostgreSQL: PGlite runs one at a time.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL || process.env.DATABASE_URL);

beforeAll(async () => {
  database = await openTestDatabase();
  ctx = { db: database.db, publicUrl: 'http://127.0.0.1' };
});
afterAll(async () => {
  await database.close();
});

/** A terminal punch at office 1 (本店). */
function at本店(staffId: number, type: PunchRequest['type'], idempotencyKey = randomUUID()): PunchRequest {
  return {
    staffId,
    type,
    source: 'web_clock',
    officeId: 1,
    terminalId: null,
    actorAccountId: null,
    idempotencyKey,
  };
}

function codeOf(outcome: PromiseSettledResult<PunchResult>): string | undefined {
  if (outcome.status === 'fulfilled') return undefined;
  return isAppError(outcome.reason) ? outcome.reason.code : String(outcome.reason);
}

async function punchesOf(contractId: string, staffId: number) {
  return database.db
    .selectFrom('punches')
    .select(['id', 'type', 'idempotencyKey'])
    .where('contractId', '=', contractId)
    .where('staffId', '=', staffId)
    .orderBy('id')
    .execute();
}

describe('punches that arrive together (group commit)', () => {
  it('decides each in arrival order on its own: the valid ones are recorded, the others refused with their own reason', async () => {
    const c = await buildContract(database.db);
    const inOffice = { offices: [{ officeId: 1 }] };
    const a = await buildStaff(database.db, c.contractId, inOffice);
    const b = await buildStaff(database.db, c.contractId, inOffice);
    const unused = await buildStaff(database.db, c.contractId, { ...inOffice, usage: 'inactive' });
    const elsewhere = await buildStaff(database.db, c.contractId, { offices: [] });
    const sameKey = randomUUID();

    // Submitted in one turn of the event loop: they go together in one batch.
    const outcomes = await Promise.allSettled([
      recordPunch(ctx, c.contractId, at本店(a.staffId, 'clock_in')),
      recordPunch(ctx, c.contractId, at本店(a.staffId, 'clock_in')),
      recordPunch(ctx, c.contractId, at本店(a.staffId, 'break_start')),
      recordPunch(ctx, c.contractId, at本店(b.staffId, 'clock_in', sameKey)),
      recordPunch(ctx, c.contractId, at本店(b.staffId, 'clock_in', sameKey)),
      recordPunch(ctx, c.contractId, at本店(unused.staffId, 'clock_in')),
      recordPunch(ctx, c.contractId, at本店(elsewhere.staffId, 'clock_in')),
      recordPunch(ctx, c.contractId, at本店(b.staffId, 'break_end')),
    ]);

    expect(outcomes.map(codeOf)).toEqual([
      undefined,
      'punch_invalid_state',
      undefined,
      undefined,
      undefined,
      'staff_not_in_use',
      'staff_not_found',
      'punch_invalid_state',
    ]);
    const [aIn, , aBreak, bIn, bAgain] = outcomes.map((o) =>
      o.status === 'fulfilled' ? o.value : undefined,
    );
    expect(aBreak?.status.state).toBe('on_break');
    expect(bIn?.replayed).toBe(false);
    expect(bAgain?.replayed).toBe(true);
    expect(bAgain?.punch.id).toBe(bIn?.punch.id);
    expect((await punchesOf(c.contractId, a.staffId)).map((p) => p.type)).toEqual([
      'clock_in',
      'break_start',
    ]);
    expect((await punchesOf(c.contractId, a.staffId))[0]!.id).toBe(aIn?.punch.id);
    expect(await punchesOf(c.contractId, b.staffId)).toHaveLength(1);
    expect(await punchesOf(c.contractId, unused.staffId)).toHaveLength(0);

    // A retry long after, once the person has moved on, still answers with the first result.
    const later = await recordPunch(ctx, c.contractId, at本店(b.staffId, 'clock_in', sameKey));
    expect(later).toMatchObject({ replayed: true, punch: { id: bIn?.punch.id } });
  });

  it('does not let a punch that breaks the write fail the others of its batch', async () => {
    const c = await buildContract(database.db);
    const people = await Promise.all(
      [1, 2, 3, 4].map(() => buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] })),
    );
    const outcomes = await Promise.allSettled([
      recordPunch(ctx, c.contractId, at本店(people[0]!.staffId, 'clock_in')),
      // A terminal id that does not exist: the insert itself fails (foreign key).
      recordPunch(ctx, c.contractId, { ...at本店(people[1]!.staffId, 'clock_in'), terminalId: 999_999 }),
      recordPunch(ctx, c.contractId, at本店(people[2]!.staffId, 'clock_in')),
      recordPunch(ctx, c.contractId, at本店(people[3]!.staffId, 'clock_in')),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    for (const [index, count] of [1, 0, 1, 1].entries()) {
      expect(await punchesOf(c.contractId, people[index]!.staffId)).toHaveLength(count);
    }
  });

  it('writes nothing for a person whose latest punch changed after the batch read it, and the rest as decided', async () => {
    const c = await buildContract(database.db);
    const moved = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    const still = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
    // Another server records `moved`'s 出勤 after this batch saw no punch for them.
    const other = await recordPunch(ctx, c.contractId, at本店(moved.staffId, 'clock_in'));
    const row = (staffId: number) => ({
      staffId,
      officeId: 1,
      type: 'clock_in' as const,
      punchedAt: new Date(),
      deviceAt: null,
      workDate: other.punch.workDate,
      source: 'web_clock' as const,
      idempotencyKey: randomUUID(),
      terminalId: null,
      actorAccountId: null,
      flags: {},
    });

    const written = await insertPunchBatch(
      database.db,
      c.contractId,
      [
        { staffId: moved.staffId, lastId: null },
        { staffId: still.staffId, lastId: null },
      ],
      [row(moved.staffId), row(still.staffId)],
    );

    expect(written.stale).toEqual([moved.staffId]);
    expect(written.inserted.map((p) => p.staffId)).toEqual([still.staffId]);
    expect(await punchesOf(c.contractId, moved.staffId)).toHaveLength(1);
    expect(await punchesOf(c.contractId, still.staffId)).toHaveLength(1);
  });

  it('never answers with another contract’s punch: people and idempotency keys are per contract', async () => {
    const mine = await buildContract(database.db);
    const theirs = await buildContract(database.db);
    const stranger = await buildStaff(database.db, theirs.contractId, { offices: [{ officeId: 1 }] });
    // Staff ids count per contract: theirs is 2, and mine has no person 2 yet.
    await expect(
      recordPunch(ctx, mine.contractId, at本店(stranger.staffId, 'clock_in')),
    ).rejects.toMatchObject({
      code: 'staff_not_found',
    });
    const me = await buildStaff(database.db, mine.contractId, { offices: [{ officeId: 1 }] });
    // The same key in two contracts is two punches: mine is not taken for a retry of theirs.
    const key = randomUUID();
    const theirPunch = await recordPunch(ctx, theirs.contractId, at本店(stranger.staffId, 'clock_in', key));
    const myPunch = await recordPunch(ctx, mine.contractId, at本店(me.staffId, 'clock_in', key));
    expect(myPunch.replayed).toBe(false);
    expect(myPunch.punch.staffId).toBe(me.staffId);
    expect(myPunch.punch.id).not.toBe(theirPunch.punch.id);
    const theirRows = await withTenant(database.db, theirs.contractId, (trx) =>
      trx.selectFrom('punches').select('staffId').where('contractId', '=', theirs.contractId).execute(),
    );
    expect(theirRows).toEqual([{ staffId: stranger.staffId }]);
  });

  it.skipIf(!onPostgres)(
    'waits for a correction in progress on the same person and decides on top of it',
    async () => {
      const c = await buildContract(database.db);
      const a = await buildStaff(database.db, c.contractId, { offices: [{ officeId: 1 }] });
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let taken = () => {};
      const lockTaken = new Promise<void>((resolve) => {
        taken = resolve;
      });
      // An administrator's correction adds a 出勤 and has not committed yet.
      const correction = withTenant(database.db, c.contractId, async (trx) => {
        const at = new Date(Date.now() - 60_000);
        await insertPunch(trx, c.contractId, {
          staffId: a.staffId,
          officeId: null,
          type: 'clock_in',
          punchedAt: at,
          deviceAt: null,
          workDate: workDateOf(at, 'Asia/Tokyo'),
          source: 'admin',
          idempotencyKey: `admin:${randomUUID()}`,
          terminalId: null,
          actorAccountId: null,
          flags: {},
          reason: 'テスト',
        });
        taken();
        await held;
      });
      await lockTaken;
      const tap = recordPunch(ctx, c.contractId, at本店(a.staffId, 'clock_in'));
      tap.catch(() => {});
      await new Promise((resolve) => setTimeout(resolve, 300));
      release();
      await correction;
      // The tap saw no punch at first; after the correction it is a second 出勤, and refused.
      await expect(tap).rejects.toMatchObject({ code: 'punch_invalid_state' });
      expect(await punchesOf(c.contractId, a.staffId)).toHaveLength(1);
    },
  );
});
