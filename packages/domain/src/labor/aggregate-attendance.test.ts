import { describe, expect, it } from 'vitest';
import type { AttendanceEvent } from './punch-segments.ts';
import {
  buildOfficeDay,
  buildSettings,
  buildShift,
  run,
  ZERO_TOTALS,
} from './testing/attendance-builders.ts';

// Calendar used below: 2025-06-01 is a Sunday, so Mon 06-02 … Sat 06-07, Sun 06-08 (法定休日 by
// default), Mon 06-09, Mon 06-16. 2025-08-01 is a Friday; 2025-07-27 a Sunday.
const NO_36 = {
  overtimeMinutes: 0,
  overtimePlusLegalHolidayMinutes: 0,
  exceeds45h: false,
  reaches100h: false,
};

describe('labor-rules.md §12 example', () => {
  it('09:00–18:00 with a punched 12:00–13:00 break is 480 所定内 and nothing else', () => {
    expect(run('2025-06-02', '2025-06-02', buildOfficeDay('2025-06-02'))).toEqual({
      ...ZERO_TOTALS,
      worked: 480,
      scheduledWithin: 480,
      incomplete: [],
      warnings: [],
      agreement36: NO_36,
    });
  });
});

describe('§2/§4 所定内, 法定内残業, 法定外', () => {
  it('work past 8 h is 法定外 (daily OT)', () => {
    // 09:00–20:00 minus 60 break = 600 worked; the 481st minute (18:00) onwards is daily OT: 120.
    const t = run(
      '2025-06-02',
      '2025-06-02',
      buildShift('2025-06-02', '09:00', '20:00', [['12:00', '13:00']]),
    );
    expect(t).toMatchObject({
      worked: 600,
      scheduledWithin: 480,
      statutoryWithinOvertime: 0,
      statutoryOvertime: 120,
      statutoryOvertimeUpTo60h: 120,
      lateNight: 0,
    });
  });

  it('work past a 7 h 所定 but within 8 h is 法定内残業', () => {
    // 所定 09:00–17:00 with a 12:00–13:00 break = 420. Worked 09:00–18:00 minus break = 480:
    // 所定内 420, 所定外 60, none beyond 480 → 法定内残業 60, 法定外 0.
    const settings = buildSettings({
      schedule: {
        default: { start: '09:00', end: '17:00', breaks: [['12:00', '13:00']] },
        byWeekday: {},
        byDate: {},
      },
    });
    const t = run('2025-06-02', '2025-06-02', buildOfficeDay('2025-06-02'), settings);
    expect(t).toMatchObject({
      worked: 480,
      scheduledWithin: 420,
      statutoryWithinOvertime: 60,
      statutoryOvertime: 0,
    });
  });

  it('早出 is not OT as such: counting starts at clock-in (CONVENTION §4 step 4)', () => {
    // 04:00–14:00 with the 12:00–13:00 break: 540 worked. Minutes 1–480 run 04:00–12:00, so OT is
    // 13:00–14:00 = 60, not the early 04:00–05:00. earlyLeave = 14:00–18:00 = 240 scheduled minutes.
    // 所定内 = min(540, 480 − 240) = 240; 所定外 300; 法定内残業 = 300 − 60 = 240.
    // 深夜 04:00–05:00 = 60, none of it on OT.
    const t = run(
      '2025-06-02',
      '2025-06-02',
      buildShift('2025-06-02', '04:00', '14:00', [['12:00', '13:00']]),
    );
    expect(t).toMatchObject({
      worked: 540,
      scheduledWithin: 240,
      statutoryWithinOvertime: 240,
      statutoryOvertime: 60,
      earlyLeave: 240,
      lateNight: 60,
      lateNightOnStatutoryOvertime: 0,
    });
  });

  it('work through the lunch break is worked time, and flagged', () => {
    // 09:00–18:00 without a punched break: 540 worked, 60 daily OT, no rest at all → BREAK_SHORTAGE.
    const t = run('2025-06-02', '2025-06-02', buildShift('2025-06-02', '09:00', '18:00'));
    expect(t).toMatchObject({ worked: 540, scheduledWithin: 480, statutoryOvertime: 60 });
    expect(t.warnings).toEqual(['BREAK_SHORTAGE@2025-06-02']);
  });
});

