import { z } from 'zod';
import { ContractIdSchema } from '../contract/contract.schema.ts';
import { PunchLocationSchema, PunchPhotoSchema } from '../evidence/punch-evidence.ts';
import { digitCodeSchema, toHalfWidthDigits } from '../input/digits.ts';
import { IdSchema } from '../input/input.schema.ts';
import { PUNCH_TYPES } from './punch-state.ts';

export const PunchTypeSchema = z.enum(PUNCH_TYPES, { message: 'punch_type_invalid' });

/** A punch from a terminal: who, what, and the device's own clock (kept beside the server's). */
export const TerminalPunchSchema = z.object({
  staffId: IdSchema,
  type: PunchTypeSchema,
  passcode: digitCodeSchema(4, 'passcode_invalid').optional(),
  deviceTime: z.iso.datetime({ offset: true, message: 'bad_request' }).optional(),
  /** The photo taken with the punch (issue 20): a JPEG data URL of at most 200 KB. */
  photo: PunchPhotoSchema.optional(),
});

export const PersonalPunchSchema = z.object({
  type: PunchTypeSchema,
  officeId: IdSchema.optional(),
  deviceTime: z.iso.datetime({ offset: true, message: 'bad_request' }).optional(),
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  photo: PunchPhotoSchema.optional(),
  /** The phone's position (issue 20), judged against the office's 打刻可能範囲. */
  location: PunchLocationSchema.optional(),
});

export const ClockAuthSchema = z.object({
  contractId: ContractIdSchema,
  officeId: IdSchema,
  // Full-width digits are the same PIN (issue 11 §5); the comparison refuses anything else.
  pin: z.string().max(20).transform(toHalfWidthDigits),
});

/** Idempotency-Key: a client-generated id per punch (UUID or similar), 8–100 safe characters. */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,100}$/, { message: 'idempotency_key_invalid' });
