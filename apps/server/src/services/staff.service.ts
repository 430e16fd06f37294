import {
  AppError,
  type OfficeRole,
  type StaffCreate,
  StaffCreateSchema,
  type StaffListQuery,
  StaffListQuerySchema,
  type StaffUpdate,
  StaffUpdateSchema,
  wallClock,
} from '@timecard/domain';
import { type Tx, withTenant } from '../db/database.ts';
import type { StaffTable } from '../db/schema.ts';
import { verificationMail } from '../mail/auth-mails.ts';
import type { Actor } from '../policies/actor.ts';
import {
  assertCanCreateStaff,
  assertCanEditStaff,
  canViewStaff,
  staffListScope,
} from '../policies/staff.policy.ts';
import { findAccountByEmail, insertAccount } from '../repositories/account.repository.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import { insertAuthToken, voidUnusedTokens } from '../repositories/auth-token.repository.ts';
import { findContract } from '../repositories/contract.repository.ts';
import { enqueueMail } from '../repositories/mail-outbox.repository.ts';
import { officeIdsExist } from '../repositories/office.repository.ts';
import { deleteSessionsOfAccount } from '../repositories/session.repository.ts';
import {
  countActiveAdmins,
  findStaff,
  findStaffByCode,
  findStaffByEmail,
  insertStaff,
  listOfficeRoles,
  listStaff,
  replaceOfficeRoles,
  type StaffChanges,
  type StaffRow,
  updateStaff,
} from '../repositories/staff.repository.ts';
import { type AuthContext, VERIFY_TOKEN_HOURS } from './auth.service.ts';
import { hashPassword } from './password.service.ts';
import { revokeTerminalsOfStoppedAccount } from './terminal-admin.service.ts';
import { newToken } from './token.ts';
import { parseOrThrow } from './validation.ts';
import { emitEvent } from './webhook-events.ts';

type Roles = Awaited<ReturnType<typeof listOfficeRoles>>;

/** A staff member as the API shows it (docs/api.md `Staff`); never the passcode hash. */
export function presentStaff(row: StaffRow, roles: Roles) {
  return {
    id: row.id,
    name: row.name,
    kana: row.kana,
    code: row.code,
    email: row.email,
    employmentType: row.employmentType,
    hiredOn: row.hiredOn,
    retiredOn: row.retiredOn,
    usage: row.usage,
    workStyle: row.workStyle,
    weeklyDays: row.weeklyDays,
    weeklyHours: row.weeklyMinutes / 60,
    leaveGrantMode: row.leaveGrantMode,
    loginStatus: row.loginStatus,
    isAdmin: row.isAdmin,
    verification: (!row.email ? 'none' : row.verifiedAt ? 'verified' : 'pending') as
      | 'none'
      | 'pending'
      | 'verified',
    hasPasscode: row.passcodeHash !== null,
    offices: roles
      .filter((r) => r.staffId === row.id)
      .map(({ officeId, shiftPlan, attendance, officeManage, staffManage }) => ({
        officeId,
        shiftPlan,
        attendance,
        officeManage,
        staffManage,
      })),
  };
}
export type PresentedStaff = ReturnType<typeof presentStaff>;

export type { StaffListQuery };

export async function listStaffForActor(ctx: AuthContext, actor: Actor, query: unknown) {
  const officeIds = staffListScope(actor);
  const { q, verification, usage, cursor: afterId, limit } = parseOrThrow(StaffListQuerySchema, query);
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const rows = await listStaff(trx, actor.contractId, {
      q: q || undefined,
      pendingOnly: verification === 'pending',
      usage,
      officeIds,
      afterId,
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const roles = await listOfficeRoles(
      trx,
      actor.contractId,
      page.map((r) => r.id),
    );
    return {
      items: page.map((row) => presentStaff(row, roles)),
      nextCursor: rows.length > limit ? String(page[page.length - 1]!.id) : null,
    };
  });
}

