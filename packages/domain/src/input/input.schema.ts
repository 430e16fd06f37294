import { z } from 'zod';

/**
 * The building blocks every request schema uses for what a person or program sends: text, dates,
 * ids and query-string numbers. Each refuses bad input with an error code naming the problem, so
 * that nothing malformed reaches the database (issue 12 item 9: U+0000 in a name answered 500).
 */

/** The largest id a PostgreSQL `integer` column holds. */
export const MAX_ID = 2_147_483_647;

/**
 * The index of the first character no text field accepts, or -1: control characters (C0, DEL and
 * C1; PostgreSQL cannot store U+0000 at all) and unpaired surrogates (not text: they would be
 * stored as U+FFFD, silently changing what was sent). Multi-line text keeps tab, CR and LF.
 *
 * @example
 *   forbiddenCharacterAt('山田\u0000太郎') // 2
 *   forbiddenCharacterAt('1行目\n2行目', { multiline: true }) // -1
 */
export function forbiddenCharacterAt(text: string, options: { multiline?: boolean } = {}): number {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20) {
      if (options.multiline && (c === 0x09 || c === 0x0a || c === 0x0d)) continue;
      return i;
    }
    if (c >= 0x7f && c <= 0x9f) return i;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 1;
        continue;
      }
      return i;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return i;
  }
  return -1;
}

/**
 * Text a person types (a name, a code, a reason, a search): trimmed, then refused with
 * `text_invalid` when it holds a control character. `message` is the code for a missing or
 * non-string value (e.g. `name_required`); chain `.min()` / `.max()` as on any string.
 *
 * @example
 *   textSchema({ message: 'name_required' }).min(1, { message: 'name_required' }).max(100, { message: 'text_too_long' })
 */
export function textSchema(options: { message?: string; multiline?: boolean } = {}) {
  const { message, multiline = false } = options;
  return z
    .string(message ? { message } : undefined)
    .trim()
    .refine((value) => forbiddenCharacterAt(value, { multiline }) < 0, { message: 'text_invalid' });
}

/** A calendar date YYYY-MM-DD that exists (2026-02-30 and `2026-10-01'` are refused). */
export const DateSchema = z
  .string({ message: 'date_invalid' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_invalid' })
  .refine(
    (value) => {
      const [y, m, d] = value.split('-').map(Number) as [number, number, number];
      const date = new Date(Date.UTC(y, m - 1, d));
      return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
    },
    { message: 'date_invalid' },
  );

/** A month YYYY-MM (01–12). */
export const MonthSchema = z
  .string({ message: 'date_invalid' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'date_invalid' });

/** An id in a JSON body: a whole number an `integer` column can hold. */
export const IdSchema = z
  .number({ message: 'id_invalid' })
  .int({ message: 'id_invalid' })
  .min(1, { message: 'id_invalid' })
  .max(MAX_ID, { message: 'id_invalid' });

/**
 * A whole number in a query string, from digits only (`1e3`, `0x10`, ` 7` and `7.0` are refused,
 * unlike `Number()`), within `min`–`max`. A number is taken as it is, so that parsed output parses
 * again (the CLI parses its options, then the service parses them once more).
 */
export function queryIntegerSchema(min: number, max: number, message = 'bad_request') {
  return z
    .union(
      [
        z.int(),
        z
          .string()
          .regex(/^\d{1,10}$/)
          .transform(Number),
      ],
      { message },
    )
    .pipe(z.number().min(min, { message }).max(max, { message }));
}

/** An id in a query string (`?officeId=2`). */
export const QueryIdSchema = queryIntegerSchema(1, MAX_ID, 'id_invalid');