describe('§1/§2 weeks: 40 h, month boundaries, 特例 44 h, paid leave', () => {
  const monToFri = ['2025-06-02', '2025-06-03', '2025-06-04', '2025-06-05', '2025-06-06'].flatMap(
    buildOfficeDay,
  );

  it('a 所定休日 Saturday after 40 h is all weekly OT', () => {
    // Mon–Fri 5 × 480 = 2400 = the weekly limit; Saturday's 480 minutes are each > 2400 → 法定外.
    const t = run('2025-06-01', '2025-06-07', [...monToFri, ...buildOfficeDay('2025-06-07')]);
    expect(t).toMatchObject({
      worked: 2880,
      scheduledWithin: 2400,
      statutoryWithinOvertime: 0,
      statutoryOvertime: 480,
      statutoryOvertimeInsideSchedule: 0,
    });
  });

  it('the 44 h 特例 (weeklyLimitMinutes 2640) keeps 4 Saturday hours 法定内', () => {
    // 2400 + 240 = 2640: within the 特例 limit, so Saturday 09:00–13:00 is 法定内残業 (no schedule).
    const saturday = buildShift('2025-06-07', '09:00', '13:00');
    const special = run(
      '2025-06-01',
      '2025-06-07',
      [...monToFri, ...saturday],
      buildSettings({ weeklyLimitMinutes: 2640 }),
    );
    expect(special).toMatchObject({ worked: 2640, statutoryWithinOvertime: 240, statutoryOvertime: 0 });
    // The same week under 40 h: those 240 minutes are 法定外.
    const normal = run('2025-06-01', '2025-06-07', [...monToFri, ...saturday]);
    expect(normal).toMatchObject({ statutoryWithinOvertime: 0, statutoryOvertime: 240 });
  });

  it('paid leave is not worked time and does not count toward 40 h', () => {
    // Monday is 年休; Tue–Fri 1920 + Saturday 480 = 2400: no OT. Saturday is 法定内残業.
    const events = [...monToFri.slice(4), ...buildOfficeDay('2025-06-07')];
    const t = run('2025-06-01', '2025-06-07', events, undefined, [
      { date: '2025-06-02', type: 'paid', days: 1 },
    ]);
    expect(t).toMatchObject({
      worked: 2400,
      scheduledWithin: 1920,
      statutoryWithinOvertime: 480,
      statutoryOvertime: 0,
      paidLeaveDays: 1,
      absenceDays: 0,
    });
  });

  it('weeks run straight across month boundaries; earlier days are context, and the month is causal', () => {
    // Week Sun 07-27 … Sat 08-02. Mon–Thu 07-28..31 = 1920, Fri 08-01 brings it to 2400, so Saturday
    // 08-02 is weekly OT in August's figures.
    const events = [
      ...['2025-07-28', '2025-07-29', '2025-07-30', '2025-07-31', '2025-08-01'].flatMap(buildOfficeDay),
      ...buildOfficeDay('2025-08-02'),
    ];
    const august = run('2025-08-01', '2025-08-31', events);
    expect(august).toMatchObject({ worked: 960, scheduledWithin: 480, statutoryOvertime: 480 });
    // Without the July context Saturday would look like 法定内: the context is what makes it OT.
    const withoutContext = run(
      '2025-08-01',
      '2025-08-31',
      events.filter((e) => e.at >= '2025-08'),
    );
    expect(withoutContext).toMatchObject({ statutoryOvertime: 0, statutoryWithinOvertime: 480 });
    // July closes before the week ends: its four days stay ordinary.
    expect(run('2025-07-01', '2025-07-31', events)).toMatchObject({ worked: 1920, statutoryOvertime: 0 });
  });

  it('weekly OT on a scheduled day comes out of 所定内 as statutoryOvertimeInsideSchedule', () => {
    // weekStart sat: week Sat 06-07 … Fri 06-13. Saturday (所定休日) 480 + Mon–Thu 4 × 480 = 2400, so
    // all 480 scheduled minutes of Friday 06-13 are weekly OT. Friday's 所定外 is 0, so OT is taken from
    // 所定内: scheduledWithin 0, statutoryOvertimeInsideSchedule 480.
    const settings = buildSettings({ weekStart: 'sat' });
    const events = [
      '2025-06-07',
      '2025-06-09',
      '2025-06-10',
      '2025-06-11',
      '2025-06-12',
      '2025-06-13',
    ].flatMap(buildOfficeDay);
    const friday = run('2025-06-13', '2025-06-13', events, settings);
    expect(friday).toMatchObject({
      worked: 480,
      scheduledWithin: 0,
      statutoryWithinOvertime: 0,
      statutoryOvertime: 480,
      statutoryOvertimeInsideSchedule: 480,
    });
  });

  it('weekStart mon moves the Sunday into the week before', () => {
    // legalHoliday sat so Sunday is a plain 所定休日. With weeks Mon–Sun, Mon–Fri 2400 then Sunday 06-08
    // 480 is weekly OT; with weeks Sun–Sat, Sunday 06-08 opens a new week: 法定内.
    const events = [...monToFri, ...buildOfficeDay('2025-06-08')];
    const monWeeks = buildSettings({ weekStart: 'mon', legalHoliday: 'sat' });
    expect(run('2025-06-08', '2025-06-08', events, monWeeks)).toMatchObject({ statutoryOvertime: 480 });
    const sunWeeks = buildSettings({ legalHoliday: 'sat' });
    expect(run('2025-06-08', '2025-06-08', events, sunWeeks)).toMatchObject({
      statutoryOvertime: 0,
      statutoryWithinOvertime: 480,
    });
  });
});

describe('§4 step 4 / §5 the 60 h tier and 深夜', () => {
  // Weekdays 06-02 … 06-20 (15 days), 09:00–23:00 with a 1 h break: 780 worked, OT 18:00–23:00 = 300,
  // of which 22:00–23:00 = 60 is 深夜. Weekly: 5 × 480 = 2400 exactly, so no weekly OT.
  const days = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20].map(
    (d) => `2025-06-${String(d).padStart(2, '0')}`,
  );
  const events = days.flatMap((d) => buildShift(d, '09:00', '23:00', [['12:00', '13:00']]));

  it('OT after the 3600th minute of the pay period is >60h, with its 深夜 share', () => {
    // 12 days × 300 = 3600 up to 60 h; days 13–15 (06-18/19/20) 900 over 60 h, of which 3 × 60 深夜.
    const t = run('2025-06-01', '2025-06-30', events);
    expect(t).toMatchObject({
      worked: 15 * 780,
      scheduledWithin: 15 * 480,
      statutoryOvertime: 4500,
      statutoryOvertimeUpTo60h: 3600,
      statutoryOvertimeOver60h: 900,
      lateNight: 900,
      lateNightOnStatutoryOvertime: 900,
      lateNightOnStatutoryOvertimeOver60h: 180,
      absenceDays: 21 - 15,
    });
    expect(t.agreement36).toEqual({
      overtimeMinutes: 4500,
      overtimePlusLegalHolidayMinutes: 4500,
      exceeds45h: true,
      reaches100h: false,
    });
  });

  it('法定休日 work is excluded from the 60 h count but reaches the 100 h line with OT', () => {
    // Three Sundays 09:00–21:00 with a 1 h break = 3 × 660 = 1980 法定休日労働; the tiers are unchanged.
    // 4500 + 1980 = 6480 ≥ 6000 → reaches100h.
    const sundays = ['2025-06-08', '2025-06-15', '2025-06-22'].flatMap((d) =>
      buildShift(d, '09:00', '21:00', [['12:00', '13:00']]),
    );
    const t = run('2025-06-01', '2025-06-30', [...events, ...sundays]);
    expect(t).toMatchObject({
      statutoryOvertime: 4500,
      statutoryOvertimeUpTo60h: 3600,
      statutoryOvertimeOver60h: 900,
      legalHolidayWork: 1980,
    });
    expect(t.agreement36).toMatchObject({ overtimePlusLegalHolidayMinutes: 6480, reaches100h: true });
  });

  it('OT on a 所定休日 counts toward the 60 h tier; the count restarts each pay period (monthStartDay)', () => {
    // Threshold 60 to keep it small. Each shift 09:00–19:00 with a break = 540 → 60 daily OT.
    const settings = buildSettings({ overtimeTierThresholdMinutes: 60 });
    const shift = (d: string) => buildShift(d, '09:00', '19:00', [['12:00', '13:00']]);
    // Saturday 06-07 (所定休日) 60 OT fills the tier; Monday 06-09's 60 are over it.
    expect(
      run('2025-06-01', '2025-06-30', [...shift('2025-06-07'), ...shift('2025-06-09')], settings),
    ).toMatchObject({ statutoryOvertimeUpTo60h: 60, statutoryOvertimeOver60h: 60 });
    // monthStartDay 16: 06-09 is in the period 05-16..06-15, 06-16 opens a new one: both within the tier.
    const events = [...shift('2025-06-09'), ...shift('2025-06-16')];
    const split = buildSettings({ overtimeTierThresholdMinutes: 60, monthStartDay: 16 });
    expect(run('2025-06-09', '2025-06-16', events, split)).toMatchObject({
      statutoryOvertimeUpTo60h: 120,
      statutoryOvertimeOver60h: 0,
    });
    expect(run('2025-06-09', '2025-06-16', events, settings)).toMatchObject({
      statutoryOvertimeUpTo60h: 60,
      statutoryOvertimeOver60h: 60,
    });
  });

  it('深夜 intersects with OT', () => {
    // 所定 14:00–23:00 with 18:00–19:00 break (480). Worked 14:00–23:30 = 510: OT 23:00–23:30 = 30.
    // 深夜 22:00–23:30 = 90, of which 30 on OT.
    const settings = buildSettings({
      schedule: {
        default: { start: '14:00', end: '23:00', breaks: [['18:00', '19:00']] },
        byWeekday: {},
        byDate: {},
      },
    });
    const t = run(
      '2025-06-02',
      '2025-06-02',
      buildShift('2025-06-02', '14:00', '23:30', [['18:00', '19:00']]),
      settings,
    );
    expect(t).toMatchObject({
      worked: 510,
      scheduledWithin: 480,
      statutoryOvertime: 30,
      lateNight: 90,
      lateNightOnStatutoryOvertime: 30,
    });
  });
});

