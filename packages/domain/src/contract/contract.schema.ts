import { z } from 'zod';
import { digitCodeSchema } from '../input/digits.ts';
import { textSchema } from '../input/input.schema.ts';
import { PLANS } from '../plans/plans.ts';

/** 契約ID: 3–20 characters of [a-z0-9-], shown to users (product.md §1). */
export const ContractIdSchema = z
  .string()
  .regex(/^[a-z0-9-]{3,20}$/, { message: 'contract_id_invalid' })
  .refine((value) => !value.startsWith('-') && !value.endsWith('-'), { message: 'contract_id_invalid' });

export const PlanSchema = z.enum(PLANS, { message: 'plan_invalid' });

/** 出退勤画面用PINコード: exactly four digits (full-width ones taken as half-width), default 0000. */
export const ClockPinSchema = digitCodeSchema(4, 'clock_pin_invalid');

export const EmailSchema = z
  .string()
  .trim()
  .max(254, { message: 'email_invalid' })
  .email({ message: 'email_invalid' })
  .transform((value) => value.toLowerCase());

/** Passwords: 8–128 characters (issue 3, security). */
export const PasswordSchema = z
  .string()
  .min(8, { message: 'password_invalid' })
  .max(128, { message: 'password_invalid' });

export const CreateContractSchema = z.object({
  contractId: ContractIdSchema,
  name: textSchema({ message: 'name_required' })
    .min(1, { message: 'name_required' })
    .max(100, { message: 'text_too_long' }),
  plan: PlanSchema,
  adminEmail: EmailSchema,
  adminPassword: PasswordSchema,
  adminName: textSchema().min(1).max(100, { message: 'text_too_long' }).optional(),
  timeZone: z.string().default('Asia/Tokyo'),
});
export type CreateContract = z.input<typeof CreateContractSchema>;
