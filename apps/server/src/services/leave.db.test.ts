import { type AppError, grantPaidLeave } from '@timecard/domain';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Database, openDatabase, withTenant } from '../db/database.ts';
import { listLeaveGrants } from '../repositories/leave.repository.ts';
import { buildContract, buildStaff } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import {
  balanceAfter,
  fiveDayObligationsAtRisk,
  grantDueLeave,
  leaveBalanceIn,
  listLeaveTypesIn,
  type RecordLeaveInput,
  recordLeave,
} from './leave.service.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** Noon in Tokyo of a date: the job's "now". */
const at = (date: string) => new Date(`${date}T03:00:00Z`);

async function setup(options: { hiredOn: string; weeklyDays?: number; weeklyMinutes?: number }) {
  const contract = await buildContract(database.db, { plan: 'premium_plus' });
  const staff = await buildStaff(database.db, contract.contractId, { email: null, ...options });
  const annual = await withTenant(
    database.db,
    contract.contractId,
    async (trx) => (await listLeaveTypesIn(trx, contract.contractId)).find((t) => t.kind === 'annual')!,
  );
  const take = (input: Omit<RecordLeaveInput, 'staffId' | 'leaveTypeId'> & { leaveTypeId?: number }) =>
    withTenant(database.db, contract.contractId, (trx) =>
      recordLeave(
        trx,
        contract.contractId,
        { staffId: staff.staffId, leaveTypeId: annual.id, ...input },
        { accountId: null, staffId: contract.adminStaffId },
      ),
    );
  const balance = (asOf: string) =>
    withTenant(database.db, contract.contractId, (trx) =>
      leaveBalanceIn(trx, contract.contractId, staff.staffId, asOf),
    );
  const grants = () =>
    withTenant(database.db, contract.contractId, (trx) =>
      listLeaveGrants(trx, contract.contractId, [staff.staffId]),
    );
  return { ...contract, staffId: staff.staffId, annual, take, balance, grants };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a rejection');
}

describe('grants by law (issue 17 acceptance)', () => {
  it('hired 2018-04-01, 5 days a week: at 2025-04-01 the grants of the law and 38 valid days', async () => {
    const s = await setup({ hiredOn: '2018-04-01' });
    const law = grantPaidLeave({
      hireDate: '2018-04-01',
      asOf: '2025-04-01',
      weeklyScheduledDays: 5,
      weeklyScheduledMinutes: 2400,
    });
    expect(law.validDaysAtAsOf).toBe(38);
    // Before the job ran, the balance shows what the law gives …
    const projected = await s.balance('2025-04-01');
    expect(projected.validDaysAtAsOf).toBe(38);
    // … and after it, the grants written are the same.
    await grantDueLeave(database.db, at('2025-04-01'), [s.contractId]);
    const stored = await s.grants();
    expect(stored.map((g) => [g.grantDate, g.days, g.expiresOn])).toEqual(
      law.grants.map((g) => [g.grantDate, g.days, g.expiresOn]),
    );
    const balance = await s.balance('2025-04-01');
    expect(balance.validDaysAtAsOf).toBe(38);
    expect(balance.grants.map((g) => [g.grantDate, g.days, g.remaining, g.valid])).toEqual([
      ['2018-10-01', 10, 10, false],
      ['2019-10-01', 11, 11, false],
      ['2020-10-01', 12, 12, false],
      ['2021-10-01', 14, 14, false],
      ['2022-10-01', 16, 16, false],
      ['2023-10-01', 18, 18, true],
      ['2024-10-01', 20, 20, true],
    ]);
    expect(balance.nextGrant).toEqual({ date: '2025-10-01', days: 20 });
  });

  it('writes each 基準日 once: the job run twice, and from two database handles at once', async () => {
    const s = await setup({ hiredOn: '2020-01-15' });
    const url = inject('databaseUrl');
    const second = url ? await openDatabase({ databaseUrl: url, poolSize: 2 }) : database;
    try {
      const [a, b] = await Promise.all([
        grantDueLeave(database.db, at('2024-02-01'), [s.contractId]),
        grantDueLeave(second.db, at('2024-02-01'), [s.contractId]),
      ]);
      // 2020-07-15, 2021-07-15, 2022-07-15, 2023-07-15: four 基準日, written once between the two.
      expect(a + b).toBe(4);
      expect(await grantDueLeave(database.db, at('2024-02-01'), [s.contractId])).toBe(0);
      expect((await s.grants()).map((g) => g.grantDate)).toEqual([
        '2020-07-15',
        '2021-07-15',
        '2022-07-15',
        '2023-07-15',
      ]);
    } finally {
      if (second !== database) await second.close();
    }
  });

  it('catches up after downtime: the 基準日 missed while no server ran are granted at the next run', async () => {
    const s = await setup({ hiredOn: '2022-04-01' });
    expect(await grantDueLeave(database.db, at('2022-10-01'), [s.contractId])).toBe(1);
    // Nothing ran from 2022-10-02 until 2024-10-03.
    expect(await grantDueLeave(database.db, at('2024-10-03'), [s.contractId])).toBe(2);
    expect((await s.grants()).map((g) => [g.grantDate, g.days])).toEqual([
      ['2022-10-01', 10],
      ['2023-10-01', 11],
      ['2024-10-01', 12],
    ]);
  });

  it('grants nothing on or before the day before the 基準日', async () => {
    const s = await setup({ hiredOn: '2024-08-31' });
    expect(await grantDueLeave(database.db, at('2025-02-28'), [s.contractId])).toBe(0);
    // 民法143条: 6 months from 08-31 end 02-28; the 基準日 is 03-01.
    expect(await grantDueLeave(database.db, at('2025-03-01'), [s.contractId])).toBe(1);
  });
});

