import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DateSchema,
  forbiddenCharacterAt,
  IdSchema,
  MonthSchema,
  QueryIdSchema,
  queryIntegerSchema,
  textSchema,
} from './input.schema.ts';

const messages = (result: { error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message);

describe('forbiddenCharacterAt', () => {
  it('finds control characters and unpaired surrogates, and nothing in ordinary text', () => {
    expect(forbiddenCharacterAt('山田\u0000太郎')).toBe(2);
    expect(forbiddenCharacterAt('a\u007fb')).toBe(1);
    expect(forbiddenCharacterAt('a\u0085b')).toBe(1);
    expect(forbiddenCharacterAt('a\ud800b')).toBe(1);
    expect(forbiddenCharacterAt('a\udc00')).toBe(1);
    expect(forbiddenCharacterAt('a\tb')).toBe(1);
    expect(forbiddenCharacterAt('a\tb\r\nc', { multiline: true })).toBe(-1);
    expect(forbiddenCharacterAt('髙橋 𠮷野家 👩‍👩‍👧 ＝＋')).toBe(-1);
  });

  it('accepts every well-formed string without control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const isControl = (c: string) =>
          c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f);
        const clean = [...text].filter((c) => !isControl(c)).join('');
        expect(forbiddenCharacterAt(clean)).toBe(-1);
      }),
    );
  });
});

describe('textSchema', () => {
  const name = textSchema({ message: 'name_required' })
    .min(1, { message: 'name_required' })
    .max(5, { message: 'text_too_long' });

  it('trims, then refuses control characters with text_invalid', () => {
    expect(name.parse('  山田\n')).toBe('山田');
    expect(messages(name.safeParse('山\u0000田'))).toEqual(['text_invalid']);
    expect(messages(name.safeParse('山\t田'))).toEqual(['text_invalid']);
    expect(messages(name.safeParse(undefined))).toEqual(['name_required']);
    expect(messages(name.safeParse('   '))).toEqual(['name_required']);
    expect(messages(name.safeParse('123456'))).toEqual(['text_too_long']);
  });

  it('keeps line breaks in multi-line text', () => {
    expect(textSchema({ multiline: true }).parse('1行目\r\n2行目')).toBe('1行目\r\n2行目');
    expect(messages(textSchema({ multiline: true }).safeParse('a\u0000'))).toEqual(['text_invalid']);
  });

  it('keeps formula-like text as typed: making it safe is the CSV writer’s job', () => {
    expect(textSchema().parse('=HYPERLINK("http://x","y")')).toBe('=HYPERLINK("http://x","y")');
  });
});

describe('dates', () => {
  it('accepts only real dates written YYYY-MM-DD', () => {
    expect(DateSchema.parse('2028-02-29')).toBe('2028-02-29');
    for (const bad of [
      "2026-10-01'",
      '2026-02-30',
      '2026-13-01',
      '2026-1-1',
      ' 2026-10-01',
      '0000-01-01',
      20261001,
    ]) {
      expect(new Set(messages(DateSchema.safeParse(bad))), String(bad)).toEqual(new Set(['date_invalid']));
    }
  });

  it('accepts months 01–12', () => {
    expect(MonthSchema.parse('2026-12')).toBe('2026-12');
    expect(messages(MonthSchema.safeParse('2026-13'))).toEqual(['date_invalid']);
    expect(messages(MonthSchema.safeParse('2026-00'))).toEqual(['date_invalid']);
  });
});

describe('ids and query numbers', () => {
  it('takes ids that fit an integer column', () => {
    expect(IdSchema.parse(2_147_483_647)).toBe(2_147_483_647);
    for (const bad of [0, -1, 1.5, 2_147_483_648, '1', null]) {
      expect(messages(IdSchema.safeParse(bad)), String(bad)).toEqual(['id_invalid']);
    }
  });

  it('reads digits only from a query string, within range', () => {
    const limit = queryIntegerSchema(1, 200);
    expect(limit.parse('200')).toBe(200);
    expect(limit.parse(7)).toBe(7); // already parsed: parses again
    for (const bad of ['0', '201', '1e2', '0x10', ' 7', '7.0', '', '-1', ['1', '2']]) {
      expect(limit.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(messages(QueryIdSchema.safeParse('99999999999'))).toEqual(['id_invalid']);
  });
});
