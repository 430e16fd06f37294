import { z } from 'zod';
import { ContractIdSchema, EmailSchema, PasswordSchema, PlanSchema } from '../contract/contract.schema.ts';
import { IdSchema, textSchema } from '../input/input.schema.ts';

/** アカウントID: optional, 3–20 half-width alphanumerics (product.md §4). */
export const LoginIdSchema = z.string().regex(/^[A-Za-z0-9]{3,20}$/, { message: 'login_id_invalid' });

// Passwords are never trimmed nor checked for control characters: they are hashed, never stored
// or shown as text, and a password that worked yesterday must keep working.
export const LoginSchema = z.object({
  login: textSchema().min(1).max(254),
  password: z.string().min(1).max(1024),
});

export const AppLoginSchema = z.object({
  userId: textSchema().min(1).max(254),
  password: z.string().min(1).max(1024),
});

export const SelectContractSchema = z.object({ contractId: ContractIdSchema });

export const SelectOfficeSchema = z.object({
  contractId: ContractIdSchema,
  officeId: IdSchema,
});

export const PasswordResetRequestSchema = z.object({ email: EmailSchema });

export const PasswordResetConfirmSchema = z.object({
  token: z.string().min(16).max(200),
  password: PasswordSchema,
});

export const VerifySchema = z.object({
  token: z.string().min(16).max(200),
  password: PasswordSchema.optional(),
  loginId: LoginIdSchema.optional(),
});

export const SignupSchema = z.object({
  companyName: textSchema({ message: 'name_required' })
    .min(1, { message: 'name_required' })
    .max(100, { message: 'text_too_long' }),
  contractId: ContractIdSchema,
  adminName: textSchema({ message: 'name_required' })
    .min(1, { message: 'name_required' })
    .max(100, { message: 'text_too_long' }),
  email: EmailSchema,
  plan: PlanSchema.default('standard'),
});
export type Signup = z.input<typeof SignupSchema>;
