import { randomBytes } from 'node:crypto';
import type { Plan } from '@timecard/domain';
import { type Db, withTenant } from '../db/database.ts';
import type { Right } from '../db/schema.ts';
import { findAccountByEmail, insertAccount } from '../repositories/account.repository.ts';
import { insertOffice } from '../repositories/office.repository.ts';
import { assignStaffToOffice, insertStaff } from '../repositories/staff.repository.ts';
import { createContract } from '../services/contract.service.ts';
import { hashPassword } from '../services/password.service.ts';

let sequence = 0;

/** A unique 契約ID for a test, valid under the 契約ID rule. */
export function uniqueContractId(prefix = 't'): string {
  sequence += 1;
  return `${prefix}-${randomBytes(4).toString('hex')}${sequence}`.slice(0, 20);
}

export interface BuiltContract {
  contractId: string;
  adminEmail: string;
  adminPassword: string;
  adminAccountId: number;
  adminStaffId: number;
  headOfficeId: number;
}

/** Builds a contract with its 本店 and administrator; every test makes its own (outline's buildX). */
export async function buildContract(
  db: Db,
  options: { plan?: Plan; name?: string } = {},
): Promise<BuiltContract> {
  const contractId = uniqueContractId();
  const adminEmail = `admin@${contractId}.example.com`;
  const adminPassword = 'correct horse battery';
  const created = await createContract(db, {
    contractId,
    name: options.name ?? `テスト ${contractId}`,
    plan: options.plan ?? 'enterprise',
    adminEmail,
    adminPassword,
    adminName: '管理 太郎',
  });
  return { ...created, adminEmail, adminPassword };
}

export interface BuiltStaff {
  staffId: number;
  accountId: number | null;
  email: string | null;
  password: string;
}

/**
 * Builds a staff member. With `verified` (the default when an e-mail is given) the person already
 * has an account with `password` and can log in, as if they had followed their 認証メール.
 */
export async function buildStaff(
  db: Db,
  contractId: string,
  options: {
    name?: string;
    email?: string | null;
    verified?: boolean;
    isAdmin?: boolean;
    loginStatus?: 'allowed' | 'stopped';
    /** 利用設定 (default 使用する: 'active'). */
    usage?: 'active' | 'inactive';
    /** 従業員コード. */
    code?: string;
    /** 入社日 / 退職日 (YYYY-MM-DD). */
    hiredOn?: string;
    retiredOn?: string;
    /** 週所定労働日数 / 週所定労働時間 in minutes (default 5 days, 2400). */
    weeklyDays?: number;
    weeklyMinutes?: number;
    offices?: {
      officeId: number;
      shiftPlan?: Right;
      attendance?: Right;
      officeManage?: Right;
      staffManage?: Right;
    }[];
    password?: string;
  } = {},
): Promise<BuiltStaff> {
  const email =
    options.email === undefined
      ? `staff-${randomBytes(4).toString('hex')}@${contractId}.example.com`
      : options.email;
  const password = options.password ?? 'staff password 1';
  const verified = options.verified ?? email !== null;
  let accountId: number | null = null;
  if (email && verified) {
    const existing = await findAccountByEmail(db, email);
    accountId = existing
      ? existing.id
      : (
          await db.transaction().execute((trx) =>
            insertAccount(trx, {
              email,
              name: options.name ?? 'スタッフ',
              passwordHash: null,
              verified: true,
            }),
          )
        ).id;
    if (!existing) {
      await db
        .updateTable('accounts')
        .set({ passwordHash: await hashPassword(password) })
        .where('id', '=', accountId)
        .execute();
    }
  }
  const staffId = await withTenant(db, contractId, async (trx) => {
    const staff = await insertStaff(trx, contractId, {
      name: options.name ?? 'テスト スタッフ',
      email,
      accountId,
      isAdmin: options.isAdmin ?? false,
      verifiedAt: verified && email ? new Date() : null,
      loginStatus: options.loginStatus ?? 'allowed',
      usage: options.usage ?? 'active',
      code: options.code ?? null,
      hiredOn: options.hiredOn ?? null,
      retiredOn: options.retiredOn ?? null,
      ...(options.weeklyDays !== undefined ? { weeklyDays: options.weeklyDays } : {}),
      ...(options.weeklyMinutes !== undefined ? { weeklyMinutes: options.weeklyMinutes } : {}),
    });
    for (const office of options.offices ?? []) {
      const { officeId, ...rights } = office;
      await assignStaffToOffice(trx, contractId, staff.id, officeId, rights);
    }
    return staff.id;
  });
  return { staffId, accountId, email, password };
}

/** Adds an office to a contract. */
export async function buildOffice(db: Db, contractId: string, name = '支店'): Promise<number> {
  return withTenant(db, contractId, async (trx) => (await insertOffice(trx, contractId, { name })).id);
}