describe('balances', () => {
  it('takes the oldest valid grant first (FIFO)', async () => {
    const s = await setup({ hiredOn: '2023-04-01' });
    await grantDueLeave(database.db, at('2024-10-01'), [s.contractId]);
    // Grants 2023-10-01 (10) and 2024-10-01 (11).
    await s.take({ date: '2024-10-07', unit: 'full' });
    await s.take({ date: '2024-10-08', unit: 'full' });
    const balance = await s.balance('2024-10-31');
    expect(balance.grants.map((g) => [g.grantDate, g.used, g.remaining])).toEqual([
      ['2023-10-01', 2, 8],
      ['2024-10-01', 0, 11],
    ]);
    expect(balance.validDaysAtAsOf).toBe(19);
  });

  it('counts half days as 0.5 and hours by the scheduled hours of a day', async () => {
    const s = await setup({ hiredOn: '2023-04-01' });
    await grantDueLeave(database.db, at('2023-10-01'), [s.contractId]);
    await withTenant(database.db, s.contractId, (trx) =>
      trx
        .updateTable('leaveTypes')
        .set({ allowHours: true })
        .where('contractId', '=', s.contractId)
        .execute(),
    );
    await s.take({ date: '2023-10-02', unit: 'am' });
    await s.take({ date: '2023-10-03', unit: 'pm' });
    await s.take({ date: '2023-10-04', unit: 'hours', hours: 3 });
    const balance = await s.balance('2023-10-31');
    // 10 − 0.5 − 0.5 − 3/8 = 8.625 days: 8 days and 5 hours.
    expect(balance.validDaysAtAsOf).toBe(8.625);
    expect(balance.valid).toEqual({ days: 8, hours: 5 });
    // 7時間30分 a day counts as 8 hours (a fraction of an hour rounds up).
    const part = await setup({ hiredOn: '2023-04-01', weeklyDays: 4, weeklyMinutes: 4 * 450 });
    await grantDueLeave(database.db, at('2023-10-01'), [part.contractId]);
    await withTenant(database.db, part.contractId, (trx) =>
      trx
        .updateTable('leaveTypes')
        .set({ allowHours: true })
        .where('contractId', '=', part.contractId)
        .execute(),
    );
    await part.take({ date: '2023-10-04', unit: 'hours', hours: 4 });
    // 30 h a week (not under 30 h): the full-time table, 10 days.
    const b = await part.balance('2023-10-31');
    expect(b.hoursPerDay).toBe(8);
    expect(b.validDaysAtAsOf).toBe(9.5);
  });

  it('keeps 時間単位 within 5 days a year (39条4項) and off unless the contract turns it on', async () => {
    const s = await setup({ hiredOn: '2023-04-01' });
    await grantDueLeave(database.db, at('2023-10-01'), [s.contractId]);
    expect((await rejection(s.take({ date: '2023-10-02', unit: 'hours', hours: 2 }))).code).toBe(
      'leave_unit_invalid',
    );
    await withTenant(database.db, s.contractId, (trx) =>
      trx
        .updateTable('leaveTypes')
        .set({ allowHours: true })
        .where('contractId', '=', s.contractId)
        .execute(),
    );
    for (let day = 2; day <= 6; day++) {
      await s.take({ date: `2023-10-0${day}`, unit: 'hours', hours: 7 });
      await s.take({ date: `2023-10-0${day}`, unit: 'hours', hours: 1 });
    }
    expect((await rejection(s.take({ date: '2023-10-10', unit: 'hours', hours: 1 }))).code).toBe(
      'leave_hours_limit',
    );
  });

  it('expires a grant at 基準日 + 2 years − 1 day, as grantPaidLeave says', async () => {
    const s = await setup({ hiredOn: '2021-04-01' });
    await grantDueLeave(database.db, at('2023-10-02'), [s.contractId]);
    const law = grantPaidLeave({
      hireDate: '2021-04-01',
      asOf: '2023-10-02',
      weeklyScheduledDays: 5,
      weeklyScheduledMinutes: 2400,
    });
    expect(law.grants[0]).toMatchObject({ grantDate: '2021-10-01', expiresOn: '2023-09-30' });
    // On its last day the first grant still counts; the day after, only the later ones.
    expect((await s.balance('2023-09-30')).validDaysAtAsOf).toBe(10 + 11);
    expect((await s.balance('2023-10-01')).validDaysAtAsOf).toBe(11 + 12);
    // 2023-09-29 (Friday) takes from the first grant, 2023-10-02 (Monday) from the next.
    await s.take({ date: '2023-09-29', unit: 'full' });
    await s.take({ date: '2023-10-02', unit: 'full' });
    const balance = await s.balance('2023-10-02');
    expect(balance.grants.map((g) => [g.grantDate, g.used])).toEqual([
      ['2021-10-01', 1],
      ['2022-10-01', 1],
      ['2023-10-01', 0],
    ]);
  });

  it('refuses leave that no valid grant covers, and a second leave on a taken day', async () => {
    const s = await setup({ hiredOn: '2024-04-01' });
    expect((await rejection(s.take({ date: '2024-09-30', unit: 'full' }))).code).toBe(
      'leave_balance_insufficient',
    );
    await grantDueLeave(database.db, at('2024-10-01'), [s.contractId]);
    await s.take({ date: '2024-10-02', unit: 'am' });
    expect((await rejection(s.take({ date: '2024-10-02', unit: 'full' }))).code).toBe('leave_day_taken');
    expect((await rejection(s.take({ date: '2024-10-02', unit: 'am' }))).code).toBe('leave_day_taken');
    await s.take({ date: '2024-10-02', unit: 'pm' });
    const preview = await withTenant(database.db, s.contractId, (trx) =>
      balanceAfter(trx, s.contractId, {
        staffId: s.staffId,
        date: '2024-10-03',
        leaveTypeId: s.annual.id,
        unit: 'full',
      }),
    );
    expect(preview).toEqual({ annual: true, before: 9, after: 8, covered: true });
  });

  it('refuses leave on a 所定休日 with leave_on_day_off, and consumes nothing', async () => {
    const s = await setup({ hiredOn: '2024-04-01' });
    await grantDueLeave(database.db, at('2024-10-01'), [s.contractId]);
    // 2024-10-05 and 2024-10-06 are a Saturday and a Sunday: no scheduled work.
    for (const date of ['2024-10-05', '2024-10-06']) {
      const refused = await rejection(s.take({ date, unit: 'full' }));
      expect(refused.code).toBe('leave_on_day_off');
      expect((await rejection(s.take({ date, unit: 'am' }))).code).toBe('leave_on_day_off');
    }
    expect((await s.balance('2024-10-07')).validDaysAtAsOf).toBe(10);
    await s.take({ date: '2024-10-07', unit: 'full' });
    expect((await s.balance('2024-10-07')).grants[0]!.used).toBe(1);
  });
});

