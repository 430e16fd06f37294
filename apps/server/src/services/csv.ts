import { AppError, type ErrorCode, formatErrorMessage } from '@timecard/domain';
import iconv from 'iconv-lite';

/**
 * Reading CSV files that people bring from payroll software and Excel (staff import, punch import).
 * Japanese tools write Shift_JIS (Windows-31J) or UTF-8, with or without a BOM, with CRLF.
 */
export const CSV_ENCODINGS = ['utf-8', 'shift_jis'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];

/** Reads an `--encoding` value; `sjis`, `cp932`, `utf8` and any case are accepted too. */
export function parseCsvEncoding(value: string): CsvEncoding {
  const normalized = value.trim().toLowerCase().replace(/[-_]/g, '');
  if (normalized === 'utf8') return 'utf-8';
  if (['shiftjis', 'sjis', 'cp932', 'windows31j', 'ms932'].includes(normalized)) return 'shift_jis';
  throw new AppError('csv_encoding_invalid', { encoding: value });
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return UTF8_BOM.every((byte, i) => bytes[i] === byte);
}

/**
 * The encoding of a file: UTF-8 when the bytes decode as UTF-8 without a replacement character
 * (a Shift_JIS file with any kana or kanji never does), otherwise Shift_JIS.
 */
export function detectCsvEncoding(bytes: Uint8Array): CsvEncoding {
  if (hasUtf8Bom(bytes)) return 'utf-8';
  return new TextDecoder('utf-8').decode(bytes).includes('\uFFFD') ? 'shift_jis' : 'utf-8';
}

/**
 * Decodes a CSV file to text without a BOM, in the given encoding or the detected one. Bytes that
 * do not decode (a UTF-8 file read as Shift_JIS, a broken file) throw `csv_garbled`.
 *
 * @example
 *   decodeCsv(iconv.encode('名前\r\n山田', 'Shift_JIS')) // '名前\r\n山田'
 */
export function decodeCsv(bytes: Uint8Array, encoding: CsvEncoding = detectCsvEncoding(bytes)): string {
  const text =
    encoding === 'utf-8'
      ? new TextDecoder('utf-8').decode(bytes)
      : // iconv-lite's Shift_JIS table is Windows-31J (cp932): ①, ㈱ and NEC/IBM kanji decode too.
        iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'Shift_JIS');
  // A replacement character means bytes that are not text in this encoding: refuse rather than
  // register names in mojibake.
  const garbled = text.indexOf('\uFFFD');
  if (garbled >= 0) {
    const line = text.slice(0, garbled).split(/\r\n|\r|\n/).length;
    throw new AppError('csv_garbled', { line, encoding: encoding === 'utf-8' ? 'UTF-8' : 'Shift_JIS' });
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * decodeCsv for a file uploaded in the 管理画面, where there is no --encoding to give: a garbled
 * file is answered `csv_garbled_upload`, which asks to save it again as UTF-8 or Shift_JIS.
 */
export function decodeUploadedCsv(bytes: Uint8Array): string {
  try {
    return decodeCsv(bytes);
  } catch (error) {
    if (error instanceof AppError && error.code === 'csv_garbled') {
      throw new AppError('csv_garbled_upload', error.params);
    }
    throw error;
  }
}

/**
 * Splits CSV text into records of fields (RFC 4180): fields in double quotes may hold commas,
 * line breaks and `""` for a quote; records end with CRLF, LF or CR. A trailing line break does
 * not make an empty record. A quote left open throws `csv_unterminated_quote`.
 *
 * @example
 *   parseCsv('名前,メモ\r\n"山田, 太郎","1行目\n2行目"\r\n') // [['名前', 'メモ'], ['山田, 太郎', '1行目\n2行目']]
 */
export function parseCsv(text: string): string[][] {
  return [...csvRecords(text)];
}

/**
 * parseCsv for large files (a 10 MB upload): the same records, with the event loop let through
 * every few thousand records so that other requests are not held up meanwhile.
 */
export async function parseCsvInChunks(text: string, recordsPerChunk = 5000): Promise<string[][]> {
  const records: string[][] = [];
  for (const record of csvRecords(text)) {
    records.push(record);
    if (records.length % recordsPerChunk === 0) await breathe();
  }
  return records;
}

function* csvRecords(text: string): Generator<string[]> {
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let quoteLine = 0;
  let line = 1;
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line += 1;
        field += c;
      }
      i += 1;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      record.push(field);
      yield record;
      record = [];
      field = '';
      line += 1;
      if (c === '\r' && text[i + 1] === '\n') i += 1;
    } else {
      // Lenient like Excel: a quote inside an unquoted field, or text after a closing quote, is kept.
      field += c;
    }
    i += 1;
  }
  if (quoted) throw new AppError('csv_unterminated_quote', { line: quoteLine });
  if (field !== '' || record.length > 0) {
    record.push(field);
    yield record;
  }
}