describe('§1 work dates, overnight shifts and the next-day start cut', () => {
  const night = buildSettings({
    schedule: {
      default: { start: '22:00', end: '07:00', breaks: [['02:00', '03:00']] },
      byWeekday: {},
      byDate: {},
    },
  });

  it('an overnight shift belongs wholly to its start day', () => {
    // Mon 22:00 → Tue 07:00 with 02:00–03:00 break: 480 worked, all on 06-02. 深夜 22:00–05:00 minus
    // the break = 360.
    const events = buildShift('2025-06-02', '22:00', '07:00', [['02:00', '03:00']]);
    expect(run('2025-06-02', '2025-06-02', events, night)).toMatchObject({
      worked: 480,
      scheduledWithin: 480,
      lateNight: 360,
      statutoryOvertime: 0,
    });
    // Tuesday's own 22:00 schedule is unworked: 06-03 alone shows 0 worked and one absence.
    expect(run('2025-06-03', '2025-06-03', events, night)).toMatchObject({ worked: 0, absenceDays: 1 });
  });

  it("minutes from the next day's scheduled start belong to the next day's 勤務", () => {
    // Mon 10:00 → Tue 09:30 (23h30, within the 24 h pairing bound; Mon break 12–13). Cut at Tue 09:00:
    //   Mon: 10:00 → Tue 09:00 minus 60 = 1320 worked; late 09:00–10:00 = 60, so 所定内 =
    //        min(1320, 480 − 60) = 420. The 480th minute ends at 19:00: OT 19:00 → 09:00 = 840, and
    //        法定内残業 = 所定外 900 − 840 = 60. 深夜 22:00–05:00 = 420, all on OT.
    //   Tue: 09:00–09:30 = 30 worked, all 所定内; earlyLeave 09:30–18:00 minus the break = 450.
    const events: AttendanceEvent[] = [
      { type: 'clock_in', at: '2025-06-02T10:00' },
      { type: 'break_start', at: '2025-06-02T12:00' },
      { type: 'break_end', at: '2025-06-02T13:00' },
      { type: 'clock_out', at: '2025-06-03T09:30' },
    ];
    const monday = run('2025-06-02', '2025-06-02', events);
    expect(monday).toMatchObject({
      worked: 1320,
      late: 60,
      scheduledWithin: 420,
      statutoryWithinOvertime: 60,
      statutoryOvertime: 840,
      lateNight: 420,
      lateNightOnStatutoryOvertime: 420,
    });
    const tuesday = run('2025-06-03', '2025-06-03', events);
    expect(tuesday).toMatchObject({
      worked: 30,
      scheduledWithin: 30,
      earlyLeave: 450,
      late: 0,
      absenceDays: 0,
    });
    // Without a schedule on Tuesday there is no cut: all 1410 − 60 = 1350 minutes are Monday's, OT 870.
    const noTuesday = buildSettings({
      schedule: { ...buildSettings().schedule, byDate: { '2025-06-03': null } },
    });
    expect(run('2025-06-02', '2025-06-03', events, noTuesday)).toMatchObject({
      worked: 1350,
      statutoryOvertime: 870,
    });
  });

  it('a clock-in after midnight starts a 勤務 of the next calendar day (§1 literally, no 日付変更時刻)', () => {
    // 所定 22:00–07:00 every day, no breaks (SM 540). Clock-in Tue 00:30, out Tue 07:00: work date Tue,
    // not Monday's late night shift. Monday has no 勤務 → 欠勤. Tuesday's own schedule is Tue 22:00 →
    // Wed 07:00, all of it after the last clock-out: late 0, earlyLeave 540, 所定内 = min(390, 540 − 540)
    // = 0, so the 390 worked are 所定外 within 8 h → 法定内残業. 深夜 00:30–05:00 = 270. 390 worked with
    // no rest needs 45 → BREAK_SHORTAGE on Tuesday.
    const night = buildSettings({
      schedule: { default: { start: '22:00', end: '07:00', breaks: [] }, byWeekday: {}, byDate: {} },
    });
    const t = run('2025-06-02', '2025-06-03', buildShift('2025-06-03', '00:30', '07:00'), night);
    expect(t).toMatchObject({
      worked: 390,
      scheduledWithin: 0,
      statutoryWithinOvertime: 390,
      statutoryOvertime: 0,
      lateNight: 270,
      late: 0,
      earlyLeave: 540,
      absenceDays: 1,
      incomplete: [],
    });
    expect(t.warnings).toEqual(['BREAK_SHORTAGE@2025-06-03']);
  });

  it('several pairs on one work date are one 勤務 (daily 8 h across them)', () => {
    // 09:00–13:00 and 14:00–20:00: 240 + 360 = 600 → 120 daily OT. The 13:00–14:00 gap is rest and
    // covers the scheduled break 12:00–13:00 only partly: 中抜け = 13:00–14:00 = 60 scheduled minutes.
    const events = [
      ...buildShift('2025-06-02', '09:00', '13:00'),
      ...buildShift('2025-06-02', '14:00', '20:00'),
    ];
    const t = run('2025-06-02', '2025-06-02', events);
    expect(t).toMatchObject({
      worked: 600,
      privateOut: 60,
      scheduledWithin: 420,
      statutoryWithinOvertime: 60,
      statutoryOvertime: 120,
    });
    expect(t.warnings).toEqual([]); // 600 worked needs 60 rest: the gap gives exactly 60.
  });
});

