import {
  EXPORT_COLUMN_KEYS,
  ExportLayoutInputSchema,
  formatMinutesAs,
  MINUTE_TOTAL_FIELDS,
} from '@timecard/domain';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { encodeCsvLines, figure, formatCsvRecord, shiftJisHolds } from './csv-writer.ts';
import { attendanceCsv, layoutCsv, layoutHeaderLine, type SummaryRow } from './report.service.ts';

// Issue 14, 出力レイアウト: the time formats, the column list, and the built-in layout unchanged.

describe('formatMinutesAs', () => {
  it('writes 9871 minutes as 164:31, 164.52 and 9871', () => {
    expect(formatMinutesAs(9871, 'hmm')).toBe('164:31');
    expect(formatMinutesAs(9871, 'decimal')).toBe('164.52');
    expect(formatMinutesAs(9871, 'minutes')).toBe('9871');
  });

  it('rounds decimal hours half up to the hundredth, in integer arithmetic', () => {
    // 1 min = 0.01666… → 0.02; 3 min = 0.05 exactly; 9 min = 0.15; 20 min = 0.3333… → 0.33;
    // 50 min = 0.8333… → 0.83; 59 min = 0.98333… → 0.98; 0.5 of a hundredth (0.3 min) never occurs.
    const cases: [number, string][] = [
      [0, '0.00'],
      [1, '0.02'],
      [3, '0.05'],
      [9, '0.15'],
      [20, '0.33'],
      [50, '0.83'],
      [59, '0.98'],
      [60, '1.00'],
      [61, '1.02'],
      [-30, '-0.50'],
      [-1, '-0.02'],
    ];
    for (const [minutes, text] of cases)
      expect(formatMinutesAs(minutes, 'decimal'), String(minutes)).toBe(text);
    // Against exact rational rounding for every minute of a long month (5m/3 hundredths is never
    // exactly half-way: 10m = 6k + 3 has no solution, so half up and half even agree).
    const wrong: number[] = [];
    for (let m = 0; m <= 20_000; m += 1) {
      const exact = Math.round((m * 100) / 60) / 100;
      if (Number(formatMinutesAs(m, 'decimal')) !== exact) wrong.push(m);
    }
    expect(wrong).toEqual([]);
  });

  it('signs negative figures in every format', () => {
    expect(formatMinutesAs(-30, 'hmm')).toBe('-0:30');
    expect(formatMinutesAs(-30, 'minutes')).toBe('-30');
  });
});

describe('the layout columns', () => {
  it('offer every minute total of the engine, once', () => {
    for (const field of MINUTE_TOTAL_FIELDS) expect(EXPORT_COLUMN_KEYS).toContain(field);
    expect(new Set(EXPORT_COLUMN_KEYS).size).toBe(EXPORT_COLUMN_KEYS.length);
  });

  it('accept a header repeated in another column only under another name', () => {
    const base = { name: 'x', timeFormat: 'hmm', encoding: 'utf-8', lineEnding: 'crlf', quoting: 'minimal' };
    const same = ExportLayoutInputSchema.safeParse({
      ...base,
      columns: [
        { key: 'worked', header: 'A' },
        { key: 'worked', header: 'B' },
      ],
    });
    expect(same.success).toBe(true);
  });
});

const ROW: SummaryRow = {
  staffId: 1,
  code: '=1+1',
  name: '山田, "ハナ"',
  attendedDays: 20,
  worked: 9871,
  scheduledWithin: 9600,
  statutoryWithinOvertime: 0,
  statutoryOvertime: 271,
  statutoryOvertimeUpTo60h: 271,
  statutoryOvertimeOver60h: 0,
  lateNight: 61,
  lateNightOnStatutoryOvertime: 0,
  legalHolidayWork: 0,
  lateNightOnLegalHoliday: 0,
  late: 5,
  earlyLeave: 0,
  privateOut: -30,
  absenceDays: 1,
  paidLeaveDays: 0.5,
  incompleteDays: 0,
  unapprovedOvertime: 0,
  warnings: ['MISSING_CLOCK_OUT@2026-10-05', 'X@2026-10-06'],
};

