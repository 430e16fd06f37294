import { describe, expect, it } from 'vitest';
import { aggregateAttendance } from './aggregate-attendance.ts';
import { aggregateForStaff, dayStanding, employedRange, lastEndedWorkDate } from './judged-days.ts';
import { defaultLaborSettings } from './labor-settings.schema.ts';
import type { AttendanceEvent } from './punch-segments.ts';
import { buildOfficeDay } from './testing/attendance-builders.ts';

const DECEMBER = { from: '2026-12-01', to: '2026-12-31' };
const settings = defaultLaborSettings;
const at = (iso: string) => new Date(iso);
const noDates = { hiredOn: null, retiredOn: null };

function december(events: AttendanceEvent[], employment = noDates as object, lastEnded = '2026-12-03') {
  return aggregateForStaff({
    settings,
    period: DECEMBER,
    events,
    employment: { ...noDates, ...employment },
    lastEnded,
  });
}

describe('lastEndedWorkDate', () => {
  it('is the day before today until the next 日付の変わり目 in the contract’s zone', () => {
    expect(lastEndedWorkDate(at('2026-12-04T10:00:00+09:00'), 'Asia/Tokyo', '05:00')).toBe('2026-12-03');
    expect(lastEndedWorkDate(at('2026-12-04T23:59:00+09:00'), 'Asia/Tokyo', '05:00')).toBe('2026-12-03');
    // 03:00 on the 5th is still the work day of the 4th.
    expect(lastEndedWorkDate(at('2026-12-05T04:59:00+09:00'), 'Asia/Tokyo', '05:00')).toBe('2026-12-03');
    expect(lastEndedWorkDate(at('2026-12-05T05:00:00+09:00'), 'Asia/Tokyo', '05:00')).toBe('2026-12-04');
    // The contract's zone, never the host's: 2026-12-04 10:00 JST is still the 3rd in New York.
    expect(lastEndedWorkDate(at('2026-12-04T10:00:00+09:00'), 'America/New_York', '05:00')).toBe(
      '2026-12-02',
    );
  });
});

describe('aggregateForStaff: 欠勤 only where owed', () => {
  it('counts no 欠勤 on days that have not ended (on 12/04 only 12/01–03 can be absent)', () => {
    // The engine alone, over the whole month, says 23 scheduled weekdays are absent.
    expect(aggregateAttendance({ settings, period: DECEMBER, events: [] }).absenceDays).toBe(23);
    expect(december([]).absenceDays).toBe(3);
  });

  it('makes today 欠勤 only once its work day is over', () => {
    expect(december([], {}, '2026-12-03').absenceDays).toBe(3);
    expect(december([], {}, '2026-12-04').absenceDays).toBe(4);
  });

  it('owes nothing before 入社日 nor after 退職日', () => {
    expect(december([], { hiredOn: '2026-12-03' }).absenceDays).toBe(1);
    expect(december([], { retiredOn: '2026-12-01' }, '2026-12-31').absenceDays).toBe(1);
    expect(december([], { hiredOn: '2027-01-04' }, '2026-12-31')).toMatchObject({
      absenceDays: 0,
      worked: 0,
    });
  });

  it('without 入社日, owes nothing before the person was known (registered today → no 欠勤 last month)', () => {
    const november = aggregateForStaff({
      settings,
      period: { from: '2026-11-01', to: '2026-11-30' },
      events: [],
      employment: { ...noDates, knownSince: '2026-12-04' },
      lastEnded: '2026-12-03',
    });
    expect(november.absenceDays).toBe(0);
    expect(december([], { knownSince: '2026-12-02' }).absenceDays).toBe(2);
    // A 入社日, once given, decides.
    expect(december([], { knownSince: '2026-12-02', hiredOn: '2026-12-01' }).absenceDays).toBe(3);
  });

  it('keeps today’s open shift off 未打刻 until the day is over, and counts finished days', () => {
    const events = [...buildOfficeDay('2026-12-03'), { type: 'clock_in' as const, at: '2026-12-04T09:00' }];
    const during = december(events, {}, '2026-12-03');
    expect(during.incomplete).toEqual([]);
    expect(during.worked).toBe(480);
    expect(during.absenceDays).toBe(2);
    const after = december(events, {}, '2026-12-04');
    expect(after.incomplete).toEqual([{ date: '2026-12-04', code: 'MISSING_CLOCK_OUT' }]);
    // An incomplete day is not an absence either.
    expect(after.absenceDays).toBe(2);
  });

  it('equals the engine for a period that is over and within the employment', () => {
    const events = [...buildOfficeDay('2026-11-02'), ...buildOfficeDay('2026-11-04')];
    const period = { from: '2026-11-01', to: '2026-11-30' };
    expect(
      aggregateForStaff({ settings, period, events, employment: noDates, lastEnded: '2026-12-03' }),
    ).toEqual(aggregateAttendance({ settings, period, events }));
  });
});

describe('dayStanding and employedRange', () => {
  it('names where a date stands', () => {
    const employment = { hiredOn: '2026-12-03', retiredOn: '2026-12-20' };
    expect(dayStanding('2026-12-02', employment, '2026-12-03')).toBe('before_hire');
    expect(dayStanding('2026-12-03', employment, '2026-12-03')).toBe('ended');
    expect(dayStanding('2026-12-04', employment, '2026-12-03')).toBe('not_ended');
    expect(dayStanding('2026-12-21', employment, '2026-12-03')).toBe('after_retire');
    expect(employedRange(DECEMBER, employment)).toEqual({ from: '2026-12-03', to: '2026-12-20' });
    expect(employedRange(DECEMBER, { hiredOn: '2027-01-01', retiredOn: null })).toBeNull();
  });
});