describe('§1/§6 法定休日 by calendar day, holiday crossings, legalHoliday null, 祝日', () => {
  it('法定休日 work past 8 h is never 時間外', () => {
    // Sunday 09:00–21:00 with a 1 h break: 660 法定休日労働, 0 OT.
    const t = run(
      '2025-06-08',
      '2025-06-08',
      buildShift('2025-06-08', '09:00', '21:00', [['12:00', '13:00']]),
    );
    expect(t).toMatchObject({ worked: 660, legalHolidayWork: 660, statutoryOvertime: 0, scheduledWithin: 0 });
  });

  it('a shift running into the 法定休日 is holiday work from 00:00', () => {
    // Saturday (所定休日) 18:00 → Sunday 03:00: Sat 360 ordinary (所定外, within 40 h → 法定内残業),
    // Sun 00:00–03:00 = 180 法定休日, 深夜 22:00–03:00 = 300 of which 180 on the holiday.
    // 540 worked without rest needs 60 → BREAK_SHORTAGE on the work date 06-07.
    const t = run('2025-06-07', '2025-06-07', buildShift('2025-06-07', '18:00', '03:00'));
    expect(t).toMatchObject({
      worked: 540,
      statutoryWithinOvertime: 360,
      legalHolidayWork: 180,
      lateNight: 300,
      lateNightOnLegalHoliday: 180,
    });
    expect(t.warnings).toEqual(['BREAK_SHORTAGE@2025-06-07']);
  });

  it('a weekday shift into a Saturday 法定休日: daily OT before midnight, holiday after', () => {
    // legalHoliday sat. Fri 09:00 → Sat 02:00 with lunch: Fri part 840 = 480 + 360 OT (18:00–24:00,
    // 深夜 22–24 = 120 on OT); Sat 00:00–02:00 = 120 holiday, all 深夜.
    const settings = buildSettings({ legalHoliday: 'sat' });
    const t = run(
      '2025-06-06',
      '2025-06-06',
      buildShift('2025-06-06', '09:00', '02:00', [['12:00', '13:00']]),
      settings,
    );
    expect(t).toMatchObject({
      worked: 960,
      scheduledWithin: 480,
      statutoryOvertime: 360,
      legalHolidayWork: 120,
      lateNight: 240,
      lateNightOnStatutoryOvertime: 120,
      lateNightOnLegalHoliday: 120,
    });
  });

  it('a holiday shift into a weekday: from 00:00 not holiday work, a fresh daily count (CONVENTION §6)', () => {
    // Sun 19:00 → Mon 09:00 (Monday's scheduled start: the cut leaves Monday nothing).
    // Sun 19:00–24:00 = 300 法定休日 (深夜 22–24 = 120). Mon 00:00–09:00 = 540 stay in Sunday's 勤務 with a
    // fresh count: 480 所定外 法定内, then 08:00–09:00 = 60 OT. 深夜 00:00–05:00 = 300 more.
    const t = run('2025-06-08', '2025-06-08', buildShift('2025-06-08', '19:00', '09:00'));
    expect(t).toMatchObject({
      worked: 840,
      legalHolidayWork: 300,
      statutoryWithinOvertime: 480,
      statutoryOvertime: 60,
      lateNight: 420,
      lateNightOnLegalHoliday: 120,
      lateNightOnStatutoryOvertime: 0,
    });
  });

  it('legalHoliday null: the later 所定休日 is the 法定休日 only when every 所定休日 of the week was worked', () => {
    // Week Sun 06-01 … Sat 06-07; 所定休日 Sun and Sat. Both worked → Saturday is the 法定休日.
    const settings = buildSettings({ legalHoliday: null });
    const both = [...buildOfficeDay('2025-06-01'), ...buildOfficeDay('2025-06-07')];
    expect(run('2025-06-01', '2025-06-07', both, settings)).toMatchObject({
      worked: 960,
      legalHolidayWork: 480,
      statutoryWithinOvertime: 480,
    });
    // Only Saturday worked: Sunday was a rest day, so there is no holiday work that week.
    expect(run('2025-06-01', '2025-06-07', buildOfficeDay('2025-06-07'), settings)).toMatchObject({
      legalHolidayWork: 0,
      statutoryWithinOvertime: 480,
    });
  });

  it('a 祝日 is a 所定休日, not a 法定休日; with nationalHolidayIsScheduledHoliday false it is a workday', () => {
    // Wed 06-04 is a 祝日. Worked: 480 所定外 (no schedule) within 40 h → 法定内残業, no 35 % holiday.
    const holiday = buildSettings({ nationalHolidays: ['2025-06-04'] });
    expect(run('2025-06-04', '2025-06-04', buildOfficeDay('2025-06-04'), holiday)).toMatchObject({
      legalHolidayWork: 0,
      scheduledWithin: 0,
      statutoryWithinOvertime: 480,
    });
    // Not worked: no absence. As a workday (flag false), the same empty day is 欠勤.
    expect(run('2025-06-04', '2025-06-04', [], holiday)).toMatchObject({ absenceDays: 0 });
    const workday = buildSettings({
      nationalHolidays: ['2025-06-04'],
      nationalHolidayIsScheduledHoliday: false,
    });
    expect(run('2025-06-04', '2025-06-04', [], workday)).toMatchObject({ absenceDays: 1 });
  });
});

