import type { Tx } from '../db/database.ts';
import type { Right } from '../db/schema.ts';
import { nextId } from './id-counter.repository.ts';

export interface NewStaff {
  name: string;
  kana?: string;
  code?: string | null;
  email?: string | null;
  accountId?: number | null;
  isAdmin?: boolean;
  verifiedAt?: Date | null;
  employmentType?: 'full_time' | 'part_time' | 'contract' | 'temporary' | 'other';
  hiredOn?: string | null;
}

export async function insertStaff(trx: Tx, contractId: string, staff: NewStaff) {
  const id = await nextId(trx, contractId, 'staff');
  return trx
    .insertInto('staff')
    .values({
      contractId,
      id,
      name: staff.name,
      kana: staff.kana ?? '',
      code: staff.code ?? null,
      email: staff.email?.toLowerCase() ?? null,
      accountId: staff.accountId ?? null,
      isAdmin: staff.isAdmin ?? false,
      verifiedAt: staff.verifiedAt ?? null,
      employmentType: staff.employmentType ?? 'full_time',
      hiredOn: staff.hiredOn ?? null,
      retiredOn: null,
      passcodeHash: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface OfficeRights {
  shiftPlan?: Right;
  attendance?: Right;
  officeManage?: Right;
  staffManage?: Right;
}

/** Makes a staff member belong to an office (所属事業所) with the given rights there. */
export async function assignStaffToOffice(
  trx: Tx,
  contractId: string,
  staffId: number,
  officeId: number,
  rights: OfficeRights = {},
) {
  await trx
    .insertInto('staffOffices')
    .values({ contractId, staffId, officeId, ...rights })
    .onConflict((oc) => {
      const target = oc.columns(['contractId', 'staffId', 'officeId']);
      return Object.keys(rights).length > 0 ? target.doUpdateSet(rights) : target.doNothing();
    })
    .execute();
}
