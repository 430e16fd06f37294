import { z } from 'zod';
import type { ErrorCode } from '../errors/error-catalog.ts';
import { PUNCH_TYPES, type PunchType } from '../punch/punch-state.ts';

/**
 * Punch evidence (issue 20, プレミアム and up): a photo taken with the punch, the position of the
 * personal clock and the office's 打刻可能範囲 (geofence). Pure rules; the server applies them.
 */

export const EVIDENCE_MODES = ['off', 'optional', 'required'] as const;
export type EvidenceMode = (typeof EVIDENCE_MODES)[number];
/** The three channels a punch comes from (店舗端末 app, Web出退勤画面, 個別Web出退勤画面). */
export const EVIDENCE_CHANNELS = ['app', 'web_clock', 'personal'] as const;
export type EvidenceChannel = (typeof EVIDENCE_CHANNELS)[number];

const ModeSchema = z.enum(EVIDENCE_MODES, { message: 'bad_request' });
const PhotoByTypeSchema = z
  .object(
    Object.fromEntries(PUNCH_TYPES.map((type) => [type, ModeSchema.default('off')])) as {
      [K in PunchType]: z.ZodDefault<typeof ModeSchema>;
    },
  )
  .strict();

export const GeofenceSchema = z
  .object({
    lat: z.number({ message: 'bad_request' }).min(-90).max(90),
    lng: z.number({ message: 'bad_request' }).min(-180).max(180),
    radiusM: z.number({ message: 'bad_request' }).int().min(10).max(100_000),
    outside: z.enum(['refuse', 'flag'], { message: 'bad_request' }).default('refuse'),
  })
  .strict();
export type Geofence = z.output<typeof GeofenceSchema>;

export const PunchEvidenceSchema = z
  .object({
    photo: z
      .object({
        web_clock: PhotoByTypeSchema.default(allOff()),
        app: PhotoByTypeSchema.default(allOff()),
        personal: PhotoByTypeSchema.default(allOff()),
      })
      .strict()
      .default({ web_clock: allOff(), app: allOff(), personal: allOff() }),
    location: ModeSchema.default('off'),
    geofence: GeofenceSchema.nullable().default(null),
  })
  .strict();
export type PunchEvidence = z.output<typeof PunchEvidenceSchema>;

function allOff(): Record<PunchType, EvidenceMode> {
  return { clock_in: 'off', clock_out: 'off', break_start: 'off', break_end: 'off' };
}

export const DEFAULT_PUNCH_EVIDENCE: PunchEvidence = PunchEvidenceSchema.parse({});

/** The API's snake_case keys, as the server's database layer hands them back (camelCase). */
const STORED_KEYS: Record<string, string> = {
  webClock: 'web_clock',
  clockIn: 'clock_in',
  clockOut: 'clock_out',
  breakStart: 'break_start',
  breakEnd: 'break_end',
};

function apiKeys(value: unknown): unknown {
  if (Array.isArray(value) || value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [STORED_KEYS[key] ?? key, apiKeys(inner)]),
  );
}

/**
 * An office's settings as stored (its `settings.punchEvidence`), or everything off. Read back
 * through the database layer, JSON keys arrive camelCased (`clockIn`): they are mapped back.
 */
export function punchEvidenceOf(officeSettings: unknown): PunchEvidence {
  const stored =
    officeSettings && typeof officeSettings === 'object'
      ? (officeSettings as Record<string, unknown>).punchEvidence
      : undefined;
  const parsed = PunchEvidenceSchema.safeParse(apiKeys(stored ?? {}));
  return parsed.success ? parsed.data : DEFAULT_PUNCH_EVIDENCE;
}

/** Whether any channel asks for a photo or a position at all (the plan guard of the settings). */
export function usesEvidence(evidence: PunchEvidence): boolean {
  const photos = EVIDENCE_CHANNELS.some((channel) =>
    PUNCH_TYPES.some((type) => evidence.photo[channel][type] !== 'off'),
  );
  return photos || evidence.location !== 'off' || evidence.geofence !== null;
}

/** The largest photo accepted, in bytes: the browser sends about 50 KB (JPEG, ≤ 640 px). */
export const PHOTO_MAX_BYTES = 200 * 1024;
const DATA_URL_PREFIX = 'data:image/jpeg;base64,';
/** The longest data URL of a photo within the limit (base64: 4 characters per 3 bytes). */
export const PHOTO_DATA_URL_MAX = DATA_URL_PREFIX.length + Math.ceil(PHOTO_MAX_BYTES / 3) * 4;

/** A photo in a punch's JSON body: a JPEG data URL of at most 200 KB. */
export const PunchPhotoSchema = z
  .string({ message: 'photo_invalid' })
  .max(PHOTO_DATA_URL_MAX, { message: 'photo_too_large' })
  .regex(/^data:image\/jpeg;base64,[A-Za-z0-9+/]+={0,2}$/, { message: 'photo_invalid' });