describe('§8 遅刻・早退・中抜け・欠勤', () => {
  it('09:30–18:30 gives late 30 and 法定内残業 30, never netted', () => {
    const t = run(
      '2025-06-02',
      '2025-06-02',
      buildShift('2025-06-02', '09:30', '18:30', [['12:00', '13:00']]),
    );
    expect(t).toMatchObject({
      worked: 480,
      late: 30,
      scheduledWithin: 450,
      statutoryWithinOvertime: 30,
      statutoryOvertime: 0,
    });
  });

  it('late, early leave and 中抜け exclude scheduled breaks', () => {
    // In 12:30 (late = 09:00–12:00 = 180; 12:00–12:30 is the scheduled break), out 13:30
    // (earlyLeave 13:30–18:00 = 270), then 14:00–16:00 … measured as one 勤務 with two pairs:
    // 12:30–13:30 and 14:00–16:00 → privateOut 13:30–14:00 = 30, earlyLeave 16:00–18:00 = 120.
    const events = [
      ...buildShift('2025-06-02', '12:30', '13:30'),
      ...buildShift('2025-06-02', '14:00', '16:00'),
    ];
    expect(run('2025-06-02', '2025-06-02', events)).toMatchObject({
      worked: 180,
      late: 180,
      privateOut: 30,
      earlyLeave: 120,
      scheduledWithin: 150, // min(180, 480 − 180 − 120 − 30)
      statutoryWithinOvertime: 30, // 12:30–13:00 worked inside the scheduled break is 所定外
    });
  });

  it('a scheduled day with no 勤務 and no leave is 欠勤; any leave keeps it off the count', () => {
    // Mon–Fri scheduled. Worked Mon–Wed; Thursday a full day of 年休; Friday a half day only, no punches.
    // Sat/Sun are not scheduled. §4.6/§8 say "no leave": Friday is not counted as 欠勤 either.
    const events = ['2025-06-02', '2025-06-03', '2025-06-04'].flatMap(buildOfficeDay);
    const leaves = [
      { date: '2025-06-05', type: 'paid' as const, days: 1 as const },
      { date: '2025-06-06', type: 'paid' as const, days: 0.5 as const },
    ];
    expect(run('2025-06-01', '2025-06-07', events, undefined, leaves)).toMatchObject({
      absenceDays: 0,
      paidLeaveDays: 1.5,
    });
    // Without the leaves Thursday and Friday are two days of 欠勤.
    expect(run('2025-06-01', '2025-06-07', events)).toMatchObject({ absenceDays: 2, paidLeaveDays: 0 });
    // Two half days on one date make a full day of leave.
    const halves = [...leaves, { date: '2025-06-06', type: 'paid' as const, days: 0.5 as const }];
    expect(run('2025-06-01', '2025-06-07', events, undefined, halves)).toMatchObject({ paidLeaveDays: 2 });
  });

  it('a half day of leave does not change late: the spec gives leave no hours', () => {
    // Morning 年休 (0.5), in at 13:00: late is still 09:00–13:00 minus the 12:00–13:00 break = 180.
    const leaves = [{ date: '2025-06-02', type: 'paid' as const, days: 0.5 as const }];
    expect(
      run('2025-06-02', '2025-06-02', buildShift('2025-06-02', '13:00', '18:00'), undefined, leaves),
    ).toMatchObject({
      worked: 300,
      late: 180,
      scheduledWithin: 300,
      paidLeaveDays: 0.5,
      absenceDays: 0,
    });
  });

  it('a date with only stray punches is an absence; an incomplete one is not', () => {
    // Monday: a lone clock_out (ignored) → 欠勤. Tuesday: clock_in only → incomplete, not 欠勤.
    const events: AttendanceEvent[] = [
      { type: 'clock_out', at: '2025-06-02T18:00' },
      { type: 'break_end', at: '2025-06-02T13:00' },
      { type: 'clock_in', at: '2025-06-03T09:00' },
    ];
    const t = run('2025-06-02', '2025-06-03', events);
    expect(t).toMatchObject({ worked: 0, absenceDays: 1 });
    expect(t.incomplete).toEqual([{ date: '2025-06-03', code: 'MISSING_CLOCK_OUT' }]);
  });
});

