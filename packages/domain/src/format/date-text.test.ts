import { describe, expect, it } from 'vitest';
import { formatErrorMessage } from '../errors/app-error.ts';
import { formatDateRangeText, formatDateText } from './date-text.ts';

describe('dates in messages', () => {
  it('writes a date and a period in words, without repeating what both ends share', () => {
    expect(formatDateText('2026-12-01', 'ja')).toBe('2026年12月1日');
    expect(formatDateText('2026-12-01', 'en')).toBe('December 1, 2026');
    // What is not a real date is left as typed.
    expect(formatDateText('2026-13-01', 'ja')).toBe('2026-13-01');
    expect(formatDateRangeText('2026-12-01', '2026-12-31', 'ja')).toBe('2026年12月1日〜31日');
    expect(formatDateRangeText('2026-12-01', '2026-12-31', 'en')).toBe('December 1–31, 2026');
    expect(formatDateRangeText('2026-11-21', '2026-12-20', 'ja')).toBe('2026年11月21日〜12月20日');
    expect(formatDateRangeText('2026-12-21', '2027-01-20', 'en')).toBe(
      'December 21, 2026 – January 20, 2027',
    );
  });

  it('never shows an ISO date in a message', () => {
    const params = { from: '2026-12-01', to: '2026-12-31' };
    expect(formatErrorMessage('period_locked', 'ja', params)).toMatch(
      /^2026年12月1日〜31日の期間は締め処理済み/,
    );
    expect(formatErrorMessage('period_locked', 'en', params)).toContain('December 1–31, 2026');
  });
});
