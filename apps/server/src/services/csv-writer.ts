import iconv from 'iconv-lite';
import type { CsvEncoding } from './csv.ts';

/**
 * Writing every CSV the product exports (集計・出力, the CLI's `report attendance`, any later export):
 * the one place where cells are quoted and made formula-safe (ADR 015).
 *
 * A cell's type says where it came from, so nothing is guessed from its look:
 * - a `string` is text (a name, a code, a reason): when it starts like a formula it is written
 *   `'`-prefixed and quoted (OWASP "CSV injection"), so `=HYPERLINK(…)` opens as text;
 * - a `number`, or a `CsvFigure` the product formatted (`164:31`, `-0:30`, `8.50`), is written as it
 *   is, so `-1.5` stays a number for payroll software;
 * - `null` / `undefined` is an empty cell.
 */
export type CsvCell = string | number | CsvFigure | null | undefined;

/** A value the product computed and formatted itself, written untouched (see `figure`). */
export class CsvFigure {
  constructor(readonly text: string) {}
}

/**
 * Marks a formatted figure as the product's own, never a person's text.
 *
 * @example
 *   formatCsvRecord(['-0:30', figure('-0:30')]) // `"'-0:30",-0:30`
 */
export function figure(text: string): CsvFigure {
  return new CsvFigure(text);
}

/**
 * First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP:
 * = + - @ tab CR), and their full-width forms: Japanese Excel turns ＝＋－＠ typed at the start of a
 * cell into the operators, and CSV cells are read as if typed.
 */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);

/** Whether a text cell would start a formula in a spreadsheet. */
export function startsFormula(text: string): boolean {
  return text.length > 0 && FORMULA_START.has(text[0]!);
}

function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * How cells are quoted: `minimal` (as needed: a cell holding `"`, `,` or a line break, and text
 * made formula-safe), or `all` (every cell, empty ones as `""`; for importers that want it).
 */
export type CsvQuoting = 'minimal' | 'all';

/** One cell as CSV text (RFC 4180 quoting; text made formula-safe). */
export function formatCsvCell(cell: CsvCell, quoting: CsvQuoting = 'minimal'): string {
  if (quoting === 'all') return quoted(cellText(cell));
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    // A figure that is not a finite number is a bug upstream: refuse rather than write "NaN".
    if (!Number.isFinite(cell)) throw new RangeError(`CSV number cell is not finite: ${cell}`);
    return String(cell);
  }
  if (cell instanceof CsvFigure) return /[",\r\n]/.test(cell.text) ? quoted(cell.text) : cell.text;
  if (startsFormula(cell)) return quoted(`'${cell}`);
  return /[",\r\n]/.test(cell) ? quoted(cell) : cell;
}

/** A cell's text before quoting: a formula-like text cell `'`-prefixed. */
function cellText(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new RangeError(`CSV number cell is not finite: ${cell}`);
    return String(cell);
  }
  if (cell instanceof CsvFigure) return cell.text;
  return startsFormula(cell) ? `'${cell}` : cell;
}

/** A record written by `formatCsvRecord`: the only text `encodeCsvLines` takes. */
export type CsvLine = string & { readonly csvLine: unique symbol };

/** One record: cells joined by commas, without the line end. */
export function formatCsvRecord(cells: readonly CsvCell[], quoting: CsvQuoting = 'minimal'): CsvLine {
  return cells.map((cell) => formatCsvCell(cell, quoting)).join(',') as CsvLine;
}

/**
 * A whole CSV file as Japanese payroll software reads it: CRLF (or, when asked, LF) after every
 * record; UTF-8 with a BOM (so Excel does not read it as Shift_JIS), or Shift_JIS (Windows-31J)
 * without one. A character Shift_JIS cannot hold (𠮷, an emoji) is written `?`, visibly.
 */
export function encodeCsvLines(
  lines: readonly CsvLine[],
  encoding: CsvEncoding,
  lineEnding: 'crlf' | 'lf' = 'crlf',
  options: { bom?: boolean } = {},
): Buffer {
  const end = lineEnding === 'lf' ? '\n' : '\r\n';
  const text = lines.map((line) => `${line}${end}`).join('');
  if (encoding === 'shift_jis') return iconv.encode(text, 'Shift_JIS');
  // `bom: false` for the later parts of a file written in parts (a streamed download): both
  // encodings are stateless, so the parts joined are the file written at once.
  return options.bom === false
    ? Buffer.from(text, 'utf8')
    : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** Whether Shift_JIS holds every character of a text (what `encodeCsvLines` would not replace). */
export function shiftJisHolds(text: string): boolean {
  return iconv.decode(iconv.encode(text, 'Shift_JIS'), 'Shift_JIS') === text;
}

/**
 * `encodeCsvLines` of records given as cells.
 *
 * @example
 *   encodeCsv([['名前', '日数'], ['=1+1', 2]], 'utf-8') // BOM + `名前,日数\r\n"'=1+1",2\r\n`
 */
export function encodeCsv(records: readonly (readonly CsvCell[])[], encoding: CsvEncoding): Buffer {
  return encodeCsvLines(
    records.map((record) => formatCsvRecord(record)),
    encoding,
  );
}
