import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ATTENDANCE_CSV_HEADER, attendanceCsv, formatDuration, type SummaryRow } from './report.service.ts';

describe('formatDuration', () => {
  it('writes h:mm or decimal hours with two places, rounded half up from whole minutes', () => {
    expect(formatDuration(9871, 'hmm')).toBe('164:31');
    expect(formatDuration(9871, 'decimal')).toBe('164.52'); // 164.5166…
    expect(formatDuration(0, 'hmm')).toBe('0:00');
    expect(formatDuration(0, 'decimal')).toBe('0.00');
    expect(formatDuration(1, 'decimal')).toBe('0.02'); // 0.01666… → 0.02
    expect(formatDuration(3, 'decimal')).toBe('0.05'); // exactly 0.05
    expect(formatDuration(45, 'decimal')).toBe('0.75');
  });

  it('puts the sign in front of a negative duration', () => {
    expect(formatDuration(-30, 'hmm')).toBe('-0:30');
    expect(formatDuration(-90, 'decimal')).toBe('-1.50');
  });
});

describe('attendanceCsv', () => {
  const row: SummaryRow = {
    staffId: 1,
    code: 'A-1',
    name: '山田, "ハナ"',
    attendedDays: 20,
    worked: 9871,
    scheduledWithin: 9600,
    statutoryWithinOvertime: 31,
    statutoryOvertime: 240,
    statutoryOvertimeUpTo60h: 240,
    statutoryOvertimeOver60h: 0,
    lateNight: 0,
    lateNightOnStatutoryOvertime: 0,
    legalHolidayWork: 0,
    lateNightOnLegalHoliday: 0,
    late: 5,
    earlyLeave: 0,
    privateOut: 0,
    absenceDays: 1,
    paidLeaveDays: 0.5,
    incompleteDays: 0,
    unapprovedOvertime: 0,
    warnings: ['BREAK_SHORTAGE@2025-06-03', 'ROUNDING_AGAINST_WORKER@2025-06-04'],
  };

  it('writes the header in order, CRLF lines, quoted fields, and a BOM for UTF-8', () => {
    const bytes = attendanceCsv([row], { encoding: 'utf-8', hours: 'hmm' });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text).toBe(
      `${ATTENDANCE_CSV_HEADER.join(',')}\r\nA-1,"山田, ""ハナ""",20,164:31,160:00,0:31,4:00,4:00,0:00,0:00,0:00,0:00,0:00,0:05,0:00,0:00,1,0.5,0,BREAK_SHORTAGE@2025-06-03 ROUNDING_AGAINST_WORKER@2025-06-04\r\n`,
    );
  });

  it('encodes Shift_JIS without a BOM', () => {
    const bytes = attendanceCsv([row], { encoding: 'shift_jis', hours: 'decimal' });
    expect(bytes[0]).not.toBe(0xef);
    expect(iconv.decode(bytes, 'Shift_JIS').split('\r\n')[1]).toContain(',164.52,160.00,');
  });

  it('writes a name or code typed as a formula as text, and the figures as they are (issue 12)', () => {
    const hostile = { ...row, code: '@SUM(A1)', name: '=HYPERLINK("http://x","y")', worked: -30 };
    const text = attendanceCsv([hostile], { encoding: 'utf-8', hours: 'hmm' }).subarray(3).toString('utf8');
    expect(text.split('\r\n')[1]).toMatch(
      /^"'@SUM\(A1\)","'=HYPERLINK\(""http:\/\/x"",""y""\)",20,-0:30,160:00,/,
    );
  });
});
