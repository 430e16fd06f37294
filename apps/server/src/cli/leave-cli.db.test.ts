import { AppError, grantPaidLeave } from '@timecard/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { buildContract } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { runCliOn } from './main.ts';

let database: Database;
let contractId: string;
beforeAll(async () => {
  database = await openTestDatabase();
  contractId = (await buildContract(database.db, { plan: 'premium_plus' })).contractId;
});
afterAll(async () => {
  await database.close();
});

async function run(args: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runCliOn(database, args, (line) => lines.push(line));
  return lines;
}

let sequence = 0;

describe('timecard leave balance --json (issue 17)', () => {
  it('prints the shape of the issue: hired 2018-04-01, 5 days a week, 38 valid days at 2025-04-01', async () => {
    await run([
      'staff',
      'add',
      '--contract',
      contractId,
      '--name',
      '有給 太郎',
      '--code',
      'L-2018',
      '--hired-on',
      '2018-04-01',
      '--weekly-days',
      '5',
      '--weekly-hours',
      '40',
    ]);
    const [json] = await run([
      'leave',
      'balance',
      '--contract',
      contractId,
      '--staff',
      'L-2018',
      '--as-of',
      '2025-04-01',
      '--json',
    ]);
    const balance = JSON.parse(json!);
    expect(balance.validDaysAtAsOf).toBe(38);
    expect(balance.nextGrant).toEqual({ date: '2025-10-01', days: 20 });
    expect(balance.grants.at(-1)).toEqual({
      grantDate: '2024-10-01',
      days: 20,
      expiresOn: '2026-09-30',
      used: 0,
      remaining: 20,
      fiveDayObligation: true,
      fiveDayDeadline: '2025-09-30',
    });
    expect(balance.grants[0]).toEqual({
      grantDate: '2018-10-01',
      days: 10,
      expiresOn: '2020-09-30',
      used: 0,
      remaining: 10,
      fiveDayObligation: false,
    });
  });

  it('agrees with grantPaidLeave for any hire date and week', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.date({
          min: new Date('2010-01-01T00:00:00Z'),
          max: new Date('2026-06-30T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 3000 }),
        fc.constantFrom([5, 40], [4, 29], [3, 20], [2, 12], [1, 6], [4, 32]),
        async (hire, afterDays, [days, hours]) => {
          const hireDate = hire.toISOString().slice(0, 10);
          const asOf = new Date(hire.getTime() + afterDays * 86_400_000).toISOString().slice(0, 10);
          const code = `P-${++sequence}`;
          await run([
            'staff',
            'add',
            '--contract',
            contractId,
            '--name',
            `比例 ${sequence}`,
            '--code',
            code,
            '--hired-on',
            hireDate,
            '--weekly-days',
            String(days),
            '--weekly-hours',
            String(hours),
          ]);
          const [json] = await run([
            'leave',
            'balance',
            '--contract',
            contractId,
            '--staff',
            code,
            '--as-of',
            asOf,
            '--json',
          ]);
          const law = grantPaidLeave({
            hireDate,
            asOf,
            weeklyScheduledDays: days!,
            weeklyScheduledMinutes: hours! * 60,
          });
          expect(JSON.parse(json!)).toEqual({
            grants: law.grants.map(({ serviceYears: _s, ...g }) => ({ ...g, used: 0, remaining: g.days })),
            validDaysAtAsOf: law.validDaysAtAsOf,
            nextGrant: law.nextGrant,
          });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses a bad week on staff add, in both languages', async () => {
    const error = await run([
      'staff',
      'add',
      '--contract',
      contractId,
      '--name',
      '週 八日',
      '--weekly-days',
      '8',
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toMatchObject({ weeklyDays: 'weekly_days_invalid' });
  });
});