async function loadVisibleStaff(trx: Tx, actor: Actor, staffId: number) {
  const row = await findStaff(trx, actor.contractId, staffId);
  if (!row) throw new AppError('staff_not_found');
  const roles = await listOfficeRoles(trx, actor.contractId, [row.id]);
  // Another contract's id, or someone outside the actor's offices: not found, never "forbidden".
  if (
    !canViewStaff(
      actor,
      row.id,
      roles.map((r) => r.officeId),
    )
  ) {
    throw new AppError('staff_not_found');
  }
  return { row, roles };
}

export async function getStaffForActor(ctx: AuthContext, actor: Actor, staffId: number) {
  return withTenant(ctx.db, actor.contractId, async (trx) => {
    const { row, roles } = await loadVisibleStaff(trx, actor, staffId);
    return presentStaff(row, roles);
  });
}

async function assertUnique(
  trx: Tx,
  contractId: string,
  data: { code?: string | null; email?: string | null },
  selfId?: number,
) {
  if (data.code) {
    const other = await findStaffByCode(trx, contractId, data.code);
    if (other && other.id !== selfId)
      throw new AppError('staff_code_taken', {}, { code: 'staff_code_taken' });
  }
  if (data.email) {
    const other = await findStaffByEmail(trx, contractId, data.email);
    if (other && other.id !== selfId)
      throw new AppError('staff_email_taken', {}, { email: 'staff_email_taken' });
  }
}

async function assertOfficesExist(trx: Tx, contractId: string, offices: OfficeRole[]) {
  if (
    !(await officeIdsExist(
      trx,
      contractId,
      offices.map((o) => o.officeId),
    ))
  ) {
    throw new AppError('office_not_found', {}, { offices: 'office_not_found' });
  }
}

/**
 * Queues a 認証メール for a staff member with an e-mail: links (or creates) the account of that
 * address and sends a single-use link valid 72 hours. Older unused links of that person stop working.
 */
async function sendVerification(
  ctx: AuthContext,
  trx: Tx,
  contractId: string,
  staff: StaffRow,
): Promise<number> {
  if (!staff.email) throw new AppError('email_required_for_verification');
  const now = ctx.now ? ctx.now() : new Date();
  let accountId = staff.accountId;
  if (!accountId) {
    const existing = await findAccountByEmail(trx, staff.email);
    accountId = existing
      ? existing.id
      : (
          await insertAccount(trx, {
            email: staff.email,
            name: staff.name,
            passwordHash: null,
            verified: false,
          })
        ).id;
    await updateStaff(trx, contractId, staff.id, { accountId });
  }
  await voidUnusedTokens(trx, accountId, 'verify', now, { contractId, staffId: staff.id });
  const { token, hash } = newToken();
  await insertAuthToken(trx, {
    tokenHash: hash,
    kind: 'verify',
    accountId,
    contractId,
    staffId: staff.id,
    expiresAt: new Date(now.getTime() + VERIFY_TOKEN_HOURS * 3600_000),
  });
  const contract = await findContract(trx, contractId);
  const mail = verificationMail({
    name: staff.name,
    contractName: contract!.name,
    contractId,
    link: `${ctx.publicUrl}/admin/verify/${token}`,
  });
  return enqueueMail(trx, { contractId, to: staff.email, ...mail });
}

/** Adds a staff member (従業員); with an e-mail the 認証メール goes out in the same transaction. */
export async function createStaffForActor(ctx: AuthContext, actor: Actor, input: unknown) {
  const data = parseOrThrow(StaffCreateSchema, input);
  assertCanCreateStaff(actor, data.offices, data.isAdmin);
  return createStaffRecord(ctx, actor.contractId, data, {
    accountId: actor.accountId,
    staffId: actor.staffId,
  });
}

/** The shared path of the 管理画面, the API and the operator CLI for adding one person. */
export async function createStaffRecord(
  ctx: AuthContext,
  contractId: string,
  data: StaffCreate,
  by: { accountId: number | null; staffId: number | null },
) {
  const passcodeHash = data.passcode ? await hashPassword(data.passcode) : null;
  return withTenant(ctx.db, contractId, (trx) =>
    insertStaffInTenant(ctx, trx, contractId, data, passcodeHash, by),
  );
}

