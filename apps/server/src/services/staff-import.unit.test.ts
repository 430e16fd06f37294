import { AppError } from '@timecard/domain';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { readStaffCsv } from './staff-import.service.ts';

const read = (text: string) => readStaffCsv(parseCsv(text));

function appErrorOf(work: () => unknown): AppError {
  try {
    work();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('readStaffCsv', () => {
  it('maps the Japanese headers and values a payroll clerk writes to StaffCreate', () => {
    const csv = read(
      [
        '名前,フリガナ,スタッフコード,メールアドレス,雇用区分,入社日,所属事業所',
        '"佐藤, 花子",ｻﾄｳ ﾊﾅｺ,Ａ００１,Sato@Example.COM,ﾊﾟｰﾄ,2026/4/1,２',
        '鈴木 一郎,スズキ イチロウ,A002,,正社員,2026-04-01,',
        '高橋 次郎,,,,派遣,,',
      ].join('\r\n'),
    );
    expect(csv.problems).toEqual([]);
    expect(csv.rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(csv.rows[0]!.data).toMatchObject({
      name: '佐藤, 花子',
      kana: 'サトウ ハナコ',
      code: 'A001',
      email: 'sato@example.com',
      employmentType: 'part_time',
      hiredOn: '2026-04-01',
      offices: [
        { officeId: 2, shiftPlan: 'none', attendance: 'none', officeManage: 'none', staffManage: 'none' },
      ],
      isAdmin: false,
    });
    expect(csv.rows[1]!.data).toMatchObject({
      code: 'A002',
      email: null,
      employmentType: 'full_time',
      offices: [],
    });
    expect(csv.rows[2]!.data).toMatchObject({ code: null, employmentType: 'temporary', hiredOn: null });
    expect(csv.lookups[0]).toEqual({ row: 2, code: 'A001', email: 'sato@example.com', officeId: 2 });
  });

  it('accepts the English aliases and every employment type spelling', () => {
    const types = [
      'full_time',
      'パート・アルバイト',
      'アルバイト',
      '契約社員',
      'other',
      'その他',
      'contract',
    ];
    const csv = read(
      [
        'name,kana,code,email,employment_type,hired_on,office',
        ...types.map((t, i) => `n${i},,,,${t},,`),
      ].join('\n'),
    );
    expect(csv.problems).toEqual([]);
    expect(csv.rows.map((r) => r.data.employmentType)).toEqual([
      'full_time',
      'part_time',
      'part_time',
      'contract',
      'other',
      'other',
      'contract',
    ]);
  });

  it('reports every bad value with its row number (header = row 1) and the header as written', () => {
    const csv = read(
      [
        '名前,スタッフコード,メールアドレス,雇用区分,入社日,所属事業所',
        '田中,C1,tanaka@example.com,正社員,2026-02-30,1',
        ',C2,not-an-email,社長,2026-01-01,本店',
        '',
        '伊藤,C1,TANAKA@example.com,,,',
        '渡辺,C3,,,,,extra',
      ].join('\n'),
    );
    expect(csv.rows).toEqual([]);
    expect(csv.problems).toEqual([
      { row: 2, field: '入社日', code: 'date_invalid' },
      { row: 3, field: '雇用区分', code: 'employment_type_invalid' },
      { row: 3, field: '所属事業所', code: 'office_id_invalid' },
      { row: 3, field: '名前', code: 'name_required' },
      { row: 3, field: 'メールアドレス', code: 'email_invalid' },
      { row: 5, field: 'スタッフコード', code: 'duplicate_in_file_code', params: { row: 2 } },
      { row: 5, field: 'メールアドレス', code: 'duplicate_in_file_email', params: { row: 2 } },
      { row: 6, field: '7列目', code: 'csv_too_many_fields', params: { count: 7 } },
    ]);
    // Rows with mistakes are still looked up in the database, so the report is complete at once.
    expect(csv.lookups.map((l) => l.row)).toEqual([2, 3, 5]);
  });

  it('refuses unknown, repeated or missing columns before looking at any row', () => {
    const unknown = appErrorOf(() => read('名前,部署,年齢\nx,y,z'));
    expect(unknown.code).toBe('csv_unknown_columns');
    expect(unknown.params.columns).toBe('部署, 年齢');
    expect(appErrorOf(() => read('名前,name\nx,y')).code).toBe('csv_duplicate_column');
    expect(appErrorOf(() => read('フリガナ\nヤマダ')).code).toBe('csv_missing_column');
    expect(appErrorOf(() => read('')).code).toBe('csv_header_missing');
    expect(appErrorOf(() => read('名前\r\n,\r\n')).code).toBe('csv_no_rows');
  });

  it('ignores a blank header over a blank column (a trailing comma), but not one over values', () => {
    expect(read('名前,\n山田,\n').rows).toHaveLength(1);
    expect(appErrorOf(() => read('名前,\n山田,x\n')).params.columns).toBe('(2列目)');
  });
});
