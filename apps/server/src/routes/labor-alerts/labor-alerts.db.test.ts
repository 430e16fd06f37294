import { randomUUID } from 'node:crypto';
import { checkAgreement36 } from '@timecard/domain';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { runCliOn } from '../../cli/main.ts';
import { loadConfig } from '../../config.ts';
import { type Database, withTenant } from '../../db/database.ts';
import { insertPunches, type NewPunch } from '../../repositories/punch.repository.ts';
import { importPunches } from '../../services/punch-import.service.ts';
import { attendanceSummary } from '../../services/report.service.ts';
import { ApiClient } from '../../testing/api-client.ts';
import { type BuiltContract, buildContract, buildStaff } from '../../testing/factories.ts';
import { openTestDatabase } from '../../testing/test-database.ts';

// Issue 19: alerts from punches through the whole stack — CSV import (the punch trigger marks the
// staff-months stale), the engine, the stored totals, the API and the CLI.
// "Now" is 2025-06-16 12:00 JST: 6/15 is the last day that has ended.
const NOW = new Date('2025-06-16T03:00:00Z');
let database: Database;
let app: FastifyInstance;
const ctx = () => ({ db: database.db, publicUrl: 'http://x', now: () => NOW });

const pad = (n: number) => String(n).padStart(2, '0');
const hm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** The first `days` weekdays of a month, 09:00–18:00 with a 1 h break plus `extra` minutes each. */
function overtimeMonth(code: string, month: string, days: number, extra: number): string[] {
  const lines: string[] = [];
  let used = 0;
  for (let d = 1; d <= 31 && used < days; d++) {
    const date = new Date(`${month}-${pad(d)}T00:00:00Z`);
    if (date.getUTCMonth() + 1 !== Number(month.slice(5))) break;
    const wd = date.getUTCDay();
    if (wd === 0 || wd === 6) continue;
    const day = `${month}-${pad(d)}`;
    used += 1;
    lines.push(
      `${code},clock_in,${day}T09:00`,
      `${code},break_start,${day}T12:00`,
      `${code},break_end,${day}T13:00`,
      `${code},clock_out,${day}T${hm(18 * 60 + extra)}`,
    );
  }
  return lines;
}

const csv = (lines: string[]) => Buffer.from(`staff_code,type,at\n${lines.join('\n')}\n`);

async function setup(specialClause: boolean) {
  const c = await buildContract(database.db, { plan: 'premium' });
  const admin = new ApiClient(app);
  await admin.login(c.adminEmail, c.adminPassword);
  const saved = await admin.put('/settings/labor-alerts', {
    agreementStartMonth: '2024-07',
    specialClause,
    monthLimitMinutes: 45 * 60,
    yearLimitMinutes: (specialClause ? 720 : 360) * 60,
    warningPercent: 80,
    consecutiveDays: 12,
    intervalMinutes: 660,
    longVacations: [],
    studentStaffIds: [],
  });
  expect(saved.status).toBe(200);
  return { c, admin };
}

async function staffOf(c: BuiltContract, code: string, name = code) {
  return (
    await buildStaff(database.db, c.contractId, { name, code, email: null, offices: [{ officeId: 1 }] })
  ).staffId;
}

type Alert = { code: string; staffCode: string; month: string; date: string | null; severity: string };

async function alerts(api: ApiClient, query = 'from=2024-07&to=2025-06') {
  const answer = await api.get(`/labor-alerts?${query}`);
  expect(answer.status).toBe(200);
  return answer.body as { items: (Alert & Record<string, unknown>)[]; counts: Record<string, number> };
}

/** The reference: checkAgreement36 over the monthly totals of the 集計・出力 report (the same engine). */
async function reference(contractId: string, code: string, specialClause: boolean) {
  const months = [];
  for (let i = 0; i < 12; i++) {
    const y = 2024 + Math.floor((6 + i) / 12);
    const m = ((6 + i) % 12) + 1;
    const month = `${y}-${pad(m)}`;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const { rows } = await attendanceSummary(ctx(), contractId, {
      from: `${month}-01`,
      to: `${month}-${pad(last)}`,
      staffCode: code,
    });
    months.push({
      month,
      overtimeMinutes: rows[0]!.statutoryOvertime,
      legalHolidayMinutes: rows[0]!.legalHolidayWork,
    });
  }
  return checkAgreement36({ specialClause, agreementStartMonth: '2024-07' }, months).violations;
}

