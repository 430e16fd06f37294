import {
  ATTENDANCE_STATES,
  ClockAuthSchema,
  digitCodeSchema,
  EVIDENCE_MODES,
  IdempotencyKeySchema,
  IdSchema,
  PUNCH_TYPES,
  PunchLocationSchema,
  PunchPhotoSchema,
  PunchTypeSchema,
} from '@timecard/domain';
import { z } from 'zod';
import { defineRoute } from '../route.ts';

// Punching (issue 5): the Web出退勤画面 PIN, the punch terminals (Web出退勤画面 and the タイムカード・アプリ
// after its office choice) and the 個別Web出退勤画面 of a logged-in person.

/**
 * The fields every punch body shares — terminal, personal clock — in one place: what the device
 * knows about the tap. Punch evidence (a photo, a location) belongs here, so that every way of
 * punching takes it alike.
 */
export const PunchBodySchema = z.object({
  type: PunchTypeSchema,
  deviceTime: z.iso.datetime({ offset: true, message: 'bad_request' }).optional().meta({
    description: 'The device clock at the tap (ISO 8601), for a punch queued offline and sent late',
  }),
  photo: PunchPhotoSchema.optional().meta({
    description:
      'The photo taken with the punch (プレミアム and up): a JPEG data URL (`data:image/jpeg;base64,…`) of at most 200 KB; the screens send about 50 KB, at most 640 px. Kept only when the office asks for a photo for this punch kind; `photo_required` when it is 必須 and missing, `photo_too_large` (413), `photo_invalid` (not a JPEG).',
  }),
  location: PunchLocationSchema.optional().meta({
    description:
      'The device position (personal clock): `{ lat, lng, accuracyM }`. Judged against the office’s 打刻可能範囲 (haversine, the accuracy counted up to 100 m); `location_required`, `outside_geofence` (refused), or recorded on the punch (`flags.location`, `flags.geofence`, `flags.outsideGeofence` when flagged).',
  }),
});

/** POST /terminal/punches: whom the tap is for, and their パスコード when the office asks for it. */
export const TerminalPunchBodySchema = PunchBodySchema.extend({
  staffId: IdSchema,
  passcode: digitCodeSchema(4, 'passcode_invalid')
    .optional()
    .meta({ description: 'Exactly 4 digits; full-width (１２３４) is taken as 1234' }),
});
export type TerminalPunchBody = z.output<typeof TerminalPunchBodySchema>;

/** POST /me/punches: oneself, at one of one's offices. */
export const PersonalPunchBodySchema = PunchBodySchema.extend({
  officeId: IdSchema.optional().meta({ description: 'Default: the person’s first office' }),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
});
export type PersonalPunchBody = z.output<typeof PersonalPunchBodySchema>;

/** The headers of a punch: one key per tap, reused for every retry; the device clock at sending. */
export const PunchHeadersSchema = z.object({
  'idempotency-key': z.string({ message: 'idempotency_key_invalid' }).pipe(IdempotencyKeySchema).meta({
    description:
      'Required: 8–100 of `[A-Za-z0-9_.:-]` (e.g. a UUID), one per tap. The same key answers with the first result (200, `replayed: true`) and never records twice.',
  }),
  'x-device-sent-at': z.string().max(64).optional().meta({
    description:
      'The device clock when the request was sent (ISO 8601); with `deviceTime` it gives the punch’s age',
  }),
});

export type PunchHeaders = z.output<typeof PunchHeadersSchema>;

const Instant = z
  .string()
  .meta({ description: 'ISO 8601 with the contract’s offset', example: '2026-11-28T09:00:00+09:00' });
const Day = z.string().meta({ description: 'YYYY-MM-DD', example: '2026-11-28' });
const PunchType = z.enum(PUNCH_TYPES);

export const PunchStatusSchema = z
  .object({
    state: z.enum(ATTENDANCE_STATES).meta({ description: '未出勤 勤務中 休憩中 退勤済' }),
    allowed: z.array(PunchType).meta({ description: 'The buttons to show, in this order' }),
    missingClockOut: z
      .boolean()
      .meta({ description: 'The last 退勤 is missing: 出勤 is offered again beside 退勤' }),
  })
  .meta({ id: 'PunchStatus' });

export const PunchResultSchema = z
  .object({
    punch: z.object({
      id: z.number().int(),
      staffId: z.number().int(),
      type: PunchType,
      punchedAt: Instant,
      workDate: Day,
      deviceAt: Instant.nullable(),
    }),
    status: PunchStatusSchema,
    replayed: z.boolean().meta({ description: 'This answers a retry of a punch already recorded' }),
    held: z
      .literal(true)
      .optional()
      .meta({ description: 'The punch fell in a closed period: kept for an administrator to take in' }),
  })
  .meta({ id: 'PunchResult' });

export const BoardSchema = z
  .object({
    contract: z.object({ id: z.string(), name: z.string() }),
    office: z.object({
      id: z.number().int(),
      name: z.string(),
      passcodeRequired: z.boolean(),
      photo: z.record(z.enum(PUNCH_TYPES), z.enum(EVIDENCE_MODES)).meta({
        description:
          '写真 per punch kind on this terminal’s channel (off below プレミアム): the screen opens the camera',
      }),
    }),
    serverTime: Instant,
    workDate: Day,
    kind: z.enum(['web_clock', 'app']),
    staff: z.array(
      PunchStatusSchema.extend({
        id: z.number().int(),
        name: z.string(),
        kana: z.string(),
        code: z.string().nullable(),
        lastPunchAt: Instant.nullable(),
        hasPasscode: z.boolean(),
        shift: z
          .object({ off: z.boolean(), start: z.string().nullable(), end: z.string().nullable() })
          .nullable()
          .meta({ description: 'Today’s published shift (シフト管理), or null' }),
      }),
    ),
  })
  .meta({
    id: 'Board',
    description: 'A terminal’s screen: its office, the server time and each person’s state.',
  });

