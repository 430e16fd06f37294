import { describe, expect, it } from 'vitest';
import { aggregateAttendance } from './aggregate-attendance.ts';
import { compileLaborSettings, compileSchedule } from './labor-calendar.ts';
import { LaborInputError } from './labor-error.ts';
import { defaultLaborSettings, LaborSettingsSchema } from './labor-settings.schema.ts';
import { buildOfficeDay, buildSettings, buildShift, run } from './testing/attendance-builders.ts';
import { daysFromCivil } from './wall-time.ts';

function settingsError(settings: unknown): LaborInputError {
  try {
    compileLaborSettings(settings);
  } catch (error) {
    if (error instanceof LaborInputError) return error;
    throw error;
  }
  throw new Error('expected a LaborInputError');
}

describe('settings schema (zod, strict)', () => {
  it('accepts the default office of §12', () => {
    expect(LaborSettingsSchema.parse(defaultLaborSettings)).toEqual(defaultLaborSettings);
  });

  it('rejects an unknown setting, naming it', () => {
    expect(settingsError({ ...defaultLaborSettings, weeklyLimitMinute: 2640 })).toMatchObject({
      code: 'unknown_setting',
      field: 'settings.weeklyLimitMinute',
    });
    const rounding = { ...defaultLaborSettings.rounding, mode: 'up' };
    expect(settingsError({ ...defaultLaborSettings, rounding })).toMatchObject({
      code: 'unknown_setting',
      field: 'settings.rounding.mode',
    });
  });

  it('rejects a missing or invalid setting, naming it', () => {
    const { monthlyRounding: _, ...missing } = defaultLaborSettings;
    expect(settingsError(missing)).toMatchObject({
      code: 'invalid_setting',
      field: 'settings.monthlyRounding',
    });
    expect(
      settingsError({ ...defaultLaborSettings, rounding: { unit: 7, clockIn: 'none', clockOut: 'none' } }),
    ).toMatchObject({ field: 'settings.rounding.unit' });
    expect(settingsError({ ...defaultLaborSettings, weekStart: 'sunday' })).toMatchObject({
      field: 'settings.weekStart',
    });
    expect(settingsError({ ...defaultLaborSettings, monthStartDay: 31 })).toMatchObject({
      field: 'settings.monthStartDay',
    });
    expect(settingsError({ ...defaultLaborSettings, nationalHolidays: ['2025-02-30'] })).toMatchObject({
      field: 'settings.nationalHolidays[0]',
    });
    expect(
      settingsError({ ...defaultLaborSettings, lateNight: { start: '22:00', end: '22:00' } }),
    ).toMatchObject({
      field: 'settings.lateNight.end',
    });
    expect(settingsError(null)).toMatchObject({ code: 'invalid_setting', field: 'settings' });
  });

  it('notices a settings object mutated between calls (the compiled cache is keyed by content)', () => {
    const settings = buildSettings();
    const events = [
      '2025-06-02',
      '2025-06-03',
      '2025-06-04',
      '2025-06-05',
      '2025-06-06',
      '2025-06-07',
    ].flatMap(buildOfficeDay);
    expect(run('2025-06-01', '2025-06-07', events, settings).statutoryOvertime).toBe(480);
    settings.weeklyLimitMinutes = 2880;
    expect(run('2025-06-01', '2025-06-07', events, settings).statutoryOvertime).toBe(0);
  });
});

describe('schedules: overnight is valid, malformed is rejected (issue 4 item 4 vs §12)', () => {
  it('end < start ends the next day', () => {
    const night = compileSchedule({ start: '22:00', end: '07:00', breaks: [['02:00', '03:00']] }, 's');
    // Span 22:00 → 31:00 (07:00 next day) = 540, minus the 60 break (26:00–27:00) = 480.
    expect(night).toEqual({
      start: 1320,
      end: 1860,
      breaks: [1560, 1620],
      windows: [1320, 1560, 1620, 1860],
      minutes: 480,
    });
    // A break at 23:00–01:00 straddles midnight inside the span.
    expect(compileSchedule({ start: '22:00', end: '07:00', breaks: [['23:00', '01:00']] }, 's').minutes).toBe(
      420,
    );
  });

  it('end == start is rejected: a 24 h span cannot be told from a typo (and needs 変形労働時間制, §11)', () => {
    expect(
      settingsError({
        ...defaultLaborSettings,
        schedule: { ...defaultLaborSettings.schedule, default: { start: '09:00', end: '09:00', breaks: [] } },
      }),
    ).toMatchObject({ code: 'invalid_schedule', field: 'settings.schedule.default.end' });
  });

  it('a break outside the span, empty or overlapping is rejected, naming it', () => {
    const withBreaks = (breaks: [string, string][], where: 'default' | 'mon' = 'default') => {
      const schedule = { start: '09:00', end: '18:00', breaks };
      return settingsError({
        ...defaultLaborSettings,
        schedule:
          where === 'default'
            ? { ...defaultLaborSettings.schedule, default: schedule }
            : { ...defaultLaborSettings.schedule, byWeekday: { mon: schedule } },
      });
    };
    expect(withBreaks([['08:00', '09:30']])).toMatchObject({
      code: 'invalid_schedule',
      field: 'settings.schedule.default.breaks[0]',
    });
    expect(withBreaks([['17:30', '18:30']])).toMatchObject({ field: 'settings.schedule.default.breaks[0]' });
    expect(withBreaks([['13:00', '12:00']])).toMatchObject({ field: 'settings.schedule.default.breaks[0]' });
    expect(withBreaks([['12:00', '12:00']])).toMatchObject({ field: 'settings.schedule.default.breaks[0]' });
    expect(
      withBreaks(
        [
          ['12:00', '13:00'],
          ['12:30', '13:30'],
        ],
        'mon',
      ),
    ).toMatchObject({
      field: 'settings.schedule.byWeekday.mon.breaks[1]',
    });
    expect(
      settingsError({
        ...defaultLaborSettings,
        schedule: {
          ...defaultLaborSettings.schedule,
          byDate: { '2025-06-02': { start: '9:00', end: '18:00', breaks: [] } },
        },
      }),
    ).toMatchObject({ code: 'invalid_setting', field: 'settings.schedule.byDate.2025-06-02.start' });
  });

  it('the error surfaces from aggregateAttendance as a typed error', () => {
    const settings = {
      ...defaultLaborSettings,
      schedule: { ...defaultLaborSettings.schedule, default: { start: '18:00', end: '18:00', breaks: [] } },
    };
    expect(() =>
      aggregateAttendance({ settings, period: { from: '2025-06-02', to: '2025-06-02' }, events: [] }),
    ).toThrow(LaborInputError);
  });
});

