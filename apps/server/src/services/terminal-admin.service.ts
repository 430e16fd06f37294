import { AppError, ClockPinSchema, isoInZone, QueryIdSchema } from '@timecard/domain';
import { z } from 'zod';
import { type Tx, withTenant } from '../db/database.ts';
import { type Actor, officesWithRight, requireAdmin } from '../policies/actor.ts';
import { assertCanEditOffice } from '../policies/office.policy.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { findContract, updateClockPin } from '../repositories/contract.repository.ts';
import {
  findTerminal,
  listOpenTerminals,
  revokePinTerminals,
  revokeTerminal,
  revokeTerminalsOpenedBy,
} from '../repositories/terminal.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { parseOrThrow } from './validation.ts';

const TerminalListQuerySchema = z.object({ officeId: QueryIdSchema.optional() });

/**
 * 基本設定 > [打刻設定] 端末一覧 (issue 12 §4): a terminal's token lasts until ログアウト, so the
 * administrators see every open terminal and end any of them (解除); its next request gets 401.
 * Administrators see all offices, others the offices where they hold 事業所管理 編集 (`officeId`: one
 * office, as on its 事業所 page).
 */
export async function listTerminalsForActor(ctx: AuthContext, actor: Actor, query: unknown = {}) {
  const { officeId } = parseOrThrow(TerminalListQuerySchema, query);
  let scope = officesWithRight(actor, 'officeManage', 'edit');
  if (scope !== 'all' && scope.length === 0) throw new AppError('forbidden');
  if (officeId !== undefined) {
    if (scope !== 'all' && !scope.includes(officeId)) throw new AppError('forbidden');
    scope = [officeId];
  }
  const contract = await findContract(ctx.db, actor.contractId);
  if (!contract) throw new AppError('contract_not_found', { contractId: actor.contractId });
  const rows = await withTenant(ctx.db, actor.contractId, (trx) =>
    listOpenTerminals(trx, actor.contractId, scope),
  );
  return {
    items: rows.map((row) => ({
      id: row.id,
      office: { id: row.officeId, name: row.officeName },
      // How the terminal was opened: the 出退勤画面用PINコード, or the app login of an account.
      openedWith: row.kind === 'app' ? ('app' as const) : ('pin' as const),
      openedBy:
        row.kind === 'app' && row.openedByAccountId !== null
          ? { accountId: row.openedByAccountId, name: row.openedByName, email: row.openedByEmail }
          : null,
      userAgent: row.userAgent,
      firstSeenAt: isoInZone(row.createdAt, contract.timeZone),
      lastSeenAt: isoInZone(row.lastSeenAt, contract.timeZone),
    })),
  };
}

/** 【解除】: the terminal's token stops working at once, and the 操作ログ says who ended it. */
export async function revokeTerminalForActor(
  ctx: AuthContext,
  actor: Actor,
  terminalId: number,
  ip?: string,
) {
  const now = ctx.now ? ctx.now() : new Date();
  await withTenant(ctx.db, actor.contractId, async (trx) => {
    const terminal = await findTerminal(trx, actor.contractId, terminalId);
    // Another contract's terminal, or one already ended: not found (architecture.md, 404).
    if (!terminal || terminal.revokedAt) throw new AppError('terminal_not_found');
    assertCanEditOffice(actor, terminal.officeId);
    await revokeTerminal(trx, actor.contractId, terminal.id, now);
    await appendAudit(trx, actor.contractId, {
      action: 'terminal.revoked',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `terminal:${terminal.id}`,
      details: { officeId: terminal.officeId, kind: terminal.kind },
      ip: ip ?? null,
    });
  });
}

const PinResetSchema = z.object({ clockPin: ClockPinSchema }).strict();

/**
 * 【PINコードを変更して全端末を解除】: a new 出退勤画面用PINコード, and every terminal opened with the
 * old one ends (app terminals, opened by an account, stay). システム管理者 only, like the PIN.
 */
export async function changePinAndRevokeTerminals(ctx: AuthContext, actor: Actor, input: unknown) {
  requireAdmin(actor);
  const data = parseOrThrow(PinResetSchema, input);
  const now = ctx.now ? ctx.now() : new Date();
  const revoked = await withTenant(ctx.db, actor.contractId, async (trx) => {
    await updateClockPin(trx, actor.contractId, data.clockPin);
    const ids = await revokePinTerminals(trx, actor.contractId, now);
    await appendAudit(trx, actor.contractId, {
      action: 'settings.clock_pin_changed',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      details: { revokedTerminals: ids.length },
    });
    await appendAudit(trx, actor.contractId, {
      action: 'terminal.revoked_all_pin',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      details: { terminalIds: ids },
    });
    return ids.length;
  });
  return { clockPin: data.clockPin, revokedTerminals: revoked };
}

/**
 * ログイン停止, 利用しない or 退職: the app terminals the person's account opened in this contract end
 * with their sessions (issue 12 §4); a lost 事業所管理 編集 ends those of that office (opening one
 * needs the right, product.md §4). Called inside the staff change's transaction.
 */
export async function revokeTerminalsOfStoppedAccount(
  trx: Tx,
  contractId: string,
  accountId: number,
  actor: { accountId: number; staffId: number } | null,
  now: Date,
  /** Offices where the person still holds 事業所管理 編集: their terminals there stay. */
  keepOfficeIds?: number[],
) {
  const ids = await revokeTerminalsOpenedBy(trx, contractId, accountId, now, keepOfficeIds);
  if (ids.length === 0) return;
  await appendAudit(trx, contractId, {
    action: 'terminal.revoked',
    actorAccountId: actor?.accountId ?? null,
    actorStaffId: actor?.staffId ?? null,
    target: `account:${accountId}`,
    details: { terminalIds: ids, reason: keepOfficeIds ? 'office_right_removed' : 'staff_stopped' },
  });
}