describe('§4 step 2 missing punches and breaks', () => {
  it('a missing clock_out is incomplete and never paired with the next day', () => {
    // Monday 09:00 in, no out; Tuesday a normal day. Monday contributes 0 and is listed; Tuesday's
    // clock_out closes Tuesday's pair, not Monday's.
    const events = [{ type: 'clock_in', at: '2025-06-02T09:00' } as const, ...buildOfficeDay('2025-06-03')];
    const t = run('2025-06-02', '2025-06-03', events);
    expect(t).toMatchObject({ worked: 480, scheduledWithin: 480, absenceDays: 0, late: 0 });
    expect(t.incomplete).toEqual([{ date: '2025-06-02', code: 'MISSING_CLOCK_OUT' }]);
  });

  // The 24 h pairing bound (MAX_PAIR_MINUTES in punch-segments.ts). §4 step 2 says an open pair "is
  // never paired with a later day's clock_out"; an overnight clock_out the next morning is not "a later
  // day's" (§1: one 勤務 over two 暦日 belongs to its start day). Our rule: a clock_out more than 24 h
  // (1440 min) after the raw clock_in cannot close the pair. The pair is then incomplete
  // (MISSING_CLOCK_OUT on the clock-in's work date, 0 everywhere, listed) and the clock_out is a stray,
  // ignored (Clarifications), so its own date has no 勤務 and, if scheduled, is 欠勤.
  describe('a clock_out more than 24 h after the clock_in closes nothing', () => {
    it('Mon 09:00 in, Tue 18:00 out and nothing else: Mon incomplete, Tue 欠勤', () => {
      // 33 h apart: Monday's clock-out and Tuesday's clock-in were both forgotten. Mon contributes 0
      // and is listed (an incomplete 勤務 is not an absence). Tue's lone clock_out forms no 勤務 and Tue
      // is scheduled with no leave → absenceDays 1 (Clarifications, §4.6). No minute is counted.
      const events: AttendanceEvent[] = [
        { type: 'clock_in', at: '2025-06-02T09:00' },
        { type: 'clock_out', at: '2025-06-03T18:00' },
      ];
      expect(run('2025-06-02', '2025-06-03', events)).toEqual({
        ...ZERO_TOTALS,
        absenceDays: 1,
        incomplete: [{ date: '2025-06-02', code: 'MISSING_CLOCK_OUT' }],
        warnings: [],
        agreement36: NO_36,
      });
      // Day by day: Monday is the incomplete one, Tuesday the absence.
      expect(run('2025-06-02', '2025-06-02', events)).toMatchObject({ absenceDays: 0, worked: 0 });
      expect(run('2025-06-03', '2025-06-03', events)).toMatchObject({
        absenceDays: 1,
        worked: 0,
        incomplete: [],
      });
    });

    it("Tuesday's break punches without a clock-in change nothing; Wednesday is an ordinary day", () => {
      // Mon 09:00 in; Tue lunch 12:00–13:00 punched inside Monday's still-open pair, Tue 18:00 out
      // (33 h: no pair, a stray); Wed a normal office day. Mon incomplete, Tue 欠勤, Wed 480 所定内.
      // Before the bound this was one Mon 09:00 → Tue 18:00 pair of 1920 minutes.
      const events: AttendanceEvent[] = [
        { type: 'clock_in', at: '2025-06-02T09:00' },
        { type: 'break_start', at: '2025-06-03T12:00' },
        { type: 'break_end', at: '2025-06-03T13:00' },
        { type: 'clock_out', at: '2025-06-03T18:00' },
        ...buildOfficeDay('2025-06-04'),
      ];
      const t = run('2025-06-02', '2025-06-04', events);
      expect(t).toMatchObject({ worked: 480, scheduledWithin: 480, statutoryOvertime: 0, absenceDays: 1 });
      expect(t.incomplete).toEqual([{ date: '2025-06-02', code: 'MISSING_CLOCK_OUT' }]);
      expect(t.warnings).toEqual([]);
    });

    it('an overnight 22:00 → 06:00 shift still pairs', () => {
      // 所定 22:00–06:00 with a 02:00–03:00 break (SM 420), punched as scheduled. 8 h apart: one 勤務 of
      // Monday. Worked 480 − 60 = 420, all 所定内; 深夜 22:00–05:00 minus the break = 360. Rest 60
      // covers the 45 needed for 420 worked. Tuesday's own 22:00 shift is unworked: one absence.
      const night = buildSettings({
        schedule: {
          default: { start: '22:00', end: '06:00', breaks: [['02:00', '03:00']] },
          byWeekday: {},
          byDate: {},
        },
      });
      const events = buildShift('2025-06-02', '22:00', '06:00', [['02:00', '03:00']]);
      expect(run('2025-06-02', '2025-06-02', events, night)).toEqual({
        ...ZERO_TOTALS,
        worked: 420,
        scheduledWithin: 420,
        lateNight: 360,
        incomplete: [],
        warnings: [],
        agreement36: NO_36,
      });
      expect(run('2025-06-03', '2025-06-03', events, night)).toMatchObject({ worked: 0, absenceDays: 1 });
    });

    it('exactly 24h00 pairs; 24h01 does not', () => {
      // Mon 09:00 → Tue 09:00 with lunch 12–13: 1440 apart, so one pair. Tuesday's cut at its 09:00
      // start leaves Tuesday nothing. Mon: 1440 − 60 = 1380 worked; minutes 1–480 end at 18:00, so OT
      // 18:00 → 09:00 = 900; 所定内 480; 法定内残業 = 所定外 900 − 900 = 0; 深夜 22:00–05:00 = 420, all
      // on OT. Rest 60 meets the 60 needed. Tue has no 勤務: one absence.
      const lunch = [
        { type: 'clock_in', at: '2025-06-02T09:00' },
        { type: 'break_start', at: '2025-06-02T12:00' },
        { type: 'break_end', at: '2025-06-02T13:00' },
      ] as const;
      const exact = [...lunch, { type: 'clock_out', at: '2025-06-03T09:00' } as const];
      expect(run('2025-06-02', '2025-06-03', exact)).toEqual({
        ...ZERO_TOTALS,
        worked: 1380,
        scheduledWithin: 480,
        statutoryOvertime: 900,
        statutoryOvertimeUpTo60h: 900,
        lateNight: 420,
        lateNightOnStatutoryOvertime: 420,
        absenceDays: 1,
        incomplete: [],
        warnings: [],
        agreement36: { ...NO_36, overtimeMinutes: 900, overtimePlusLegalHolidayMinutes: 900 },
      });
      // One minute later, 1441 apart: Monday is incomplete and contributes 0; the 09:01 clock_out is a
      // stray, so Tuesday has no 勤務 either (previously Tuesday got a 1-minute piece after the cut).
      const over = [...lunch, { type: 'clock_out', at: '2025-06-03T09:01' } as const];
      expect(run('2025-06-02', '2025-06-03', over)).toEqual({
        ...ZERO_TOTALS,
        absenceDays: 1,
        incomplete: [{ date: '2025-06-02', code: 'MISSING_CLOCK_OUT' }],
        warnings: [],
        agreement36: NO_36,
      });
    });

    it('the bound is on the raw punches, not the rounded ones', () => {
      // Pairing comes before rounding (§4 step 1). Unit 15, in floor / out ceil: raw Mon 09:07 → Tue 09:07
      // is exactly 1440 → a pair, though rounded it is 09:00 → Tue 09:15 (1455). Cut at Tue 09:00:
      //   Mon 09:00 → Tue 09:00 minus lunch = 1380 worked, 所定内 480, OT 900, 深夜 420 on OT.
      //   Tue 09:00–09:15 = 15 worked; earlyLeave 09:15–18:00 = 525 − lunch 60 = 465; 所定内 min(15, 480 − 465)
      //   = 15.
      //   rawWorked: 09:07 → Tue 09:07 minus lunch = 1380 (1373 Mon + 7 Tue). Rounded 1395 ≥ raw: no warning.
      const favourable = buildSettings({ rounding: { unit: 15, clockIn: 'floor', clockOut: 'ceil' } });
      const lunch = [
        { type: 'clock_in', at: '2025-06-02T09:07' },
        { type: 'break_start', at: '2025-06-02T12:00' },
        { type: 'break_end', at: '2025-06-02T13:00' },
      ] as const;
      const paired = run(
        '2025-06-02',
        '2025-06-03',
        [...lunch, { type: 'clock_out', at: '2025-06-03T09:07' }],
        favourable,
      );
      expect(paired).toMatchObject({
        worked: 1395,
        rawWorked: 1380,
        scheduledWithin: 495,
        statutoryWithinOvertime: 0,
        statutoryOvertime: 900,
        lateNight: 420,
        lateNightOnStatutoryOvertime: 420,
        late: 0,
        earlyLeave: 465,
        absenceDays: 0,
        incomplete: [],
        warnings: [],
      });
      // In ceil / out floor: raw 09:07 → Tue 09:08 is 1441 apart → no pair, although the rounded
      // 09:15 → Tue 09:00 would be only 1425. Mon incomplete, Tue 欠勤, rawWorked 0.
      const unfavourable = buildSettings({ rounding: { unit: 15, clockIn: 'ceil', clockOut: 'floor' } });
      const unpaired = run(
        '2025-06-02',
        '2025-06-03',
        [...lunch, { type: 'clock_out', at: '2025-06-03T09:08' }],
        unfavourable,
      );
      expect(unpaired).toMatchObject({ worked: 0, rawWorked: 0, absenceDays: 1, warnings: [] });
      expect(unpaired.incomplete).toEqual([{ date: '2025-06-02', code: 'MISSING_CLOCK_OUT' }]);
    });
  });

  it('a piece cut over to an incomplete date is dropped; the previous day keeps its own part', () => {
    // Mon 10:00 → Tue 09:30 (lunch 12–13) is cut at Tue 09:00 (see the next-day cut test: Mon 1320
    // worked, 840 OT). Tue 12:00 clock_in never closes → Tue is incomplete and contributes 0 in full,
    // including the 09:00–09:30 piece of Monday's 勤務. Neither date is 欠勤.
    const events: AttendanceEvent[] = [
      { type: 'clock_in', at: '2025-06-02T10:00' },
      { type: 'break_start', at: '2025-06-02T12:00' },
      { type: 'break_end', at: '2025-06-02T13:00' },
      { type: 'clock_out', at: '2025-06-03T09:30' },
      { type: 'clock_in', at: '2025-06-03T12:00' },
    ];
    const t = run('2025-06-02', '2025-06-03', events);
    expect(t).toMatchObject({ worked: 1320, statutoryOvertime: 840, absenceDays: 0, earlyLeave: 0 });
    expect(t.incomplete).toEqual([{ date: '2025-06-03', code: 'MISSING_CLOCK_OUT' }]);
  });

  it('a pair that rounding collapses is still a 勤務; 09:00 in and out at one minute is not a pair', () => {
    // Unit 15, in ceil / out floor: 09:07 → 09:15 and 09:14 → 09:00, held at 09:15. 0 worked, but a
    // complete 勤務, so no absence. late 09:00–09:15 = 15; earlyLeave 09:15–18:00 − lunch = 465;
    // raw 7 > rounded 0 → ROUNDING_AGAINST_WORKER.
    const against = buildSettings({ rounding: { unit: 15, clockIn: 'ceil', clockOut: 'floor' } });
    const collapsed = run('2025-06-02', '2025-06-02', buildShift('2025-06-02', '09:07', '09:14'), against);
    expect(collapsed).toMatchObject({
      worked: 0,
      rawWorked: 7,
      absenceDays: 0,
      late: 15,
      earlyLeave: 465,
      incomplete: [],
      warnings: ['ROUNDING_AGAINST_WORKER@2025-06-02'],
    });
    // clock_in and clock_out both at 09:00: the tie order (clock_out before clock_in, §4 step 1) makes
    // the clock_out a stray and leaves the clock_in open → incomplete, not a zero-length pair.
    const same: AttendanceEvent[] = [
      { type: 'clock_in', at: '2025-06-02T09:00' },
      { type: 'clock_out', at: '2025-06-02T09:00' },
    ];
    expect(run('2025-06-02', '2025-06-02', same)).toMatchObject({
      worked: 0,
      absenceDays: 0,
      incomplete: [{ date: '2025-06-02', code: 'MISSING_CLOCK_OUT' }],
    });
  });

  it('a second clock_in while open makes the whole work date incomplete', () => {
    const events: AttendanceEvent[] = [
      { type: 'clock_in', at: '2025-06-02T09:00' },
      { type: 'clock_in', at: '2025-06-02T13:00' },
      { type: 'clock_out', at: '2025-06-02T18:00' },
    ];
    const t = run('2025-06-02', '2025-06-02', events);
    expect(t).toMatchObject({ worked: 0, absenceDays: 0 });
    expect(t.incomplete).toEqual([{ date: '2025-06-02', code: 'MISSING_CLOCK_OUT' }]);
  });

  it('the same punch sent twice is one punch (not a second clock_in)', () => {
    // A double tap at 09:00 and a replayed 18:00: still one ordinary 480-minute day.
    const events = buildOfficeDay('2025-06-02');
    const t = run('2025-06-02', '2025-06-02', [...events, events[0]!, events[3]!]);
    expect(t).toMatchObject({ worked: 480, scheduledWithin: 480, incomplete: [] });
  });

  it('a break without break_end makes the 勤務 incomplete', () => {
    const events: AttendanceEvent[] = [
      { type: 'clock_in', at: '2025-06-02T09:00' },
      { type: 'break_start', at: '2025-06-02T12:00' },
      { type: 'clock_out', at: '2025-06-02T18:00' },
    ];
    const t = run('2025-06-02', '2025-06-02', events);
    expect(t.worked).toBe(0);
    expect(t.incomplete).toEqual([{ date: '2025-06-02', code: 'MISSING_BREAK_END' }]);
  });

  it('a break still open at clock_out and ended after it is clipped and warned', () => {
    // Lunch 12–13, then break_start 17:30, clock_out 18:00, break_end 18:10: the break is 17:30–18:00.
    // Worked 480 − 30 = 450; last clock-out 18:00 so no early leave; 所定内 450.
    const events: AttendanceEvent[] = [
      ...buildOfficeDay('2025-06-02').slice(0, 3),
      { type: 'break_start', at: '2025-06-02T17:30' },
      { type: 'clock_out', at: '2025-06-02T18:00' },
      { type: 'break_end', at: '2025-06-02T18:10' },
    ];
    const t = run('2025-06-02', '2025-06-02', events);
    expect(t).toMatchObject({ worked: 450, scheduledWithin: 450, earlyLeave: 0 });
    expect(t.warnings).toEqual(['BREAK_OUTSIDE_SHIFT@2025-06-02']);
    expect(t.incomplete).toEqual([]);
  });

  it('tie order: a pair ending at 19:00 closes before the next opens at 19:00', () => {
    // 09:00–19:00 and 19:00–20:00 on one date (listed in reverse) = 660 − 60 = 600 worked, 120 OT,
    // no gap so no 中抜け. break_end 13:00 and break_start 13:00 at one minute are ordered end first.
    const events: AttendanceEvent[] = [
      { type: 'clock_out', at: '2025-06-02T20:00' },
      { type: 'clock_in', at: '2025-06-02T19:00' },
      { type: 'clock_out', at: '2025-06-02T19:00' },
      { type: 'break_end', at: '2025-06-02T13:00' },
      { type: 'break_start', at: '2025-06-02T12:00' },
      { type: 'clock_in', at: '2025-06-02T09:00' },
    ];
    expect(run('2025-06-02', '2025-06-02', events)).toMatchObject({
      worked: 600,
      statutoryOvertime: 120,
      privateOut: 0,
      incomplete: [],
    });
  });
});