/** The writer of issue 6, as it was before 出力レイアウト: the built-in layout must equal it. */
function issue6Csv(
  rows: SummaryRow[],
  options: { encoding: 'utf-8' | 'shift_jis'; hours: 'decimal' | 'hmm' },
) {
  const d = (m: number) => figure(formatMinutesAs(m, options.hours));
  const header = [
    'スタッフコード',
    '名前',
    '出勤日数',
    '総労働時間',
    '所定内',
    '法定内残業',
    '法定外残業',
    '法定外残業(60時間以下)',
    '法定外残業(60時間超)',
    '深夜',
    '深夜(法定外残業)',
    '法定休日',
    '深夜(法定休日)',
    '遅刻',
    '早退',
    '中抜け',
    '欠勤日数',
    '有給日数',
    '未打刻日数',
    '警告',
  ];
  const lines = [formatCsvRecord(header)];
  for (const r of rows) {
    lines.push(
      formatCsvRecord([
        r.code,
        r.name,
        r.attendedDays,
        d(r.worked),
        d(r.scheduledWithin),
        d(r.statutoryWithinOvertime),
        d(r.statutoryOvertime),
        d(r.statutoryOvertimeUpTo60h),
        d(r.statutoryOvertimeOver60h),
        d(r.lateNight),
        d(r.lateNightOnStatutoryOvertime),
        d(r.legalHolidayWork),
        d(r.lateNightOnLegalHoliday),
        d(r.late),
        d(r.earlyLeave),
        d(r.privateOut),
        r.absenceDays,
        r.paidLeaveDays,
        r.incompleteDays,
        r.warnings.join(' '),
      ]),
    );
  }
  return encodeCsvLines(lines, options.encoding);
}

describe('the built-in layout', () => {
  it.each([
    ['utf-8', 'hmm'],
    ['utf-8', 'decimal'],
    ['shift_jis', 'hmm'],
    ['shift_jis', 'decimal'],
  ] as const)('writes in %s / %s the same bytes as the CSV of issue 6', (encoding, hours) => {
    const rows = [ROW, { ...ROW, staffId: 2, code: null, name: '𠮷田 太郎', variableFrameMinutes: 10_000 }];
    expect(
      Buffer.compare(attendanceCsv(rows, { encoding, hours }), issue6Csv(rows, { encoding, hours })),
    ).toBe(0);
  });

  it('has this exact first record', () => {
    const text = attendanceCsv([ROW], { encoding: 'utf-8', hours: 'hmm' }).subarray(3).toString('utf8');
    expect(text.split('\r\n')[1]).toBe(
      `"'=1+1","山田, ""ハナ""",20,164:31,160:00,0:00,4:31,4:31,0:00,1:01,0:00,0:00,0:00,0:05,0:00,-0:30,1,0.5,0,MISSING_CLOCK_OUT@2026-10-05 X@2026-10-06`,
    );
  });
});

describe('a saved layout', () => {
  const layout = {
    columns: [
      { key: 'variableFrameMinutes', header: '枠' },
      { key: 'office', header: '+事業所' },
      { key: 'privateOut', header: '中抜け' },
      { key: 'periodTo', header: '締め' },
    ],
    timeFormat: 'minutes',
    encoding: 'utf-8',
    lineEnding: 'lf',
    quoting: 'minimal',
  } as const;

  it('writes a missing figure empty, an office by name and minutes as numbers', () => {
    const rows = [
      { ...ROW, officeId: 2 },
      { ...ROW, variableFrameMinutes: 10_000 },
    ];
    const text = layoutCsv(rows, layout, {
      from: '2026-10-01',
      to: '2026-10-31',
      officeNames: new Map([[2, '=本店']]),
    })
      .subarray(3)
      .toString('utf8');
    expect(text).toBe(`枠,"'+事業所",中抜け,締め\n,"'=本店",-30,2026-10-31\n10000,,-30,2026-10-31\n`);
    expect(layoutHeaderLine({ ...layout, quoting: 'all' })).toBe(`"枠","'+事業所","中抜け","締め"`);
  });

  it('writes what Shift_JIS cannot hold as ?, as the built-in file does', () => {
    expect(shiftJisHolds('山田 太郎')).toBe(true);
    expect(shiftJisHolds('𠮷')).toBe(false);
    const bytes = layoutCsv(
      [{ ...ROW, name: '𠮷田' }],
      { ...layout, encoding: 'shift_jis', columns: [{ key: 'name', header: '名前' }] },
      {
        from: '2026-10-01',
        to: '2026-10-31',
      },
    );
    expect(iconv.decode(bytes, 'Shift_JIS')).toBe('名前\n?田\n');
  });
});