/** The base64 part of a photo's data URL. */
export function photoBase64(dataUrl: string): string {
  return dataUrl.slice(DATA_URL_PREFIX.length);
}

/** A JPEG starts with SOI and a marker (FF D8 FF) and ends with EOI (FF D9). */
export function isJpeg(bytes: Uint8Array): boolean {
  const n = bytes.length;
  return (
    n >= 4 &&
    bytes[0] === 0xff &&
    bytes[1] === 0xd8 &&
    bytes[2] === 0xff &&
    bytes[n - 2] === 0xff &&
    bytes[n - 1] === 0xd9
  );
}

export const PunchLocationSchema = z
  .object({
    lat: z.number({ message: 'location_invalid' }).min(-90).max(90),
    lng: z.number({ message: 'location_invalid' }).min(-180).max(180),
    accuracyM: z.number({ message: 'location_invalid' }).min(0).max(1_000_000),
  })
  .strict();
export type PunchLocation = z.output<typeof PunchLocationSchema>;

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine, mean Earth radius); enough for a shop's fence. */
export function haversineMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * How much of a position's reported accuracy counts in its favour. A phone indoors reports 20–100 m;
 * trusting an accuracy of kilometres would let any position in, so the benefit is capped.
 */
export const ACCURACY_CREDIT_MAX_M = 100;

export interface GeofenceJudgement {
  /** From the fence's centre to the reported position, rounded to the metre. */
  distanceM: number;
  accuracyM: number;
  radiusM: number;
  /** True when even the nearest point of the accuracy circle (capped) lies outside the fence. */
  outside: boolean;
}

/**
 * Judges a position against a fence. The position is inside when its accuracy circle reaches the
 * fence: distance − min(accuracy, 100 m) ≤ radius. E.g. 130 m from the centre of a 100 m fence with
 * 40 m accuracy is inside; with 20 m it is outside.
 */
export function judgeGeofence(fence: Geofence, location: PunchLocation): GeofenceJudgement {
  const distance = haversineMeters(fence, location);
  const credit = Math.min(location.accuracyM, ACCURACY_CREDIT_MAX_M);
  return {
    distanceM: Math.round(distance),
    accuracyM: Math.round(location.accuracyM),
    radiusM: fence.radiusM,
    outside: distance - credit > fence.radiusM,
  };
}

export interface EvidenceVerdict {
  /** Refuses the punch (after the idempotency replay check: a retry still gets its first answer). */
  refusal: { code: ErrorCode; params: Record<string, string | number> } | null;
  /** Recorded on the punch (`location`, `geofence`, `outsideGeofence`). */
  flags: Record<string, unknown>;
  /** Whether the photo sent is kept (a photo the office does not ask for is dropped). */
  keepPhoto: boolean;
}

/**
 * What the office's evidence settings say about one punch. Without the plan's feature nothing is
 * asked and nothing kept. The position is asked only on the personal clock (a shop's tablet stays in
 * the shop).
 */
export function judgePunchEvidence(input: {
  evidence: PunchEvidence;
  planAllows: boolean;
  channel: EvidenceChannel;
  type: PunchType;
  hasPhoto: boolean;
  location: PunchLocation | undefined;
}): EvidenceVerdict {
  const none: EvidenceVerdict = { refusal: null, flags: {}, keepPhoto: false };
  if (!input.planAllows) return none;
  const photoMode = input.evidence.photo[input.channel][input.type];
  if (photoMode === 'required' && !input.hasPhoto) {
    return { ...none, refusal: { code: 'photo_required', params: {} } };
  }
  const verdict: EvidenceVerdict = {
    refusal: null,
    flags: {},
    keepPhoto: photoMode !== 'off' && input.hasPhoto,
  };
  if (input.channel !== 'personal' || input.evidence.location === 'off') return verdict;
  if (!input.location) {
    if (input.evidence.location === 'required')
      return { ...none, refusal: { code: 'location_required', params: {} } };
    return verdict;
  }
  const { lat, lng, accuracyM } = input.location;
  verdict.flags.location = { lat, lng, accuracyM: Math.round(accuracyM) };
  const fence = input.evidence.geofence;
  if (fence) {
    const judged = judgeGeofence(fence, input.location);
    verdict.flags.geofence = judged;
    if (judged.outside) {
      if (fence.outside === 'refuse') {
        return {
          ...none,
          refusal: {
            code: 'outside_geofence',
            params: { distance: judged.distanceM, radius: judged.radiusM, accuracy: judged.accuracyM },
          },
        };
      }
      verdict.flags.outsideGeofence = true;
    }
  }
  return verdict;
}