describe('§3 休憩 (労基法34条)', () => {
  const day = (start: string, end: string, breaks: [string, string][] = []) =>
    run('2025-06-02', '2025-06-02', buildShift('2025-06-02', start, end, breaks)).warnings;

  it('exactly 6h00 needs no break; 6h01 needs 45 min', () => {
    expect(day('09:00', '15:00')).toEqual([]);
    expect(day('09:00', '15:01')).toEqual(['BREAK_SHORTAGE@2025-06-02']);
  });

  it('exactly 8h00 needs 45 min; over 8 h needs 60 min', () => {
    expect(day('09:00', '17:45', [['12:00', '12:45']])).toEqual([]); // 480 worked, 45 rest
    expect(day('09:00', '17:30', [['12:00', '12:30']])).toEqual(['BREAK_SHORTAGE@2025-06-02']); // 480, 30 rest
    expect(day('09:00', '18:01', [['12:00', '12:45']])).toEqual(['BREAK_SHORTAGE@2025-06-02']); // 496, 45 rest
  });

  it('breakMode scheduled deducts only the overlap of the scheduled break with the shift, never an unpunched one', () => {
    const settings = buildSettings({ breakMode: 'scheduled' });
    const worked = (start: string, end: string) =>
      run('2025-06-02', '2025-06-02', buildShift('2025-06-02', start, end), settings).worked;
    expect(worked('09:00', '18:00')).toBe(480); // 12:00–13:00 deducted
    expect(worked('12:30', '18:00')).toBe(300); // only 12:30–13:00 overlaps
    expect(worked('13:30', '18:00')).toBe(270); // no overlap, nothing deducted
    // Punched breaks are ignored in this mode (the schedule is the only deduction).
    const punched = buildShift('2025-06-02', '09:00', '18:00', [['15:00', '15:30']]);
    expect(run('2025-06-02', '2025-06-02', punched, settings).worked).toBe(480);
    // With the default punched mode nothing is deducted that was not punched.
    expect(run('2025-06-02', '2025-06-02', buildShift('2025-06-02', '09:00', '18:00')).worked).toBe(540);
  });
});