/** Adds one person inside a transaction already scoped to the contract (see createStaffRecord). */
export async function insertStaffInTenant(
  ctx: AuthContext,
  trx: Tx,
  contractId: string,
  data: StaffCreate,
  passcodeHash: string | null,
  by: { accountId: number | null; staffId: number | null },
) {
  await assertUnique(trx, contractId, data);
  await assertOfficesExist(trx, contractId, data.offices);
  let row = await insertStaff(trx, contractId, {
    ...data,
    weeklyMinutes: Math.round(data.weeklyHours * 60),
    passcodeHash,
  });
  await replaceOfficeRoles(trx, contractId, row.id, data.offices);
  if (row.email) {
    await sendVerification(ctx, trx, contractId, row);
    row = (await findStaff(trx, contractId, row.id))!;
  }
  await appendAudit(trx, contractId, {
    action: 'staff.create',
    actorAccountId: by.accountId,
    actorStaffId: by.staffId,
    target: `staff:${row.id}`,
    details: { name: row.name, email: row.email, isAdmin: row.isAdmin },
  });
  const roles = await listOfficeRoles(trx, contractId, [row.id]);
  const staff = presentStaff(row, roles);
  await emitEvent(trx, contractId, 'staff.created', { staff });
  return staff;
}

/**
 * Changes a staff member. ログイン停止 ends their sessions in this contract at once; a changed e-mail
 * unlinks the old account and sends a new 認証メール. The last active administrator cannot be
 * demoted, stopped or retired, and nobody stops their own login.
 */
export async function updateStaffForActor(ctx: AuthContext, actor: Actor, staffId: number, input: unknown) {
  const data: StaffUpdate = parseOrThrow(StaffUpdateSchema, input);
  const passcodeHash = data.passcode ? await hashPassword(data.passcode) : data.passcode;
  const result = await withTenant(ctx.db, actor.contractId, async (trx) => {
    const { row, roles } = await loadVisibleStaff(trx, actor, staffId);
    assertCanEditStaff(
      actor,
      roles.map((r) => r.officeId),
      data,
    );
    if (data.loginStatus === 'stopped' && staffId === actor.staffId) throw new AppError('cannot_stop_self');
    const losesAdmin =
      row.isAdmin &&
      (data.isAdmin === false || data.loginStatus === 'stopped' || data.usage === 'inactive') &&
      row.usage === 'active' &&
      row.loginStatus === 'allowed';
    if (losesAdmin && (await countActiveAdmins(trx, actor.contractId)) <= 1) throw new AppError('last_admin');
    if (data.retiredOn && data.hiredOn === undefined && row.hiredOn && data.retiredOn < row.hiredOn) {
      throw new AppError('retired_before_hired', {}, { retiredOn: 'retired_before_hired' });
    }
    await assertUnique(trx, actor.contractId, { code: data.code, email: data.email }, staffId);
    if (data.offices) await assertOfficesExist(trx, actor.contractId, data.offices);

    const { passcode: _passcode, offices, weeklyHours, ...fields } = data;
    const changes: StaffChanges = { ...fields };
    if (weeklyHours !== undefined) changes.weeklyMinutes = Math.round(weeklyHours * 60);
    if (passcodeHash !== undefined) changes.passcodeHash = passcodeHash;
    const emailChanged = data.email !== undefined && data.email !== row.email;
    if (emailChanged) {
      changes.accountId = null;
      changes.verifiedAt = null;
    }
    let updated = await updateStaff(trx, actor.contractId, staffId, changes);
    if (offices) await replaceOfficeRoles(trx, actor.contractId, staffId, offices);
    if (emailChanged && updated.email) {
      await sendVerification(ctx, trx, actor.contractId, updated);
      updated = (await findStaff(trx, actor.contractId, staffId))!;
    }
    await appendAudit(trx, actor.contractId, {
      action: 'staff.update',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `staff:${staffId}`,
      details: auditableChanges(row, data),
    });
    if (data.loginStatus && data.loginStatus !== row.loginStatus) {
      await appendAudit(trx, actor.contractId, {
        action: data.loginStatus === 'stopped' ? 'staff.login_stopped' : 'staff.login_allowed',
        actorAccountId: actor.accountId,
        actorStaffId: actor.staffId,
        target: `staff:${staffId}`,
      });
    }
    const newRoles = await listOfficeRoles(trx, actor.contractId, [staffId]);
    const endSessionsOf = endsSessions(row, updated);
    // The app terminals they opened end with their sessions (issue 12 §4), and so on 退職.
    const now = ctx.now ? ctx.now() : new Date();
    const terminalsOf = endSessionsOf ?? (await retiredAccount(trx, actor.contractId, row, updated, now));
    if (terminalsOf !== null) {
      await revokeTerminalsOfStoppedAccount(trx, actor.contractId, terminalsOf, actor, now);
    } else if (updated.accountId && !updated.isAdmin && (data.offices || data.isAdmin === false)) {
      // Rights taken away: app terminals of offices without 事業所管理 編集 now end.
      const keep = newRoles.filter((r) => r.officeManage === 'edit').map((r) => r.officeId);
      await revokeTerminalsOfStoppedAccount(trx, actor.contractId, updated.accountId, actor, now, keep);
    }
    const staff = presentStaff(updated, newRoles);
    // Webhooks (issue 14): the person as they are now, and which fields the change named.
    await emitEvent(trx, actor.contractId, 'staff.updated', {
      staff,
      changed: Object.keys(auditableChanges(row, data)),
    });
    return { staff, endSessionsOf };
  });
  if (result.endSessionsOf) {
    await deleteSessionsOfAccount(ctx.db, result.endSessionsOf, { contractId: actor.contractId });
  }
  return result.staff;
}

