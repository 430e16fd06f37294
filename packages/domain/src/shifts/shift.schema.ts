import { z } from 'zod';
import { DateSchema, IdSchema, textSchema } from '../input/input.schema.ts';
import { ClockTimeSchema, checkShiftTimes, shiftTimesShape } from './shift-times.ts';

/** Colours a planner picks from (AA contrast with white text). */
export const SHIFT_COLORS = [
  '#0b7285',
  '#2b8a3e',
  '#5f3dc4',
  '#c92a2a',
  '#d9480f',
  '#1864ab',
  '#862e9c',
  '#495057',
] as const;

/** シフトパターン: 早番 09:00–18:00 休憩 12:00–13:00, 遅番 13:00–22:00, 通し …; may cross midnight. */
export const ShiftPatternInputSchema = z
  .object({
    name: textSchema({ message: 'name_required' })
      .min(1, { message: 'name_required' })
      .max(20, { message: 'text_too_long' }),
    color: z.enum(SHIFT_COLORS, { message: 'bad_request' }).default('#0b7285'),
    ...shiftTimesShape,
  })
  .strict()
  .superRefine(checkShiftTimes);
export type ShiftPatternInput = z.output<typeof ShiftPatternInputSchema>;

/** One cell of the shift table as the planner sets it: a pattern, custom times, 休み, or nothing. */
export const ShiftCellSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('pattern'),
      staffId: IdSchema,
      date: DateSchema,
      patternId: IdSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('custom'),
      staffId: IdSchema,
      date: DateSchema,
      ...shiftTimesShape,
    })
    .strict()
    .superRefine(checkShiftTimes),
  z.object({ kind: z.literal('off'), staffId: IdSchema, date: DateSchema }).strict(),
  z.object({ kind: z.literal('clear'), staffId: IdSchema, date: DateSchema }).strict(),
]);
export type ShiftCell = z.output<typeof ShiftCellSchema>;

export const ShiftCellsSchema = z
  .object({
    cells: z.array(ShiftCellSchema).min(1, { message: 'bad_request' }).max(2000, { message: 'bad_request' }),
  })
  .strict();

/** 希望シフト of one day: 出勤可 (with hours, optional) or 休み希望; `clear` removes it. */
export const ShiftWishSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('available'),
      date: DateSchema,
      start: ClockTimeSchema.nullable().default(null),
      end: ClockTimeSchema.nullable().default(null),
      note: textSchema().max(200, { message: 'text_too_long' }).default(''),
    })
    .strict(),
  z
    .object({
      kind: z.literal('off'),
      date: DateSchema,
      note: textSchema().max(200, { message: 'text_too_long' }).default(''),
    })
    .strict(),
  z.object({ kind: z.literal('clear'), date: DateSchema }).strict(),
]);
export type ShiftWishInput = z.output<typeof ShiftWishSchema>;

export const WORK_STYLES = ['fixed', 'shift'] as const;
export type WorkStyle = (typeof WORK_STYLES)[number];
