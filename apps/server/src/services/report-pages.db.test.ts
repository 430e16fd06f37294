import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.ts';
import { withTenant } from '../db/database.ts';
import { insertExportLayout } from '../repositories/export-layout.repository.ts';
import { buildContract } from '../testing/factories.ts';
import { openTestDatabase } from '../testing/test-database.ts';
import { parseCsv } from './csv.ts';
import { attendanceCsvFile, attendanceCsvStream } from './export-layout.service.ts';
import { importPunches } from './punch-import.service.ts';
import { attendanceSummary, attendanceSummaryPages } from './report.service.ts';
import { importStaff, readStaffCsv } from './staff-import.service.ts';

// Issue 21: the download streams the summary a page of people at a time (keyset on code, id);
// page by page it must be the very file and the very rows of the report read at once.
let database: Database;
let contractId: string;
const ctx = () => ({
  db: database.db,
  publicUrl: 'http://localhost',
  now: () => new Date('2026-12-01T00:00:00Z'),
});
const RANGE = { from: '2026-10-01', to: '2026-10-31' };

beforeAll(async () => {
  database = await openTestDatabase();
  contractId = (await buildContract(database.db)).contractId;
  // Codes in an order unlike the ids, one code shared by none, people without a code, a comma.
  const people = [
    ['山田 一郎', 'Z9'],
    ['佐藤 花子', 'A1'],
    ['鈴木 次郎', ''],
    ['田中, 三郎', 'M5'],
    ['高橋 四郎', ''],
    ['=伊藤 五郎', 'B2'],
    ['渡辺 六郎', 'A10'],
  ];
  const csv = ['名前,スタッフコード,所属事業所', ...people.map(([name, code]) => `"${name}",${code},1`)];
  await importStaff(ctx(), contractId, readStaffCsv(parseCsv(csv.join('\n'))));
  const punches = ['staff_code,type,at'];
  for (const code of ['Z9', 'A1', 'M5', 'B2']) {
    for (const day of ['01', '02', '05', '06']) {
      punches.push(`${code},clock_in,2026-10-${day}T09:00`, `${code},clock_out,2026-10-${day}T19:30`);
    }
  }
  await importPunches(ctx(), contractId, Buffer.from(`${punches.join('\n')}\n`));
});

afterAll(async () => {
  await database?.close();
});

async function collect(chunks: AsyncIterable<Buffer>) {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

describe('集計・出力 in pages of people', () => {
  it('gives the rows of the whole report, in its order, whatever the page sizes', async () => {
    const whole = await attendanceSummary(ctx(), contractId, RANGE);
    expect(whole.rows.length).toBe(8); // seven people and the administrator
    expect(whole.rows.some((r) => r.worked > 0)).toBe(true);
    for (const sizes of [
      { first: 1, rest: 1 },
      { first: 2, rest: 3 },
      { first: 8, rest: 8 },
      { first: 250, rest: 1000 },
    ]) {
      const { pages } = attendanceSummaryPages(ctx(), contractId, RANGE, undefined, sizes);
      const rows = [];
      for await (const page of pages) rows.push(...page);
      expect(rows).toEqual(whole.rows);
    }
  });

  it('streams the same bytes as the file written at once, built-in and saved layouts', async () => {
    const saved = await withTenant(database.db, contractId, (trx) =>
      insertExportLayout(trx, contractId, {
        name: '給与ソフト',
        columns: [
          { key: 'name', header: '氏名' },
          { key: 'office', header: '事業所' },
          { key: 'periodFrom', header: '開始' },
          { key: 'worked', header: '労働' },
        ],
        timeFormat: 'minutes',
        encoding: 'utf-8',
        lineEnding: 'lf',
        quoting: 'all',
      }),
    );
    for (const query of [
      { ...RANGE, encoding: 'shift_jis' as const, hours: 'decimal' as const },
      { ...RANGE, encoding: 'utf-8' as const, hours: 'hmm' as const },
      { ...RANGE, layout: String(saved.id) },
    ]) {
      const file = await attendanceCsvFile(ctx(), contractId, query as never);
      const streamed = await attendanceCsvStream(ctx(), contractId, query as never, undefined, {
        first: 2,
        rest: 3,
      });
      expect(streamed.encoding).toBe(file.encoding);
      expect((await collect(streamed.body)).equals(file.body)).toBe(true);
    }
  });

  it('writes the head alone for a range of nobody', async () => {
    const query = { ...RANGE, staffCode: 'nobody', encoding: 'utf-8' as const, hours: 'hmm' as const };
    const file = await attendanceCsvFile(ctx(), contractId, query as never);
    const streamed = await attendanceCsvStream(ctx(), contractId, query as never);
    expect((await collect(streamed.body)).equals(file.body)).toBe(true);
    expect(parseCsv(file.body.subarray(3).toString('utf8')).length).toBe(1);
  });
});
