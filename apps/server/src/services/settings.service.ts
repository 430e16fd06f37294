import { AppError, ClockPinSchema } from '@timecard/domain';
import { z } from 'zod';
import { withTenant } from '../db/database.ts';
import { type Actor, requireAdmin } from '../policies/actor.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findContract, updateClockPin } from '../repositories/contract.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { parseOrThrow } from './validation.ts';

const PunchSettingsSchema = z.object({ clockPin: ClockPinSchema }).strict();

/** 基本設定 > [打刻設定]: the 出退勤画面用PINコード (always on, 4 digits, default 0000). */
export async function getPunchSettings(ctx: AuthContext, actor: Actor) {
  requireAdmin(actor);
  const contract = await findContract(ctx.db, actor.contractId);
  if (!contract) throw new AppError('contract_not_found', { contractId: actor.contractId });
  return { clockPin: contract.clockPin };
}

export async function updatePunchSettings(ctx: AuthContext, actor: Actor, input: unknown) {
  requireAdmin(actor);
  const data = parseOrThrow(PunchSettingsSchema, input);
  await withTenant(ctx.db, actor.contractId, async (trx) => {
    await updateClockPin(trx, actor.contractId, data.clockPin);
    // The PIN itself is not written to the log, only that it changed.
    await appendAudit(trx, actor.contractId, {
      action: 'settings.clock_pin_changed',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
    });
  });
  return { clockPin: data.clockPin };
}
