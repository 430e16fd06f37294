import { z } from 'zod';
import { isIsoDate, WEEKDAYS } from './wall-time.ts';

/**
 * Settings of labor-rules.md §12. Every field is required and every object is `.strict()`: a misspelt
 * setting (say `weeklyLimitMinute: 2640` for a 特例 site) must fail loudly, not silently fall back to a
 * default that changes what people are paid (issue 4, item 4).
 */

const ClockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:mm (00:00–23:59)');
const IsoDateSchema = z.string().refine(isIsoDate, 'expected a real date YYYY-MM-DD');

export const WeekdaySchema = z.enum(WEEKDAYS);

/**
 * One day's 所定労働時間. `end <= start` means the schedule ends the next day (§12); breaks are `[start, end]`
 * pairs inside the span. Semantic checks (span, breaks inside it) live in `compileLaborSettings`.
 */
export const WorkScheduleSchema = z
  .object({
    start: ClockTimeSchema,
    end: ClockTimeSchema,
    breaks: z.array(z.tuple([ClockTimeSchema, ClockTimeSchema])),
  })
  .strict();
export type WorkSchedule = z.infer<typeof WorkScheduleSchema>;

const RoundingModeSchema = z.enum(['none', 'ceil', 'floor', 'nearest']);
export type RoundingMode = z.infer<typeof RoundingModeSchema>;

export const LaborSettingsSchema = z
  .object({
    timezone: z.string().min(1),
    weekStart: WeekdaySchema,
    legalHoliday: WeekdaySchema.nullable(),
    scheduledHolidays: z.array(WeekdaySchema),
    nationalHolidayIsScheduledHoliday: z.boolean(),
    nationalHolidays: z.array(IsoDateSchema),
    schedule: z
      .object({
        default: WorkScheduleSchema.nullable(),
        byWeekday: z.partialRecord(WeekdaySchema, WorkScheduleSchema.nullable()),
        byDate: z.record(IsoDateSchema, WorkScheduleSchema.nullable()),
      })
      .strict(),
    scheduledDailyMinutes: z.int().min(0).max(1440),
    dailyLimitMinutes: z.int().min(1).max(1440),
    weeklyLimitMinutes: z
      .int()
      .min(1)
      .max(7 * 1440),
    lateNight: z.object({ start: ClockTimeSchema, end: ClockTimeSchema }).strict(),
    overtimeTierThresholdMinutes: z.int().min(0),
    // Days 29–31 do not exist in every month, so a pay period could not start on them every month.
    monthStartDay: z.int().min(1).max(28),
    breakMode: z.enum(['punched', 'scheduled']),
    rounding: z
      .object({
        unit: z.union([z.literal(1), z.literal(5), z.literal(10), z.literal(15), z.literal(30)]),
        clockIn: RoundingModeSchema,
        clockOut: RoundingModeSchema,
      })
      .strict(),
    monthlyRounding: z.enum(['none', 'half_hour']),
    // §4.2 1か月単位の変形労働時間制 (労基法32条の2): the 変形期間 is the pay period.
    variableWorkingHours: z
      .object({ kind: z.literal('monthly') })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();
export type LaborSettings = z.infer<typeof LaborSettingsSchema>;

/** The default office of labor-rules.md §12: Mon–Fri 09:00–18:00 with a 12:00–13:00 break, Sunday 法定休日. */
export const defaultLaborSettings: LaborSettings = {
  timezone: 'Asia/Tokyo',
  weekStart: 'sun',
  legalHoliday: 'sun',
  scheduledHolidays: ['sat', 'sun'],
  nationalHolidayIsScheduledHoliday: true,
  nationalHolidays: [],
  schedule: {
    default: { start: '09:00', end: '18:00', breaks: [['12:00', '13:00']] },
    byWeekday: {},
    byDate: {},
  },
  scheduledDailyMinutes: 480,
  dailyLimitMinutes: 480,
  weeklyLimitMinutes: 2400,
  lateNight: { start: '22:00', end: '05:00' },
  overtimeTierThresholdMinutes: 3600,
  monthStartDay: 1,
  breakMode: 'punched',
  rounding: { unit: 1, clockIn: 'none', clockOut: 'none' },
  monthlyRounding: 'none',
};
