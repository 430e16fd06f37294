import { z } from 'zod';
import { ContractIdSchema } from '../contract/contract.schema.ts';
import { toHalfWidthDigits } from '../input/digits.ts';
import { IdSchema } from '../input/input.schema.ts';
import { PUNCH_TYPES } from './punch-state.ts';

export const PunchTypeSchema = z.enum(PUNCH_TYPES, { message: 'punch_type_invalid' });

export const ClockAuthSchema = z.object({
  contractId: ContractIdSchema,
  officeId: IdSchema,
  // Full-width digits are the same PIN (issue 11 §5); the comparison refuses anything else.
  pin: z.string().max(20).transform(toHalfWidthDigits),
});

/** Idempotency-Key: a client-generated id per punch (UUID or similar), 8–100 safe characters. */
export const IdempotencyKeySchema = z
  .string({ message: 'idempotency_key_invalid' })
  .regex(/^[A-Za-z0-9_.:-]{8,100}$/, { message: 'idempotency_key_invalid' });
