import { AppError, formatErrorMessage } from '@timecard/domain';
import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { readStaffCsv, STAFF_CSV_TEMPLATE, staffCsvTemplateText } from './staff-import.service.ts';

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
    expect(csv.lookups[0]).toEqual({
      row: 2,
      code: 'A001',
      email: 'sato@example.com',
      officeId: 2,
      officeName: null,
    });
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
      { row: 2, field: '入社日', code: 'csv_date_invalid' },
      { row: 3, field: '雇用区分', code: 'employment_type_invalid' },
      { row: 3, field: '名前', code: 'csv_name_required' },
      { row: 3, field: 'メールアドレス', code: 'csv_email_invalid' },
      { row: 5, field: 'スタッフコード', code: 'duplicate_in_file_code', params: { row: 2 } },
      { row: 5, field: 'メールアドレス', code: 'duplicate_in_file_email', params: { row: 2 } },
      { row: 6, field: '7列目', code: 'csv_too_many_fields', params: { count: 7 } },
    ]);
    // Rows with mistakes are still looked up in the database, so the report is complete at once.
    expect(csv.lookups.map((l) => l.row)).toEqual([2, 3, 5]);
    // 事業所 by name is looked up against the contract's offices (importStaff).
    expect(csv.lookups[1]).toMatchObject({ officeId: null, officeName: '本店' });
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

describe('the rules of the staff form, with the words of a Japanese file (issue 11 §6)', () => {
  it('refuses hiragana フリガナ like the form, naming the expected writing', () => {
    const csv = read('氏名,フリガナ\n山田 太郎,やまだ たろう\n鈴木 花子,スズキ ハナコ\n');
    expect(csv.problems).toEqual([{ row: 2, field: 'フリガナ', code: 'csv_kana_invalid' }]);
    expect(csv.rows.map((r) => r.data.kana)).toEqual(['スズキ ハナコ']);
  });

  it('reads 氏名, 入社日 as 2026/11/02, 事業所 by name or id, 勤務形態 固定/シフト and every 雇用区分', () => {
    const csv = read(
      [
        '氏名,フリガナ,スタッフコード,メールアドレス,雇用区分,入社日,事業所,勤務形態',
        '山田 太郎,ヤマダ タロウ,S001,yamada@example.com,正社員,2026/11/02,本店,固定',
        '佐藤 花子,サトウ ハナコ,S002,,パート・アルバイト,2026-11-02,2,シフト',
        '高橋 一郎,,S003,,契約社員,,,シフト制',
      ].join('\r\n'),
    );
    expect(csv.problems).toEqual([]);
    expect(
      csv.rows.map((r) => [r.data.employmentType, r.data.hiredOn, r.data.workStyle, r.officeName]),
    ).toEqual([
      ['full_time', '2026-11-02', 'fixed', '本店'],
      ['part_time', '2026-11-02', 'shift', null],
      ['contract', null, 'shift', null],
    ]);
    expect(csv.rows[1]!.data.offices.map((o) => o.officeId)).toEqual([2]);
  });

  it('answers each bad value with a message that names the expected format', () => {
    const csv = read('氏名,入社日,勤務形態,雇用区分,事業所\n山田,11/02/2026,日勤,社長,0\n');
    expect(csv.problems.map((p) => [p.field, p.code])).toEqual([
      ['雇用区分', 'employment_type_invalid'],
      ['勤務形態', 'work_style_invalid'],
      ['事業所', 'csv_office_not_found'],
      ['入社日', 'csv_date_invalid'],
    ]);
    expect(formatErrorMessage('csv_date_invalid', 'ja')).toContain('2026/11/02');
    expect(formatErrorMessage('csv_kana_invalid', 'ja')).toContain('全角カタカナ');
    expect(formatErrorMessage('work_style_invalid', 'ja')).toContain('固定');
    expect(formatErrorMessage('employment_type_invalid', 'ja')).toContain('パート・アルバイト');
  });

  it('offers a template that reads back as one good row', () => {
    const text = staffCsvTemplateText();
    expect(text.startsWith('\uFEFF')).toBe(true);
    const csv = read(text);
    expect(csv.problems).toEqual([]);
    expect(Object.values(csv.headers)).toEqual([...STAFF_CSV_TEMPLATE[0]!]);
    expect(csv.rows).toHaveLength(1);
  });
});
