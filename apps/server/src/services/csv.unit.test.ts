import { AppError } from '@timecard/domain';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  CsvRowsRejectedError,
  decodeCsv,
  detectCsvEncoding,
  formatCsvProblem,
  parseCsv,
  parseCsvEncoding,
} from './csv.ts';

function appErrorOf(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('parseCsv', () => {
  it('splits plain records on LF, CRLF and lone CR, without an empty record for the last line break', () => {
    expect(parseCsv('a,b\nc,d\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a,b\r\nc,d\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a,b\rc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('')).toEqual([]);
  });

  it('keeps empty fields, including trailing ones and blank lines', () => {
    expect(parseCsv('a,,c,\r\n\r\n,')).toEqual([['a', '', 'c', ''], [''], ['', '']]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks (CRLF kept as written)', () => {
    const text = '名前,メモ\r\n"山田, 太郎","彼は""店長""です"\r\n"高橋","1行目\r\n2行目\n3行目"\r\n"",x\r\n';
    expect(parseCsv(text)).toEqual([
      ['名前', 'メモ'],
      ['山田, 太郎', '彼は"店長"です'],
      ['高橋', '1行目\r\n2行目\n3行目'],
      ['', 'x'],
    ]);
  });

  it('is lenient like Excel about stray quotes in unquoted fields', () => {
    expect(parseCsv('ab"c,"d"e\n')).toEqual([['ab"c', 'de']]);
  });

  it('ignores a BOM left at the start of the text', () => {
    expect(parseCsv('\uFEFF名前\n山田')).toEqual([['名前'], ['山田']]);
  });

  it('names the line where a quote is left open', () => {
    const error = appErrorOf(() => parseCsv('名前\n"ok"\n"a\nb"\n"never closed,x\n'));
    expect(error.code).toBe('csv_unterminated_quote');
    // Line 3 opens "a / b" which closes on line 4; line 5 opens the one that never closes.
    expect(error.params).toEqual({ line: 5 });
  });
});

describe('decodeCsv', () => {
  const text = '名前,フリガナ,雇用区分\r\n佐藤 花子,ｻﾄｳ ﾊﾅｺ,パート・アルバイト\r\n㈱テスト①,ﾃｽﾄ,正社員\r\n';

  it('reads UTF-8 with and without a BOM, and drops the BOM', () => {
    const plain = Buffer.from(text, 'utf8');
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), plain]);
    expect(detectCsvEncoding(plain)).toBe('utf-8');
    expect(detectCsvEncoding(withBom)).toBe('utf-8');
    expect(decodeCsv(plain)).toBe(text);
    expect(decodeCsv(withBom)).toBe(text);
    expect(decodeCsv(withBom, 'utf-8')).toBe(text);
  });

  it('detects Shift_JIS (Windows-31J, with half-width kana and ①/㈱) and decodes it', () => {
    const bytes = iconv.encode(text, 'Shift_JIS');
    expect(detectCsvEncoding(bytes)).toBe('shift_jis');
    expect(decodeCsv(bytes)).toBe(text);
    expect(decodeCsv(bytes, 'shift_jis')).toBe(text);
    expect(parseCsv(decodeCsv(bytes))[1]).toEqual(['佐藤 花子', 'ｻﾄｳ ﾊﾅｺ', 'パート・アルバイト']);
  });

  it('treats ASCII-only files as UTF-8, which Shift_JIS agrees with', () => {
    const bytes = iconv.encode('name,code\r\nSato,A1\r\n', 'Shift_JIS');
    expect(detectCsvEncoding(bytes)).toBe('utf-8');
    expect(decodeCsv(bytes)).toBe('name,code\r\nSato,A1\r\n');
  });

  it('refuses to read a file in the wrong encoding and says on which line', () => {
    const sjis = iconv.encode('name\r\nSato\r\n佐藤\r\n', 'Shift_JIS');
    const error = appErrorOf(() => decodeCsv(sjis, 'utf-8'));
    expect(error.code).toBe('csv_garbled');
    expect(error.params).toEqual({ line: 3, encoding: 'UTF-8' });
  });

  it('reads --encoding values in the spellings people use', () => {
    expect(parseCsvEncoding('UTF8')).toBe('utf-8');
    expect(parseCsvEncoding('utf-8')).toBe('utf-8');
    expect(parseCsvEncoding('Shift_JIS')).toBe('shift_jis');
    expect(parseCsvEncoding('sjis')).toBe('shift_jis');
    expect(parseCsvEncoding('cp932')).toBe('shift_jis');
    expect(appErrorOf(() => parseCsvEncoding('euc-jp')).code).toBe('csv_encoding_invalid');
  });
});

describe('the rejected-rows report', () => {
  it('sorts problems by row and prints one line each in Japanese and English', () => {
    const error = new CsvRowsRejectedError([
      { row: 4, field: 'メールアドレス', code: 'email_invalid' },
      { row: 2, field: 'スタッフコード', code: 'duplicate_in_file_code', params: { row: 1 } },
      { row: 4, field: '名前', code: 'name_required' },
    ]);
    expect(error.code).toBe('csv_rows_rejected');
    expect(error.params).toMatchObject({ rows: 2, total: 3 });
    expect(error.problems.map(formatCsvProblem)).toEqual([
      '行 2: スタッフコード: 行 1 と同じスタッフコードです。 / Same staff code as row 1.',
      '行 4: メールアドレス: メールアドレスの形式が正しくありません。 / The e-mail address is not valid.',
      '行 4: 名前: 名前を入力してください。 / Please enter a name.',
    ]);
  });
});