/** The account whose sessions in this contract must end after a change, if any. */
function endsSessions(before: StaffRow, after: StaffRow): number | null {
  const lostAccess =
    (after.loginStatus === 'stopped' && before.loginStatus !== 'stopped') ||
    (after.usage === 'inactive' && before.usage !== 'inactive') ||
    before.accountId !== after.accountId;
  return lostAccess ? before.accountId : null;
}

/** The account of a staff member whose 退職日 has just been set to today or earlier, if any. */
async function retiredAccount(
  trx: Tx,
  contractId: string,
  before: StaffRow,
  after: StaffRow,
  now: Date,
): Promise<number | null> {
  if (!before.accountId || !after.retiredOn || before.retiredOn === after.retiredOn) return null;
  const contract = await findContract(trx, contractId);
  const today = wallClock(now, contract?.timeZone ?? 'Asia/Tokyo').date;
  return after.retiredOn <= today ? before.accountId : null;
}

function auditableChanges(before: StaffRow, data: StaffUpdate): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === 'passcode') {
      changes.passcode = value === null ? 'cleared' : 'changed';
      continue;
    }
    const previous = (before as unknown as Record<string, unknown>)[key as keyof StaffTable];
    if (key === 'offices' || JSON.stringify(previous) !== JSON.stringify(value)) {
      changes[key] = { from: previous ?? null, to: value };
    }
  }
  return changes;
}

/** 【認証メールを再送信】: a new link for a staff member whose e-mail is not verified yet. */
export async function resendVerificationForActor(ctx: AuthContext, actor: Actor, staffId: number) {
  await withTenant(ctx.db, actor.contractId, async (trx) => {
    const { row, roles } = await loadVisibleStaff(trx, actor, staffId);
    assertCanEditStaff(
      actor,
      roles.map((r) => r.officeId),
      {},
    );
    if (row.verifiedAt) throw new AppError('already_verified');
    await sendVerification(ctx, trx, actor.contractId, row);
    await appendAudit(trx, actor.contractId, {
      action: 'staff.verification_resent',
      actorAccountId: actor.accountId,
      actorStaffId: actor.staffId,
      target: `staff:${staffId}`,
    });
  });
}
