import { ATTENDANCE_STATES } from '@timecard/domain';
import { z } from 'zod';
import { defineRoute } from '../route.ts';
import { PasscodeWarningSchema } from './staff.contract.ts';

// 今日の出勤状況 and the 管理画面's home (issue 11 §9).

const Instant = z.string().meta({ description: 'ISO 8601 with the contract’s offset' });
const Day = z.string().meta({ description: 'YYYY-MM-DD' });
const Counts = z.object({
  off: z.number().int(),
  working: z.number().int(),
  on_break: z.number().int(),
  done: z.number().int(),
});

export const attendanceRoutes = {
  today: defineRoute({
    id: 'attendance.today',
    method: 'GET',
    path: '/attendance/today',
    summary: '今日の出勤状況: each office’s people with their state',
    description: 'Administrators or 実績 閲覧 (those offices).',
    tag: 'attendance',
    auth: ['console'],
    status: [200],
    response: z.object({
      serverTime: Instant,
      workDate: Day,
      offices: z.array(
        z.object({
          id: z.number().int(),
          name: z.string(),
          counts: Counts,
          staff: z.array(
            z.object({
              id: z.number().int(),
              name: z.string(),
              state: z.enum(ATTENDANCE_STATES),
              missingClockOut: z.boolean(),
              lastPunchAt: Instant.nullable(),
              /** The last punch's photo (issue 20), for those with 実績 閲覧 on the office. */
              photoPunchId: z.number().int().optional(),
            }),
          ),
        }),
      ),
    }),
  }),
  dashboard: defineRoute({
    id: 'attendance.dashboard',
    method: 'GET',
    path: '/dashboard',
    summary: 'The 管理画面’s home: today, what needs doing (each part null without the right to see it)',
    tag: 'attendance',
    auth: ['console'],
    status: [200],
    response: z.object({
      today: z
        .object({
          workDate: Day,
          serverTime: Instant,
          counts: Counts,
          missingClockOut: z.array(
            z.object({ id: z.number().int(), name: z.string(), lastPunchAt: Instant.nullable() }),
          ),
        })
        .nullable(),
      clockPinIsDefault: z
        .boolean()
        .nullable()
        .meta({ description: 'The PIN is still 0000 (administrators)' }),
      incomplete: z
        .object({
          period: z.object({ from: Day, to: Day }),
          staff: z.array(
            z.object({ id: z.number().int(), name: z.string(), incompleteDays: z.number().int() }),
          ),
        })
        .nullable()
        .meta({ description: '未打刻 days of the current pay period (administrators)' }),
      heldPunches: z
        .number()
        .int()
        .nullable()
        .meta({ description: 'Punches held for a closed period, waiting for a decision (administrators)' }),
      pendingVerification: z.number().int().nullable(),
      passcodeMissing: z.array(PasscodeWarningSchema).nullable(),
    }),
  }),
} as const;