/** Whether a record holds nothing (Excel writes `,,,` lines below the data). */
export function isBlankRecord(record: readonly string[]): boolean {
  return record.every((value) => value.trim() === '');
}

/**
 * One rejected value of an imported file. `row` is the record number counting the header as 1,
 * which is the row number a spreadsheet shows; `field` is the column as written in the header.
 */
export interface CsvRowProblem {
  row: number;
  field: string;
  code: ErrorCode;
  params?: Record<string, string | number>;
}

/** A report names at most this many problems (a 10 MB file of bad rows once answered 23 MB). */
export const CSV_PROBLEMS_SHOWN = 100;

/**
 * Thrown when an import rejects rows: nothing was imported, and `problems` is the report (one
 * entry per bad value, sorted by row), cut at CSV_PROBLEMS_SHOWN; `total` counts them all.
 */
export class CsvRowsRejectedError extends AppError {
  readonly problems: CsvRowProblem[];
  readonly total: number;

  constructor(problems: CsvRowProblem[], counted?: { total: number; rows: number }) {
    const rows = counted?.rows ?? new Set(problems.map((p) => p.row)).size;
    const total = counted?.total ?? problems.length;
    super(total > CSV_PROBLEMS_SHOWN ? 'csv_rows_rejected_many' : 'csv_rows_rejected', {
      rows,
      total,
      shown: CSV_PROBLEMS_SHOWN,
    });
    this.problems = [...problems].sort((a, b) => a.row - b.row).slice(0, CSV_PROBLEMS_SHOWN);
    this.total = total;
  }
}

/**
 * Collects the problems of an import: every one is counted, only the first CSV_PROBLEMS_SHOWN
 * are kept for the report.
 */
export class CsvProblemList {
  readonly kept: CsvRowProblem[] = [];
  private readonly rows = new Set<number>();
  total = 0;

  add(problem: CsvRowProblem) {
    this.total += 1;
    this.rows.add(problem.row);
    if (this.kept.length < CSV_PROBLEMS_SHOWN) this.kept.push(problem);
  }

  hasRow(row: number): boolean {
    return this.rows.has(row);
  }

  throwIfAny(): void {
    if (this.total > 0)
      throw new CsvRowsRejectedError(this.kept, { total: this.total, rows: this.rows.size });
  }
}

/** Lets the event loop breathe between chunks of a long import (health checks, other requests). */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A report line: `行 3: メールアドレス: <ja> / <en>`. */
export function formatCsvProblem(problem: CsvRowProblem): string {
  const ja = formatErrorMessage(problem.code, 'ja', problem.params);
  const en = formatErrorMessage(problem.code, 'en', problem.params);
  return `行 ${problem.row}: ${problem.field}: ${ja} / ${en}`;
}

/** A header or a word as a person may type it: full-width forms, surrounding spaces and case folded. */
export function foldCsvWord(value: string): string {
  return value.normalize('NFKC').trim().toLowerCase();
}

/**
 * The columns of a header row, by each column's accepted names (Japanese and English): the index
 * and the header as written. An unknown or repeated column, or a missing `required` one, is refused
 * naming what is accepted.
 */
export function mapCsvHeader<C extends string>(
  header: string[] | undefined,
  columns: Record<C, readonly string[]>,
  required: readonly C[],
): { index: Partial<Record<C, number>>; names: Partial<Record<C, string>> } {
  if (!header || isBlankRecord(header)) throw new AppError('csv_header_missing');
  const lookup = new Map<string, C>();
  for (const [column, accepted] of Object.entries(columns) as [C, readonly string[]][]) {
    for (const name of accepted) lookup.set(foldCsvWord(name), column);
  }
  const index: Partial<Record<C, number>> = {};
  const names: Partial<Record<C, string>> = {};
  const unknown: string[] = [];
  header.forEach((raw, i) => {
    const name = raw.trim();
    if (name === '') return;
    const column = lookup.get(foldCsvWord(name));
    if (!column) {
      unknown.push(name);
      return;
    }
    if (index[column] !== undefined) throw new AppError('csv_duplicate_column', { column: name });
    index[column] = i;
    names[column] = name;
  });
  if (unknown.length > 0) {
    const known = (Object.values(columns) as readonly string[][])
      .map((list) => `${list[0]} (${list.at(-1)})`)
      .join(', ');
    throw new AppError('csv_unknown_columns', { columns: unknown.join(', '), known });
  }
  for (const column of required) {
    if (index[column] === undefined) {
      throw new AppError('csv_missing_column', { column: columns[column].join(' / ') });
    }
  }
  return { index, names };
}
