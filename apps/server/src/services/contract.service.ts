import {
  AppError,
  ContractIdSchema,
  type CreateContract,
  CreateContractSchema,
  type Signup,
  SignupSchema,
} from '@timecard/domain';
import type { z } from 'zod';
import { type Db, enterTenant } from '../db/database.ts';
import { findAccountByEmail, insertAccount } from '../repositories/account.repository.ts';
import { appendAudit } from '../repositories/audit.repository.ts';
import {
  contractExists,
  insertContract,
  listContractsWithCounts,
} from '../repositories/contract.repository.ts';
import { insertOffice } from '../repositories/office.repository.ts';
import { assignStaffToOffice, insertStaff } from '../repositories/staff.repository.ts';
import type { AuthContext } from './auth.service.ts';
import { hashPassword, verifyPassword } from './password.service.ts';
import { insertStaffInTenant } from './staff.service.ts';
import {
  giveBackAttempt,
  SIGNUP_PER_EMAIL,
  SIGNUP_PER_IP,
  type ThrottleKey,
  takeAttemptOrThrow,
} from './throttle.service.ts';
import { parseOrThrow } from './validation.ts';

export interface CreatedContract {
  contractId: string;
  adminAccountId: number;
  adminStaffId: number;
  headOfficeId: number;
}

/**
 * Creates a contract with its first office (本店, id 1) and its first administrator (システム管理者),
 * all or nothing. Used by the operator CLI and the demo seed; the administrator is verified and can
 * log in at once. An e-mail that already has an account joins with that account; its password must
 * then match, so nobody can attach themself to someone else's account.
 */
export async function createContract(db: Db, input: CreateContract): Promise<CreatedContract> {
  const data = parseOrThrow(CreateContractSchema, input);
  return db.transaction().execute(async (trx) => {
    if (await contractExists(trx, data.contractId)) {
      throw new AppError('contract_id_taken', { contractId: data.contractId });
    }
    await insertContract(trx, {
      id: data.contractId,
      name: data.name,
      plan: data.plan,
      timeZone: data.timeZone,
    });
    const adminName = data.adminName ?? '管理者';
    let account = await findAccountByEmail(trx, data.adminEmail);
    if (account) {
      if (!account.passwordHash || !(await verifyPassword(account.passwordHash, data.adminPassword))) {
        throw new AppError('email_taken');
      }
    } else {
      account = await insertAccount(trx, {
        email: data.adminEmail,
        name: adminName,
        passwordHash: await hashPassword(data.adminPassword),
        verified: true,
      });
    }
    await enterTenant(trx, data.contractId);
    const office = await insertOffice(trx, data.contractId, { name: '本店', kana: 'ホンテン' });
    const admin = await insertStaff(trx, data.contractId, {
      name: adminName,
      email: data.adminEmail,
      accountId: account.id,
      isAdmin: true,
      verifiedAt: new Date(),
    });
    await assignStaffToOffice(trx, data.contractId, admin.id, office.id, {
      shiftPlan: 'edit',
      attendance: 'edit',
      officeManage: 'edit',
      staffManage: 'edit',
    });
    await appendAudit(trx, data.contractId, {
      action: 'contract.create',
      actorAccountId: account.id,
      target: `contract:${data.contractId}`,
      details: { plan: data.plan },
    });
    return {
      contractId: data.contractId,
      adminAccountId: account.id,
      adminStaffId: admin.id,
      headOfficeId: office.id,
    };
  });
}

export function listContracts(db: Db) {
  return listContractsWithCounts(db);
}

/** Whether a 契約ID is free (新規登録 checks it while the person types). */
export async function isContractIdAvailable(db: Db, contractId: string): Promise<boolean> {
  parseOrThrow(ContractIdSchema, contractId);
  return !(await contractExists(db, contractId));
}

export interface SignupOrigin {
  ip: string;
  /** Off only for a browser on the server's own machine in development (the dev mailbox's rule). */
  limitPerAddress: boolean;
}

/**
 * 新規登録: a contract, its 本店 and its first administrator, who receives a 認証メール and sets a
 * password through it. An address that already has an account joins with it after verifying.
 * Sign-ups are limited per IP and per e-mail (429 with Retry-After), counted before the work in one
 * atomic step; a refused one (契約ID taken) gives its count back.
 */
export async function signUp(ctx: AuthContext, input: Signup, origin: SignupOrigin): Promise<void> {
  const data = parseOrThrow(SignupSchema, input);
  const keys: ThrottleKey[] = [{ key: `signup:email:${data.email}`, policy: SIGNUP_PER_EMAIL }];
  if (origin.limitPerAddress) keys.push({ key: `signup:ip:${origin.ip}`, policy: SIGNUP_PER_IP });
  await takeAttemptOrThrow(ctx.db, keys, ctx.now ? ctx.now() : new Date());
  try {
    await createSignedUpContract(ctx, data);
  } catch (error) {
    if (error instanceof AppError) for (const key of keys) await giveBackAttempt(ctx.db, key);
    throw error;
  }
}

async function createSignedUpContract(ctx: AuthContext, data: z.output<typeof SignupSchema>): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    if (await contractExists(trx, data.contractId)) {
      throw new AppError(
        'contract_id_taken',
        { contractId: data.contractId },
        { contractId: 'contract_id_taken' },
      );
    }
    await insertContract(trx, {
      id: data.contractId,
      name: data.companyName,
      plan: data.plan,
      timeZone: 'Asia/Tokyo',
    });
    await enterTenant(trx, data.contractId);
    const office = await insertOffice(trx, data.contractId, { name: '本店', kana: 'ホンテン' });
    await appendAudit(trx, data.contractId, {
      action: 'contract.signup',
      target: `contract:${data.contractId}`,
      details: { plan: data.plan },
    });
    await insertStaffInTenant(
      ctx,
      trx,
      data.contractId,
      {
        name: data.adminName,
        kana: '',
        code: null,
        email: data.email,
        employmentType: 'full_time',
        hiredOn: null,
        retiredOn: null,
        usage: 'active',
        workStyle: 'fixed',
        weeklyDays: 5,
        weeklyHours: 40,
        leaveGrantMode: 'statutory',
        loginStatus: 'allowed',
        isAdmin: true,
        passcode: null,
        offices: [
          {
            officeId: office.id,
            shiftPlan: 'edit',
            attendance: 'edit',
            officeManage: 'edit',
            staffManage: 'edit',
          },
        ],
      },
      null,
      { accountId: null, staffId: null },
    );
  });
}
