import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PUNCH_EVIDENCE,
  haversineMeters,
  isJpeg,
  judgeGeofence,
  judgePunchEvidence,
  PHOTO_DATA_URL_MAX,
  PunchEvidenceSchema,
  PunchPhotoSchema,
  punchEvidenceOf,
  usesEvidence,
} from './punch-evidence.ts';

// Tokyo Station and points at known distances from it.
const TOKYO = { lat: 35.681236, lng: 139.767125 };
/** A point `metres` north of Tokyo Station (1° of latitude ≈ 111,195 m on the mean sphere). */
const north = (metres: number) => ({ lat: TOKYO.lat + metres / 111_195, lng: TOKYO.lng });

describe('haversineMeters', () => {
  it('measures known distances', () => {
    expect(haversineMeters(TOKYO, TOKYO)).toBe(0);
    expect(haversineMeters(TOKYO, north(500))).toBeCloseTo(500, 0);
    // Tokyo Station → Shin-Osaka Station: about 403 km as the crow flies.
    const shinOsaka = { lat: 34.7335, lng: 135.5003 };
    expect(haversineMeters(TOKYO, shinOsaka) / 1000).toBeCloseTo(403, -1);
  });
});

describe('judgeGeofence', () => {
  const fence = { ...TOKYO, radiusM: 100, outside: 'refuse' as const };
  it('admits a position whose accuracy circle reaches the fence', () => {
    expect(judgeGeofence(fence, { ...north(130), accuracyM: 40 })).toMatchObject({
      distanceM: 130,
      outside: false,
    });
    expect(judgeGeofence(fence, { ...north(130), accuracyM: 20 }).outside).toBe(true);
  });
  it('does not let a vague position in: accuracy counts at most 100 m', () => {
    expect(judgeGeofence(fence, { ...north(5000), accuracyM: 10_000 }).outside).toBe(true);
    expect(judgeGeofence(fence, { ...north(199), accuracyM: 10_000 }).outside).toBe(false);
  });
});

describe('PunchEvidenceSchema', () => {
  it('defaults to everything off', () => {
    expect(DEFAULT_PUNCH_EVIDENCE.photo.web_clock.clock_in).toBe('off');
    expect(DEFAULT_PUNCH_EVIDENCE.location).toBe('off');
    expect(DEFAULT_PUNCH_EVIDENCE.geofence).toBeNull();
    expect(usesEvidence(DEFAULT_PUNCH_EVIDENCE)).toBe(false);
  });
  it('fills what a partial setting leaves out and refuses unknown keys', () => {
    const parsed = PunchEvidenceSchema.parse({ photo: { app: { clock_in: 'required' } } });
    expect(parsed.photo.app).toEqual({
      clock_in: 'required',
      clock_out: 'off',
      break_start: 'off',
      break_end: 'off',
    });
    expect(usesEvidence(parsed)).toBe(true);
    expect(PunchEvidenceSchema.safeParse({ photo: { tablet: {} } }).success).toBe(false);
  });
  it('reads stored office settings, or everything off when there are none', () => {
    expect(punchEvidenceOf({})).toEqual(DEFAULT_PUNCH_EVIDENCE);
    expect(punchEvidenceOf({ punchEvidence: { location: 'required' } }).location).toBe('required');
    // As the server's database layer hands JSON back: keys camelCased.
    const read = punchEvidenceOf({ punchEvidence: { photo: { webClock: { clockIn: 'required' } } } });
    expect(read.photo.web_clock.clock_in).toBe('required');
  });
});

describe('PunchPhotoSchema and isJpeg', () => {
  it('takes a JPEG data URL and refuses other images and oversized ones with their codes', () => {
    expect(PunchPhotoSchema.safeParse('data:image/jpeg;base64,/9j/2Q==').success).toBe(true);
    const png = PunchPhotoSchema.safeParse('data:image/png;base64,iVBORw0KGgo=');
    expect(png.error?.issues[0]?.message).toBe('photo_invalid');
    const big = PunchPhotoSchema.safeParse(`data:image/jpeg;base64,${'A'.repeat(PHOTO_DATA_URL_MAX)}`);
    expect(big.error?.issues[0]?.message).toBe('photo_too_large');
  });
  it('checks the JPEG markers of the bytes', () => {
    expect(isJpeg(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0xff, 0xd9]))).toBe(true);
    expect(isJpeg(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xd9]))).toBe(false);
    expect(isJpeg(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe(false);
  });
});

describe('judgePunchEvidence', () => {
  const evidence = PunchEvidenceSchema.parse({
    photo: { web_clock: { clock_in: 'required', clock_out: 'optional' } },
    location: 'required',
    geofence: { ...TOKYO, radiusM: 100, outside: 'refuse' },
  });
  const base = {
    evidence,
    planAllows: true,
    channel: 'web_clock' as const,
    type: 'clock_in' as const,
    hasPhoto: false,
    location: undefined,
  };

  it('refuses a punch without its required photo, keeps an optional one, drops one not asked for', () => {
    expect(judgePunchEvidence(base).refusal?.code).toBe('photo_required');
    expect(judgePunchEvidence({ ...base, hasPhoto: true })).toEqual({
      refusal: null,
      flags: {},
      keepPhoto: true,
    });
    expect(judgePunchEvidence({ ...base, type: 'clock_out', hasPhoto: true }).keepPhoto).toBe(true);
    expect(judgePunchEvidence({ ...base, type: 'break_start', hasPhoto: true }).keepPhoto).toBe(false);
  });

  it('asks nothing and keeps nothing below the plan', () => {
    expect(judgePunchEvidence({ ...base, planAllows: false, hasPhoto: true })).toEqual({
      refusal: null,
      flags: {},
      keepPhoto: false,
    });
  });

  it('asks the personal clock for its position and judges the fence', () => {
    const personal = { ...base, channel: 'personal' as const };
    expect(judgePunchEvidence(personal).refusal?.code).toBe('location_required');
    const inside = judgePunchEvidence({ ...personal, location: { ...north(50), accuracyM: 15 } });
    expect(inside.refusal).toBeNull();
    expect(inside.flags).toMatchObject({
      location: { accuracyM: 15 },
      geofence: { distanceM: 50, radiusM: 100, outside: false },
    });
    const outside = judgePunchEvidence({ ...personal, location: { ...north(800), accuracyM: 15 } });
    expect(outside.refusal).toEqual({
      code: 'outside_geofence',
      params: { distance: 800, radius: 100, accuracy: 15 },
    });
  });

  it('flags a position outside when the fence says so, instead of refusing', () => {
    const flagging = PunchEvidenceSchema.parse({
      location: 'optional',
      geofence: { ...TOKYO, radiusM: 100, outside: 'flag' },
    });
    const verdict = judgePunchEvidence({
      ...base,
      evidence: flagging,
      channel: 'personal',
      location: { ...north(800), accuracyM: 15 },
    });
    expect(verdict.refusal).toBeNull();
    expect(verdict.flags.outsideGeofence).toBe(true);
    // Optional: no position is no judgement, not a refusal.
    expect(judgePunchEvidence({ ...base, evidence: flagging, channel: 'personal' }).refusal).toBeNull();
  });

  it('never asks a shop terminal for a position', () => {
    const verdict = judgePunchEvidence({ ...base, channel: 'app', hasPhoto: false });
    expect(verdict.refusal).toBeNull();
  });
});
