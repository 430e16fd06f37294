import { describe, expect, it } from 'vitest';
import { digitCodeSchema, toHalfWidthDigits } from './digits.ts';

describe('toHalfWidthDigits', () => {
  it('turns full-width digits into half-width ones and keeps anything else', () => {
    expect(toHalfWidthDigits('１２３４')).toBe('1234');
    expect(toHalfWidthDigits('０９8７')).toBe('0987');
    expect(toHalfWidthDigits('12a４')).toBe('12a4');
    expect(toHalfWidthDigits('')).toBe('');
  });
});

describe('digitCodeSchema', () => {
  const pin = digitCodeSchema(4, 'clock_pin_invalid');
  it('accepts exactly four digits, full-width ones as half-width', () => {
    expect(pin.parse('0000')).toBe('0000');
    expect(pin.parse('１２３４')).toBe('1234');
  });
  it('refuses five digits instead of cutting them to four', () => {
    for (const value of ['12345', '１２３４５', '123', '12a4', ' 1234', 1234]) {
      const result = pin.safeParse(value);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('clock_pin_invalid');
    }
  });
});
