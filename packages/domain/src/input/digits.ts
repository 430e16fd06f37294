import { z } from 'zod';

/**
 * Full-width digits (０–９, U+FF10–FF19) as half-width ones: a Japanese IME types １２３４ for a PIN
 * or a passcode, and the person meant 1234 (issue 11 §5). Everything else is left as it is, so a
 * wrong character still shows and is refused rather than silently dropped.
 *
 * @example
 *   toHalfWidthDigits('１２３４') // '1234'
 *   toHalfWidthDigits('12a４') // '12a4'
 */
export function toHalfWidthDigits(text: string): string {
  return text.replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Exactly `length` digits, full-width ones accepted as half-width (the edge normalises, the rule
 * stays "4 digits": 12345 is refused, never cut to 1234).
 */
export function digitCodeSchema(length: number, message: string) {
  const pattern = new RegExp(`^\\d{${length}}$`);
  return z.string({ message }).transform(toHalfWidthDigits).pipe(z.string().regex(pattern, { message }));
}