async function cliAlerts(contractId: string) {
  const lines: string[] = [];
  await runCliOn(
    database,
    ['alerts', '--contract', contractId, '--from', '2024-07', '--to', '2025-06', '--json'],
    (l) => lines.push(l),
  );
  return JSON.parse(lines.join('\n')) as {
    agreement36: ({ staffCode: string } & Record<string, unknown>)[];
    other: ({ staffCode: string; code: string } & Record<string, unknown>)[];
  };
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildApp({
    config: loadConfig({ LOG_LEVEL: 'silent' }),
    database,
    serveWeb: false,
    now: () => NOW,
  });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('36協定 without a special clause', () => {
  it('reports BASIC_MONTH_OVER_45H and BASIC_YEAR_OVER_360H, the CLI list equal to checkAgreement36 over the stored punches', async () => {
    const { c, admin } = await setup(false);
    await staffOf(c, 'B-1');
    const lines: string[] = [];
    // 46 h in July, then 41 h a month: the year passes 360 h in March.
    lines.push(...overtimeMonth('B-1', '2024-07', 10, 276));
    for (const month of [
      '2024-08',
      '2024-09',
      '2024-10',
      '2024-11',
      '2024-12',
      '2025-01',
      '2025-02',
      '2025-03',
    ]) {
      lines.push(...overtimeMonth('B-1', month, 15, 164));
    }
    await importPunches(ctx(), c.contractId, csv(lines));
    const list = await alerts(admin);
    expect(list.items).toContainEqual(
      expect.objectContaining({
        code: 'BASIC_MONTH_OVER_45H',
        month: '2024-07',
        minutes: 2760,
        severity: 'violation',
      }),
    );
    expect(list.items).toContainEqual(
      expect.objectContaining({ code: 'BASIC_YEAR_OVER_360H', month: '2025-03', severity: 'violation' }),
    );
    const cli = await cliAlerts(c.contractId);
    const expected = await reference(c.contractId, 'B-1', false);
    expect(expected.map((v) => v.code)).toEqual(
      expect.arrayContaining(['BASIC_MONTH_OVER_45H', 'BASIC_YEAR_OVER_360H']),
    );
    expect(cli.agreement36).toEqual(expected.map((v) => ({ staffCode: 'B-1', ...v })));
  });
});

describe('36協定 with a special clause', () => {
  it('reports the 100 h month, the 2–6-month average, more than 6 months over 45 h and 720 h, equal to checkAgreement36', async () => {
    const { c, admin } = await setup(true);
    await staffOf(c, 'S-1');
    await staffOf(c, 'S-2');
    const lines: string[] = [];
    // S-1: 100 h in July 2024 (20 days × 5 h), 85 h in August (17 × 5 h): 100h00 and a 2-month average of 92 h 30.
    lines.push(...overtimeMonth('S-1', '2024-07', 20, 300), ...overtimeMonth('S-1', '2024-08', 17, 300));
    // S-2: 61 h 30 a month (15 days × 4 h 06) for 12 months: the 7th month over 45 h, and 738 h in the year.
    for (let i = 0; i < 12; i++) {
      const y = 2024 + Math.floor((6 + i) / 12);
      const m = ((6 + i) % 12) + 1;
      lines.push(...overtimeMonth('S-2', `${y}-${pad(m)}`, 15, 246));
    }
    await importPunches(ctx(), c.contractId, csv(lines));
    const list = await alerts(admin);
    const codes = (code: string) => list.items.filter((a) => a.code === code);
    expect(codes('SINGLE_MONTH_100H_OR_MORE')).toContainEqual(
      expect.objectContaining({ staffCode: 'S-1', month: '2024-07', minutes: 6000 }),
    );
    expect(codes('MULTI_MONTH_AVERAGE_OVER_80H')).toContainEqual(
      expect.objectContaining({ staffCode: 'S-1', month: '2024-08', windowMonths: 2, averageMinutes: 5550 }),
    );
    expect(codes('SPECIAL_MONTHS_OVER_45H_EXCEEDED')).toContainEqual(
      expect.objectContaining({ staffCode: 'S-2', month: '2025-01', count: 7 }),
    );
    expect(codes('SPECIAL_YEAR_OVER_720H')).toContainEqual(
      expect.objectContaining({ staffCode: 'S-2', month: '2025-06' }),
    );
    const cli = await cliAlerts(c.contractId);
    const expected = [
      ...(await reference(c.contractId, 'S-1', true)).map((v) => ({ staffCode: 'S-1', ...v })),
      ...(await reference(c.contractId, 'S-2', true)).map((v) => ({ staffCode: 'S-2', ...v })),
    ];
    expect(cli.agreement36).toEqual(expected);
  });
});

describe('day alerts, projections and incremental updates', () => {
  it('flags 休憩不足, 未打刻 (not for today), 勤務間インターバル, 連続勤務 and a 留学生 over 28 h, and projects the month end', async () => {
    const { c, admin } = await setup(false);
    const worker = await staffOf(c, 'D-1');
    const student = await staffOf(c, 'R-1');
    const pace = await staffOf(c, 'P-1');
    const settings = (await admin.get('/settings/labor-alerts')).body;
    expect(
      (await admin.put('/settings/labor-alerts', { ...settings, studentStaffIds: [student] })).status,
    ).toBe(200);
    const lines = [
      // 休憩不足: 8 h with no break.
      'D-1,clock_in,2025-06-02T09:00',
      'D-1,clock_out,2025-06-02T17:00',
      // 未打刻: no clock-out on 6/3 (over); today's open shift (6/16) is not 未打刻.
      'D-1,clock_in,2025-06-03T09:00',
      'D-1,clock_in,2025-06-16T09:00',
      // 勤務間インターバル: out 23:00 on 6/4, in 08:00 on 6/5 (9 h).
      'D-1,clock_in,2025-06-04T14:00',
      'D-1,break_start,2025-06-04T18:00',
      'D-1,break_end,2025-06-04T19:00',
      'D-1,clock_out,2025-06-04T23:00',
      'D-1,clock_in,2025-06-05T08:00',
      'D-1,break_start,2025-06-05T12:00',
      'D-1,break_end,2025-06-05T13:00',
      'D-1,clock_out,2025-06-05T14:00',
    ];
    // 連続勤務: 6/1–6/13 every day (13 days), from 6/12 the 12th in a row.
    for (let d = 1; d <= 13; d++) {
      lines.push(`R-1,clock_in,2025-06-${pad(d)}T10:00`, `R-1,clock_out,2025-06-${pad(d)}T15:00`);
    }
    // The pace: 2 h 36 of 時間外 on each of the 10 weekdays 6/2–6/13 = 26 h by 6/15 → 52 h on 6/30.
    lines.push(...overtimeMonth('P-1', '2025-06', 10, 156));
    await importPunches(ctx(), c.contractId, csv(lines));

    const list = await alerts(admin, 'from=2025-06&to=2025-06');
    const of = (code: string) =>
      list.items.filter((a) => a.code === code).map((a) => `${a.staffCode}@${a.date}`);
    expect(of('BREAK_SHORTAGE')).toEqual(['D-1@2025-06-02']);
    expect(of('MISSING_CLOCK_OUT')).toEqual(['D-1@2025-06-03']);
    expect(of('INTERVAL_SHORT')).toEqual(['D-1@2025-06-05']);
    expect(list.items.find((a) => a.code === 'INTERVAL_SHORT')).toMatchObject({
      minutes: 540,
      severity: 'notice',
    });
    expect(of('CONSECUTIVE_WORKDAYS')).toEqual(['R-1@2025-06-12']);
    // 6/9–6/15 (Sunday weeks: 6/8–6/14): 6 days × 5 h = 30 h > 28 h.
    expect(of('STUDENT_WEEK_OVER_28H')).toContain('R-1@2025-06-08');
    expect(list.items.find((a) => a.code === 'MONTH_END_PROJECTION')).toMatchObject({
      staffCode: 'P-1',
      minutes: 1560,
      projectedMinutes: 52 * 60,
      severity: 'warning',
    });

    const cli = await cliAlerts(c.contractId);
    expect(cli.other).toContainEqual({ staffCode: 'D-1', code: 'BREAK_SHORTAGE', date: '2025-06-02' });
    expect(cli.other.map((a) => a.code)).toEqual(
      expect.arrayContaining([
        'MISSING_CLOCK_OUT',
        'INTERVAL_SHORT',
        'CONSECUTIVE_WORKDAYS',
        'STUDENT_WEEK_OVER_28H',
      ]),
    );

    // A correction lands: the break of 6/2 is added; only that month is recomputed, and the alert goes.
    const paceBefore = (
      await database.db
        .selectFrom('staffMonthTotals')
        .select(['month', 'computedAt'])
        .where('contractId', '=', c.contractId)
        .where('staffId', '=', pace)
        .orderBy('month')
        .execute()
    ).map((r) => `${r.month}:${r.computedAt?.toISOString()}`);
    const before = await database.db
      .selectFrom('staffMonthTotals')
      .select(['month', 'computedAt'])
      .where('contractId', '=', c.contractId)
      .where('staffId', '=', worker)
      .orderBy('month')
      .execute();
    const fixed = await admin.put(`/timecards/${worker}/days/2025-06-02`, {
      punches: [
        { type: 'clock_in', at: '2025-06-02T09:00' },
        { type: 'break_start', at: '2025-06-02T12:00' },
        { type: 'break_end', at: '2025-06-02T13:00' },
        { type: 'clock_out', at: '2025-06-02T17:00' },
      ],
      reason: '休憩の打刻漏れ',
    });
    expect(fixed.status).toBe(200);
    const stale = await database.db
      .selectFrom('staffMonthTotals')
      .select(['month'])
      .where('contractId', '=', c.contractId)
      .whereRef('computedVersion', '<', 'version')
      .execute();
    expect(stale.map((r) => r.month).sort()).toEqual(['2025-05', '2025-06', '2025-07']);
    const after = await alerts(admin, 'from=2025-06&to=2025-06');
    expect(after.items.filter((a) => a.code === 'BREAK_SHORTAGE')).toEqual([]);
    // Only the corrected person's months were computed again; the others kept their results.
    const computedAt = async (staffId: number) =>
      (
        await database.db
          .selectFrom('staffMonthTotals')
          .select(['month', 'computedAt'])
          .where('contractId', '=', c.contractId)
          .where('staffId', '=', staffId)
          .orderBy('month')
          .execute()
      ).map((r) => `${r.month}:${r.computedAt?.toISOString()}`);
    expect(await computedAt(pace)).toEqual(paceBefore);
    expect(await computedAt(worker)).not.toEqual(
      before.map((r) => `${r.month}:${r.computedAt?.toISOString()}`),
    );
  });

  it('flags 未打刻 MISSING_BREAK_END for a break started and never ended, until a correction ends it', async () => {
    const { c, admin } = await setup(false);
    const person = await staffOf(c, 'B-1');
    // Stored punches (the clock refuses a clock-out on a break, the CSV import such a day; what is
    // recorded all the same — e.g. by an older terminal — must still be flagged): on 6/9 the break
    // of 12:00 is never ended, though the day is clocked out.
    const punch = (type: NewPunch['type'], at: string) =>
      withTenant(database.db, c.contractId, (trx) =>
        insertPunches(trx, c.contractId, [
          {
            staffId: person,
            officeId: 1,
            type,
            punchedAt: new Date(`${at}:00+09:00`),
            deviceAt: null,
            workDate: at.slice(0, 10),
            source: 'web_clock',
            idempotencyKey: randomUUID(),
            terminalId: null,
            actorAccountId: null,
            flags: {},
          },
        ]),
      );
    await punch('clock_in', '2025-06-09T09:00');
    await punch('break_start', '2025-06-09T12:00');
    await punch('clock_out', '2025-06-09T18:00');
    // 6/10: a complete day with its break.
    await punch('clock_in', '2025-06-10T09:00');
    await punch('break_start', '2025-06-10T12:00');
    await punch('break_end', '2025-06-10T13:00');
    await punch('clock_out', '2025-06-10T18:00');
    const list = await alerts(admin, 'from=2025-06&to=2025-06');
    expect(list.items.filter((a) => a.staffCode === 'B-1').map((a) => `${a.code}@${a.date}`)).toEqual([
      'MISSING_BREAK_END@2025-06-09',
    ]);
    expect(list.items.find((a) => a.code === 'MISSING_BREAK_END')).toMatchObject({
      staffCode: 'B-1',
      month: '2025-06',
      severity: 'notice',
    });
    const cli = await cliAlerts(c.contractId);
    expect(cli.other.filter((a) => a.staffCode === 'B-1')).toEqual([
      { staffCode: 'B-1', code: 'MISSING_BREAK_END', date: '2025-06-09' },
    ]);

    const fixed = await admin.put(`/timecards/${person}/days/2025-06-09`, {
      punches: [
        { type: 'clock_in', at: '2025-06-09T09:00' },
        { type: 'break_start', at: '2025-06-09T12:00' },
        { type: 'break_end', at: '2025-06-09T13:00' },
        { type: 'clock_out', at: '2025-06-09T18:00' },
      ],
      reason: '休憩終了の打刻漏れ',
    });
    expect(fixed.status).toBe(200);
    const after = await alerts(admin, 'from=2025-06&to=2025-06');
    expect(after.items.filter((a) => a.staffCode === 'B-1')).toEqual([]);
  });

  it('lets staff see only their own alerts, and keeps 確認済 with its comment in the 操作ログ', async () => {
    const { c, admin } = await setup(false);
    const own = await buildStaff(database.db, c.contractId, {
      name: '本人',
      code: 'O-1',
      offices: [{ officeId: 1 }],
    });
    await staffOf(c, 'O-2');
    await importPunches(
      ctx(),
      c.contractId,
      csv([
        'O-1,clock_in,2025-06-02T09:00',
        'O-1,clock_out,2025-06-02T17:00',
        'O-2,clock_in,2025-06-02T09:00',
        'O-2,clock_out,2025-06-02T17:00',
      ]),
    );
    const me = new ApiClient(app);
    await me.login(own.email!, own.password);
    const mine = await alerts(me, 'from=2025-06&to=2025-06');
    expect(mine.items.map((a) => a.staffCode)).toEqual(['O-1']);
    expect(
      (await me.post('/labor-alerts/acknowledgements', { key: mine.items[0]!.key, comment: 'x' })).status,
    ).toBe(403);

    const all = await alerts(admin, 'from=2025-06&to=2025-06');
    const target = all.items.find((a) => a.staffCode === 'O-2')!;
    const ack = await admin.post('/labor-alerts/acknowledgements', {
      key: target.key,
      comment: '休憩は取得済み',
    });
    expect(ack.status).toBe(200);
    const again = await alerts(admin, 'from=2025-06&to=2025-06&acknowledged=yes');
    expect(again.items).toEqual([
      expect.objectContaining({
        key: target.key,
        acknowledged: expect.objectContaining({ comment: '休憩は取得済み' }),
      }),
    ]);
    const log = await database.db
      .selectFrom('auditLog')
      .select(['action', 'details'])
      .where('contractId', '=', c.contractId)
      .where('action', '=', 'staff.labor_alert_acknowledged')
      .execute();
    expect(log).toEqual([
      expect.objectContaining({ details: expect.objectContaining({ comment: '休憩は取得済み' }) }),
    ]);
  });
});
