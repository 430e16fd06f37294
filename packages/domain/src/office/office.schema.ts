import { z } from 'zod';
import { PunchEvidenceSchema } from '../evidence/punch-evidence.ts';
import { textSchema } from '../input/input.schema.ts';

const officeFields = {
  name: textSchema({ message: 'name_required' })
    .min(1, { message: 'name_required' })
    .max(100, { message: 'text_too_long' }),
  shortName: textSchema().max(20, { message: 'text_too_long' }),
  kana: textSchema().max(100, { message: 'text_too_long' }),
  address: textSchema().max(200, { message: 'text_too_long' }),
  // 従業員パスコード設定: 使用する (true) / 使用しない (false).
  passcodeRequired: z.boolean(),
};

export const OfficeCreateSchema = z.object({
  ...officeFields,
  shortName: officeFields.shortName.default(''),
  kana: officeFields.kana.default(''),
  address: officeFields.address.default(''),
  passcodeRequired: officeFields.passcodeRequired.default(false),
});
export type OfficeCreate = z.output<typeof OfficeCreateSchema>;

export const OfficeUpdateSchema = z
  .object({
    ...officeFields,
    // 打刻の写真・位置情報 (issue 20, プレミアム and up): replaces the office's evidence settings whole.
    punchEvidence: PunchEvidenceSchema,
  })
  .partial()
  .strict();
export type OfficeUpdate = z.output<typeof OfficeUpdateSchema>;
