import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { encodeCsv, figure, formatCsvCell, formatCsvRecord, startsFormula } from './csv-writer.ts';

const HYPERLINK = '=HYPERLINK("http://x","y")';

describe('formatCsvCell: text a person typed', () => {
  it('writes a formula as quoted text with a leading apostrophe (OWASP)', () => {
    expect(formatCsvCell(HYPERLINK)).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });

  it.each([
    ['=1+1', `"'=1+1"`],
    ['+81 3 1234', `"'+81 3 1234"`],
    ['-1.5', `"'-1.5"`],
    ['@SUM(A1:A2)', `"'@SUM(A1:A2)"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    // Full-width forms: Japanese Excel reads ＝＋－＠ typed at the start of a cell as operators.
    ['＝１＋１', `"'＝１＋１"`],
    ['＋８１', `"'＋８１"`],
    ['－１', `"'－１"`],
    ['＠ＳＵＭ', `"'＠ＳＵＭ"`],
  ])('neutralises %j', (text, written) => {
    expect(formatCsvCell(text)).toBe(written);
  });

  it('writes ordinary text as it is, quoting only commas, quotes and line breaks', () => {
    expect(formatCsvCell('山田 太郎')).toBe('山田 太郎');
    expect(formatCsvCell('A-1')).toBe('A-1'); // a minus inside the text is harmless
    expect(formatCsvCell('山田, "ハナ"')).toBe('"山田, ""ハナ"""');
    expect(formatCsvCell('1行目\n2行目')).toBe('"1行目\n2行目"');
    expect(formatCsvCell('')).toBe('');
    expect(formatCsvCell(null)).toBe('');
    expect(formatCsvCell(undefined)).toBe('');
  });
});

describe('formatCsvCell: figures the product computed', () => {
  it('writes numbers as they are, negative ones included', () => {
    expect(formatCsvCell(-1.5)).toBe('-1.5');
    expect(formatCsvCell(0.5)).toBe('0.5');
    expect(formatCsvCell(20)).toBe('20');
    expect(formatCsvCell(-0)).toBe('0');
  });

  it('writes formatted figures as they are, where the same text typed by a person is neutralised', () => {
    expect(formatCsvCell(figure('-0:30'))).toBe('-0:30');
    expect(formatCsvCell(figure('-1.50'))).toBe('-1.50');
    expect(formatCsvCell('-0:30')).toBe(`"'-0:30"`);
  });

  it('refuses a number that is not finite rather than write NaN into a payroll file', () => {
    expect(() => formatCsvCell(Number.NaN)).toThrow(RangeError);
    expect(() => formatCsvCell(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('formatCsvRecord', () => {
  it('reads back, through the import parser, as the cells written, formulas as apostrophe text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { minLength: 1, maxLength: 6 }),
        (cells) => {
          // A first cell of our own: the reader drops a BOM at the very start of a file.
          const [parsed] = parseCsv(`${formatCsvRecord(['#', ...cells])}\r\n`);
          expect(parsed!.slice(1)).toEqual(cells.map((cell) => (startsFormula(cell) ? `'${cell}` : cell)));
          for (const value of parsed!) expect(startsFormula(value)).toBe(false);
        },
      ),
    );
  });
});

describe('encodeCsv', () => {
  const records = [
    ['名前', '日数', '時間'],
    [HYPERLINK, -1.5, figure('-0:30')],
  ];

  it('writes UTF-8 with a BOM and CRLF after every record', () => {
    const bytes = encodeCsv(records, 'utf-8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      `名前,日数,時間\r\n"'=HYPERLINK(""http://x"",""y"")",-1.5,-0:30\r\n`,
    );
  });

  it('writes Shift_JIS without a BOM, the neutralised cell intact', () => {
    const bytes = encodeCsv([...records, ['＝１＋１', 2, null]], 'shift_jis');
    expect(bytes[0]).not.toBe(0xef);
    expect(iconv.decode(bytes, 'Shift_JIS')).toBe(
      `名前,日数,時間\r\n"'=HYPERLINK(""http://x"",""y"")",-1.5,-0:30\r\n"'＝１＋１",2,\r\n`,
    );
  });
});