describe('出勤率 and 年5日', () => {
  it('skips a 基準日 whose year an administrator rated under 80 %, with the reason; service still counts', async () => {
    const s = await setup({ hiredOn: '2022-04-01' });
    await withTenant(database.db, s.contractId, (trx) =>
      trx
        .insertInto('leaveRateOverrides')
        .values({
          contractId: s.contractId,
          staffId: s.staffId,
          grantDate: '2023-10-01',
          rate: 0.5,
          reason: '長期欠勤',
        })
        .execute(),
    );
    await grantDueLeave(database.db, at('2024-10-01'), [s.contractId]);
    const rows = await s.grants();
    expect(rows.map((g) => [g.grantDate, g.days, g.skipped, g.reason])).toEqual([
      ['2022-10-01', 10, false, ''],
      ['2023-10-01', 0, true, '長期欠勤'],
      ['2024-10-01', 12, false, ''],
    ]);
    const balance = await s.balance('2024-10-01');
    expect(balance.skipped).toEqual([{ grantDate: '2023-10-01', attendanceRate: 0.5, reason: '長期欠勤' }]);
    expect(balance.validDaysAtAsOf).toBe(12);
  });

  it('computes the rate from the records: scheduled days without punches since registration are 欠勤', async () => {
    const s = await setup({ hiredOn: '2022-04-01' });
    // Registered here on 2022-01-04, so the whole year to the first 基準日 is judged, and no punch.
    await withTenant(database.db, s.contractId, (trx) =>
      trx
        .updateTable('staff')
        .set({ createdAt: new Date('2022-01-04T00:00:00Z') })
        .where('contractId', '=', s.contractId)
        .where('id', '=', s.staffId)
        .execute(),
    );
    await grantDueLeave(database.db, at('2022-10-01'), [s.contractId]);
    const [row] = await s.grants();
    expect(row).toMatchObject({ grantDate: '2022-10-01', days: 0, skipped: true, attendanceRate: 0 });
    expect(row!.reason).toContain('80%');
  });

  it('lists staff short of 5 days with less than 3 months left', async () => {
    const s = await setup({ hiredOn: '2023-04-01' });
    await grantDueLeave(database.db, at('2023-10-01'), [s.contractId]);
    await s.take({ date: '2024-07-01', unit: 'full' });
    await s.take({ date: '2024-07-02', unit: 'am' });
    // Deadline 2024-09-30: on 2024-06-30 more than 3 months are left; on 2024-07-01 fewer.
    expect(await fiveDayObligationsAtRisk(database.db, s.contractId, '2024-06-29')).toEqual([]);
    const list = await fiveDayObligationsAtRisk(database.db, s.contractId, '2024-07-15');
    expect(list).toMatchObject([
      { staffId: s.staffId, grantDate: '2023-10-01', deadline: '2024-09-30', taken: 1.5, short: 3.5 },
    ]);
    for (const day of ['03', '04', '05', '08']) await s.take({ date: `2024-07-${day}`, unit: 'full' });
    expect(await fiveDayObligationsAtRisk(database.db, s.contractId, '2024-07-15')).toEqual([]);
  });
});
