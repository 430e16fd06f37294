import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, withTenant } from '../db/database.ts';
import {
  claimStaleTotals,
  countStaleTotals,
  saveComputedTotals,
} from '../repositories/labor-alert.repository.ts';
import {
  refreshQueuedContracts,
  refreshStaleTotals,
  sendAlertDigest,
} from '../services/labor-alert.service.ts';
import { importPunches } from '../services/punch-import.service.ts';
import { buildContract, buildStaff } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';

// Issue 19: the staff-month totals are recomputed by whichever process claims them, exactly once
// per change, and the digest goes out once a day, with two database handles (two processes on
// PostgreSQL; on the embedded database both share the one connection).
let first: Database;
let second: Database;
const NOW = new Date('2025-06-16T03:00:00Z');

beforeAll(async () => {
  first = await openTestDatabase();
  second = process.env.DATABASE_URL ? await openTestDatabase() : first;
});
afterAll(async () => {
  if (second !== first) await second?.close();
  await first?.close();
});

async function contractWithPunches(people: number) {
  const c = await buildContract(first.db, { plan: 'premium' });
  const lines = ['staff_code,type,at'];
  for (let i = 1; i <= people; i++) {
    await buildStaff(first.db, c.contractId, { code: `K-${i}`, email: null, offices: [{ officeId: 1 }] });
    // 8 h without a break on 6/2: a 休憩不足 each.
    lines.push(`K-${i},clock_in,2025-06-02T09:00`, `K-${i},clock_out,2025-06-02T17:00`);
  }
  await importPunches({ db: first.db, publicUrl: 'http://x' }, c.contractId, Buffer.from(lines.join('\n')));
  return c;
}

const rowsOf = (db: Database, contractId: string) =>
  withTenant(db.db, contractId, (trx) =>
    trx
      .selectFrom('staffMonthTotals')
      .select(['staffId', 'month', 'version', 'computedVersion', 'items'])
      .where('contractId', '=', contractId)
      .execute(),
  );

describe('the staff-month totals worker', () => {
  it('computes every stale row once when two processes refresh the same contract at once', async () => {
    const c = await contractWithPunches(30);
    const stale = await withTenant(first.db, c.contractId, (trx) => countStaleTotals(trx, c.contractId));
    expect(stale).toBe(90);
    // Batches of 7: each process claims, loads ahead and writes back many batches, side by side.
    const [a, b] = await Promise.all([
      refreshStaleTotals(first.db, c.contractId, { now: NOW, batchSize: 7 }),
      refreshStaleTotals(second.db, c.contractId, { now: NOW, batchSize: 7 }),
    ]);
    expect(a + b).toBe(90);
    const rows = await rowsOf(first, c.contractId);
    expect(rows.every((r) => r.computedVersion === r.version)).toBe(true);
    expect(rows.filter((r) => r.month === '2025-06').every((r) => r.items.length === 1)).toBe(true);
    // The queue the punch trigger filled is emptied by the worker (again from two handles).
    const drain = async (db: Database) => {
      while ((await refreshQueuedContracts(db.db, { now: NOW })).contracts > 0);
    };
    await Promise.all([drain(first), drain(second)]);
    const queued = await first.db
      .selectFrom('laborTotalsQueue')
      .select('contractId')
      .where('contractId', '=', c.contractId)
      .execute();
    expect(queued).toEqual([]);
  });

  it('claims past the last row of the previous claim, and from the start again when asked', async () => {
    const c = await contractWithPunches(3);
    const claim = (after?: { staffId: number; month: string }) =>
      withTenant(first.db, c.contractId, (trx) =>
        claimStaleTotals(trx, c.contractId, { limit: 4, leaseSeconds: 0, after }),
      );
    const all = await withTenant(first.db, c.contractId, (trx) =>
      claimStaleTotals(trx, c.contractId, { limit: 100, leaseSeconds: 0 }),
    );
    const order = all.claims
      .map((r) => ({ staffId: r.staffId, month: r.month }))
      .sort((x, y) => x.staffId - y.staffId || (x.month < y.month ? -1 : 1));
    expect(order).toHaveLength(9);
    // (The leases above ran out at once: every row is claimable again.)
    const past = await claim(order[4]);
    expect(past.claims.map((r) => `${r.staffId} ${r.month}`).sort()).toEqual(
      order.slice(5, 9).map((r) => `${r.staffId} ${r.month}`),
    );
    expect((await claim(order[8])).claims).toEqual([]);
    expect((await claim()).claims).toHaveLength(4);
  });

  it('takes over the claim of a worker killed mid-job, and refuses that worker’s late write', async () => {
    const c = await contractWithPunches(2);
    // A worker claims with a lease that has already run out, then "dies" before writing.
    const dead = await withTenant(first.db, c.contractId, (trx) =>
      claimStaleTotals(trx, c.contractId, { limit: 100, leaseSeconds: 0 }),
    );
    expect(dead.claims).toHaveLength(6);
    expect(await refreshStaleTotals(second.db, c.contractId, { now: NOW })).toBe(6);
    // Its result, arriving late, is not applied: the claim is no longer its own.
    const late = await withTenant(first.db, c.contractId, (trx) =>
      saveComputedTotals(
        trx,
        c.contractId,
        dead.token,
        dead.claims.map((claim) => ({
          ...claim,
          periodFrom: '2025-06-01',
          periodTo: '2025-06-30',
          judgedThrough: '2025-06-15',
          overtimeMinutes: 99_999,
          legalHolidayMinutes: 0,
          workedMinutes: 0,
          items: [],
        })),
      ),
    );
    expect(late).toBe(0);
    const rows = await rowsOf(first, c.contractId);
    expect(rows.filter((r) => r.month === '2025-06').map((r) => r.items.length)).toEqual([1, 1]);
  });
});

describe('the daily digest', () => {
  it('is queued once a day across processes, only when something is new', async () => {
    const c = await contractWithPunches(3);
    const contract = { id: c.contractId, name: 'テスト' };
    const options = { now: NOW, publicUrl: 'https://timecard.example.com' };
    const sent = await Promise.all([
      sendAlertDigest(first.db, contract, options),
      sendAlertDigest(second.db, contract, options),
    ]);
    expect(sent.filter(Boolean)).toHaveLength(1);
    const mails = () =>
      first.db
        .selectFrom('mailOutbox')
        .select(['toAddress', 'subject', 'bodyText'])
        .where('contractId', '=', c.contractId)
        .execute();
    expect(await mails()).toEqual([
      expect.objectContaining({
        toAddress: c.adminEmail,
        subject: expect.stringContaining('警告 3件'),
        bodyText: expect.stringContaining('https://timecard.example.com/admin/alerts'),
      }),
    ]);
    // The next day: nothing new, no mail.
    const nextDay = { ...options, now: new Date('2025-06-17T03:00:00Z') };
    expect(await sendAlertDigest(first.db, contract, nextDay)).toBe(false);
    // Something new that day: one mail, counting only the new alert.
    await importPunches(
      { db: first.db, publicUrl: 'http://x' },
      c.contractId,
      Buffer.from('staff_code,type,at\nK-1,clock_in,2025-06-03T09:00\nK-1,clock_out,2025-06-03T17:00\n'),
    );
    expect(await sendAlertDigest(first.db, contract, nextDay)).toBe(true);
    expect(await sendAlertDigest(second.db, contract, nextDay)).toBe(false);
    const all = await mails();
    expect(all).toHaveLength(2);
    expect(all[1]!.subject).toContain('警告 1件');
  });
});
