import { randomBytes } from 'node:crypto';
import type { Plan } from '@timecard/domain';
import type { Db } from '../db/database.ts';
import { createContract } from '../services/contract.service.ts';

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