describe('§9 端数処理', () => {
  it('clock-in up / clock-out down cuts real minutes: ROUNDING_AGAINST_WORKER, late grows', () => {
    // unit 15: 09:07 → 09:15, 18:14 → 18:00. Worked 465 (raw 487); late 09:00–09:15 = 15.
    const settings = buildSettings({ rounding: { unit: 15, clockIn: 'ceil', clockOut: 'floor' } });
    const events = buildShift('2025-06-02', '09:07', '18:14', [['12:00', '13:00']]);
    const t = run('2025-06-02', '2025-06-02', events, settings);
    expect(t).toMatchObject({
      worked: 465,
      rawWorked: 487,
      late: 15,
      scheduledWithin: 465,
      statutoryOvertime: 0,
    });
    expect(t.warnings).toEqual(['ROUNDING_AGAINST_WORKER@2025-06-02']);
  });

  it('worker-favourable rounding (in floor, out ceil) is warning-free', () => {
    // 09:07 → 09:00, 18:14 → 18:15: 495 worked, 15 daily OT, raw 487.
    const settings = buildSettings({ rounding: { unit: 15, clockIn: 'floor', clockOut: 'ceil' } });
    const t = run(
      '2025-06-02',
      '2025-06-02',
      buildShift('2025-06-02', '09:07', '18:14', [['12:00', '13:00']]),
      settings,
    );
    expect(t).toMatchObject({ worked: 495, rawWorked: 487, late: 0, statutoryOvertime: 15, warnings: [] });
  });

  it('nearest sends an exact half unit up; rounding past a break start clips the break silently', () => {
    // unit 30 nearest: 09:15 → 09:30 (exact half goes up), 18:14 → 18:00. Break 09:20–09:40 is clipped
    // to 09:30–09:40. Worked = 510 − 10 = 500 minus lunch 60 = 440; raw 09:15–18:14 = 539 − 20 − 60 = 459.
    const settings = buildSettings({ rounding: { unit: 30, clockIn: 'nearest', clockOut: 'nearest' } });
    const events = buildShift('2025-06-02', '09:15', '18:14', [
      ['09:20', '09:40'],
      ['12:00', '13:00'],
    ]);
    const t = run('2025-06-02', '2025-06-02', events, settings);
    expect(t).toMatchObject({ worked: 440, rawWorked: 459, late: 30 });
    expect(t.warnings).toEqual(['ROUNDING_AGAINST_WORKER@2025-06-02']);
  });

  it('monthlyRounding applies to the totals of the period passed, not per pay period', () => {
    // Mon 06-30 OT 20 (to 18:20), Tue 07-01 OT 15 (to 18:15): two pay periods. Asked as one period the
    // total 35 rounds up to 60; asked month by month, 20 and 15 each round down to 0. Callers pass one
    // pay period to get the 昭和63.3.14基発150号 monthly rounding.
    const settings = buildSettings({ monthlyRounding: 'half_hour' });
    const events = [
      ...buildShift('2025-06-30', '09:00', '18:20', [['12:00', '13:00']]),
      ...buildShift('2025-07-01', '09:00', '18:15', [['12:00', '13:00']]),
    ];
    expect(run('2025-06-30', '2025-07-01', events, settings).rounded?.statutoryOvertime).toBe(60);
    expect(run('2025-06-01', '2025-06-30', events, settings).rounded?.statutoryOvertime).toBe(0);
    expect(run('2025-07-01', '2025-07-31', events, settings).rounded?.statutoryOvertime).toBe(0);
  });

  it('no rawWorked without punch rounding', () => {
    expect(run('2025-06-02', '2025-06-02', buildOfficeDay('2025-06-02'))).not.toHaveProperty('rawWorked');
  });

  it('monthlyRounding half_hour rounds only the monthly premium totals, each separately', () => {
    // Mon OT 20 (to 18:20) + Tue OT 15 (to 18:15) = 35 → 60. 深夜 0 stays 0. 所定内 is not rounded.
    // Wed 法定内 … Sunday holiday work 09:00–09:29 = 29 → 0.
    const settings = buildSettings({ monthlyRounding: 'half_hour' });
    const events = [
      ...buildShift('2025-06-02', '09:00', '18:20', [['12:00', '13:00']]),
      ...buildShift('2025-06-03', '09:00', '18:15', [['12:00', '13:00']]),
      ...buildShift('2025-06-08', '09:00', '09:29'),
    ];
    const t = run('2025-06-01', '2025-06-30', events, settings);
    expect(t).toMatchObject({ statutoryOvertime: 35, legalHolidayWork: 29, scheduledWithin: 960 });
    expect(t.rounded).toEqual({
      statutoryOvertime: 60,
      statutoryOvertimeUpTo60h: 60,
      statutoryOvertimeOver60h: 0,
      legalHolidayWork: 0,
      lateNight: 0,
    });
    expect(run('2025-06-01', '2025-06-30', events)).not.toHaveProperty('rounded');
  });
});

describe('time zone independence', () => {
  it('the host TZ never enters: results are the fixed wall-time figures', () => {
    // The suite runs under TZ=UTC, Asia/Tokyo and America/New_York. 2025-03-09 is a DST change in
    // New York; an overnight shift across it is still 480 worked minutes of wall time.
    const events = buildShift('2025-03-09', '22:00', '07:00', [['02:00', '03:00']]);
    const t = run('2025-03-09', '2025-03-09', events, buildSettings({ legalHoliday: 'sat' }));
    expect(t).toMatchObject({ worked: 480, lateNight: 360 });
  });
});
