import { z } from 'zod';
import { defineRoute } from '../route.ts';

/** 従業員 > CSV取込 (issue 11 §6): the same file and rules as the CLI's `staff import`. */
export const staffImportRoutes = {
  importCsv: defineRoute({
    id: 'staffImports.importCsv',
    method: 'POST',
    path: '/staff-imports',
    summary:
      'Import staff from CSV (氏名,フリガナ,スタッフコード,メールアドレス,雇用区分,入社日,事業所,勤務形態)',
    description:
      'UTF-8 (with or without BOM) or Shift_JIS, at most 10 MB. Every row is checked with the rules of the staff form first; one rejected row imports nothing (400 with `row<N>.<column>` fields, at most 100). Each person with an e-mail gets a 認証メール. Administrators, or 従業員管理 編集 for the offices named in the file.',
    tag: 'staff',
    auth: ['console'],
    consumes: 'text/csv',
    status: [201],
    response: z.object({
      imported: z.number().int().meta({ description: 'Staff members added' }),
      mailsQueued: z.number().int().meta({ description: '認証メール queued' }),
    }),
    errors: [
      'csv_rows_rejected',
      'csv_rows_rejected_many',
      'csv_unknown_columns',
      'csv_missing_column',
      'csv_duplicate_column',
      'csv_header_missing',
      'csv_no_rows',
      'csv_garbled_upload',
      'csv_too_large',
      'forbidden',
    ],
    exampleResponse: { imported: 12, mailsQueued: 10 },
  }),
  template: defineRoute({
    id: 'staffImports.template',
    method: 'GET',
    path: '/staff-imports/template.csv',
    summary: 'The staff import template: the Japanese header row and one example row (UTF-8 with BOM)',
    tag: 'staff',
    auth: ['console'],
    status: [200],
    produces: 'text/csv',
  }),
} as const;