const PUNCH_ERRORS = [
  'idempotency_key_invalid',
  'punch_invalid_state',
  'punch_type_invalid',
  'staff_not_found',
  'staff_not_in_use',
  'office_not_found',
  'punch_busy',
] as const;

/** Punch evidence (issue 20). */
const PHOTO_ERRORS = ['photo_required', 'photo_too_large', 'photo_invalid'] as const;

const PUNCH_RESULT_EXAMPLE = {
  punch: {
    id: 42,
    staffId: 7,
    type: 'clock_in',
    punchedAt: '2026-11-28T09:00:00+09:00',
    workDate: '2026-11-28',
    deviceAt: null,
  },
  status: { state: 'working', allowed: ['clock_out', 'break_start'], missingClockOut: false },
  replayed: false,
};

export const punchingRoutes = {
  clockAuth: defineRoute({
    id: 'punching.clockAuth',
    method: 'POST',
    path: '/clock/auth',
    summary: 'Open the Web出退勤画面 of an office with the contract’s PIN (sets the tc_terminal cookie)',
    description:
      'Wrong PINs slow down per device and IP (429 `rate_limited` with Retry-After); the 100th wrong PIN of a day locks the contract’s PIN until midnight (`clock_pin_locked`).',
    tag: 'punching',
    auth: ['public'],
    body: ClockAuthSchema,
    status: [200],
    response: z.object({
      contract: z.object({ id: z.string(), name: z.string() }),
      office: z.object({ id: z.number().int(), name: z.string() }),
    }),
    errors: ['clock_pin_wrong', 'clock_pin_locked', 'rate_limited', 'contract_not_found', 'office_not_found'],
    exampleBody: { contractId: 'demo', officeId: 1, pin: '0000' },
    exampleResponse: { contract: { id: 'demo', name: 'デモ株式会社' }, office: { id: 1, name: '本店' } },
  }),
  board: defineRoute({
    id: 'punching.board',
    method: 'GET',
    path: '/terminal',
    summary: 'The terminal’s screen: its office’s people with their state and allowed punches',
    tag: 'punching',
    auth: ['terminal'],
    status: [200],
    response: BoardSchema,
    errors: ['terminal_unauthenticated'],
  }),
  terminalPunch: defineRoute({
    id: 'punching.terminalPunch',
    method: 'POST',
    path: '/terminal/punches',
    summary: 'Punch at a terminal (once per Idempotency-Key)',
    description:
      '201 for a new punch, 200 with `replayed: true` for a retry of the same key. A punch in a closed period is held (`held: true`) for an administrator.',
    tag: 'punching',
    auth: ['terminal'],
    headers: PunchHeadersSchema,
    body: TerminalPunchBodySchema,
    status: [201, 200],
    response: PunchResultSchema,
    errors: [
      ...PUNCH_ERRORS,
      ...PHOTO_ERRORS,
      'passcode_required',
      'passcode_wrong',
      'passcode_invalid',
      'rate_limited',
      'terminal_unauthenticated',
    ],
    exampleBody: { staffId: 7, type: 'clock_in', passcode: '1234' },
    exampleResponse: PUNCH_RESULT_EXAMPLE,
  }),
  terminalLogout: defineRoute({
    id: 'punching.terminalLogout',
    method: 'POST',
    path: '/terminal/logout',
    summary: 'Log the terminal out: its token stops working at once',
    tag: 'punching',
    auth: ['terminal'],
    status: [204],
    errors: ['terminal_unauthenticated'],
  }),
  myStatus: defineRoute({
    id: 'punching.myStatus',
    method: 'GET',
    path: '/me/punch-status',
    summary: 'The signed-in person’s own state (個別Web出退勤画面)',
    tag: 'punching',
    auth: ['console'],
    status: [200],
    response: PunchStatusSchema.extend({
      serverTime: Instant,
      workDate: Day,
      lastPunchAt: Instant.nullable(),
      evidence: z
        .object({
          photo: z.record(z.enum(PUNCH_TYPES), z.enum(EVIDENCE_MODES)),
          location: z.enum(EVIDENCE_MODES),
          geofence: z.boolean().meta({ description: 'The position is judged against a 打刻可能範囲' }),
        })
        .meta({
          description: 'What the personal clock asks with a punch (issue 20; all off below プレミアム)',
        }),
    }),
  }),
  myPunch: defineRoute({
    id: 'punching.myPunch',
    method: 'POST',
    path: '/me/punches',
    summary: 'Punch for oneself (個別Web出退勤画面), once per Idempotency-Key',
    tag: 'punching',
    auth: ['console'],
    headers: PunchHeadersSchema,
    body: PersonalPunchBodySchema,
    status: [201, 200],
    response: PunchResultSchema,
    errors: [...PUNCH_ERRORS, ...PHOTO_ERRORS, 'location_required', 'location_invalid', 'outside_geofence'],
    exampleBody: { type: 'clock_in', location: { lat: 35.681236, lng: 139.767125, accuracyM: 20 } },
    exampleResponse: PUNCH_RESULT_EXAMPLE,
  }),
} as const;