describe('which days are scheduled', () => {
  const day = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return daysFromCivil(y, m, d);
  };

  it('byDate › 所定休日 (weekday or 祝日) › byWeekday › default', () => {
    const calendar = compileLaborSettings(
      buildSettings({
        nationalHolidays: ['2025-06-04'],
        schedule: {
          default: { start: '09:00', end: '18:00', breaks: [] },
          byWeekday: {
            thu: { start: '10:00', end: '15:00', breaks: [] },
            fri: null,
            sat: { start: '09:00', end: '12:00', breaks: [] },
          },
          byDate: { '2025-06-08': { start: '08:00', end: '12:00', breaks: [] }, '2025-06-02': null },
        },
      }),
    );
    expect(calendar.scheduleOf(day('2025-06-02'))).toBeNull(); // byDate null on a Monday
    expect(calendar.scheduleOf(day('2025-06-03'))?.start).toBe(540); // default
    expect(calendar.scheduleOf(day('2025-06-04'))).toBeNull(); // 祝日
    expect(calendar.scheduleOf(day('2025-06-05'))?.start).toBe(600); // byWeekday thu
    expect(calendar.scheduleOf(day('2025-06-06'))).toBeNull(); // byWeekday fri null
    expect(calendar.scheduleOf(day('2025-06-07'))).toBeNull(); // sat is a 所定休日 despite byWeekday
    expect(calendar.scheduleOf(day('2025-06-08'))?.start).toBe(480); // byDate wins on a Sunday
  });

  it('a byDate schedule on the 法定休日 does not make it a working day for the law', () => {
    // Sunday 06-08 has a schedule but is still the 法定休日: its minutes are 休日労働.
    const settings = buildSettings({
      schedule: {
        ...defaultLaborSettings.schedule,
        byDate: { '2025-06-08': { start: '09:00', end: '18:00', breaks: [['12:00', '13:00']] } },
      },
    });
    expect(run('2025-06-08', '2025-06-08', buildOfficeDay('2025-06-08'), settings)).toMatchObject({
      legalHolidayWork: 480,
      scheduledWithin: 0,
    });
  });

  it('counts 深夜 minutes of any window in O(1)', () => {
    const calendar = compileLaborSettings(defaultLaborSettings);
    const monday = day('2025-06-02') * 1440;
    expect(calendar.lateNightMinutes(monday, monday + 1440)).toBe(420); // 00–05 and 22–24
    expect(calendar.lateNightMinutes(monday + 1260, monday + 1440 + 360)).toBe(420); // 21:00 → 06:00
    const custom = compileLaborSettings(buildSettings({ lateNight: { start: '01:00', end: '04:00' } }));
    expect(custom.lateNightMinutes(monday, monday + 3 * 1440)).toBe(540);
  });

  it('pay periods follow monthStartDay', () => {
    const calendar = compileLaborSettings(buildSettings({ monthStartDay: 16 }));
    expect(calendar.payPeriodOf(day('2025-06-15'))).toBe(calendar.payPeriodOf(day('2025-05-16')));
    expect(calendar.payPeriodOf(day('2025-06-16'))).toBe(calendar.payPeriodOf(day('2025-07-15')));
    expect(calendar.payPeriodOf(day('2025-06-16'))).not.toBe(calendar.payPeriodOf(day('2025-06-15')));
    expect(calendar.payPeriodOf(day('2026-01-10'))).toBe(calendar.payPeriodOf(day('2025-12-16')));
  });

  it('an overnight 勤務 from Friday keeps all its minutes whatever the week start', () => {
    const shift = buildShift('2025-06-06', '22:00', '07:00');
    for (const weekStart of ['sun', 'mon', 'sat'] as const) {
      expect(run('2025-06-06', '2025-06-06', shift, buildSettings({ weekStart })).worked).toBe(540);
    }
  });
});
