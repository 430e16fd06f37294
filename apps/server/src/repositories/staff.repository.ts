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
  retiredOn?: string | null;
  usage?: 'active' | 'inactive';
  loginStatus?: 'allowed' | 'stopped';
  passcodeHash?: string | null;
  workStyle?: 'fixed' | 'shift';
  weeklyDays?: number;
  weeklyMinutes?: number;
  leaveGrantMode?: 'statutory' | 'manual';
}

/** Notes in account_memberships that the account has a staff row in the contract (see listMemberships). */
async function noteMembership(trx: Tx, contractId: string, accountId: number | null | undefined) {
  if (accountId === null || accountId === undefined) return;
  await trx
    .insertInto('accountMemberships')
    .values({ accountId, contractId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function insertStaff(trx: Tx, contractId: string, staff: NewStaff) {
  const id = await nextId(trx, contractId, 'staff');
  await noteMembership(trx, contractId, staff.accountId);
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
      retiredOn: staff.retiredOn ?? null,
      usage: staff.usage ?? 'active',
      workStyle: staff.workStyle ?? 'fixed',
      weeklyDays: staff.weeklyDays ?? 5,
      weeklyMinutes: staff.weeklyMinutes ?? 2400,
      leaveGrantMode: staff.leaveGrantMode ?? 'statutory',
      loginStatus: staff.loginStatus ?? 'allowed',
      passcodeHash: staff.passcodeHash ?? null,
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

export type StaffRow = NonNullable<Awaited<ReturnType<typeof findStaff>>>;

export async function findStaff(trx: Tx, contractId: string, id: number) {
  return trx
    .selectFrom('staff')
    .selectAll()
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The staff row of an account in a contract (the logged-in person). */
export async function findStaffByAccount(trx: Tx, contractId: string, accountId: number) {
  return trx
    .selectFrom('staff')
    .selectAll()
    .where('contractId', '=', contractId)
    .where('accountId', '=', accountId)
    .executeTakeFirst();
}

export async function findStaffByEmail(trx: Tx, contractId: string, email: string) {
  return trx
    .selectFrom('staff')
    .select('id')
    .where('contractId', '=', contractId)
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
}

export async function findStaffByCode(trx: Tx, contractId: string, code: string) {
  return trx
    .selectFrom('staff')
    .select('id')
    .where('contractId', '=', contractId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export interface StaffFilter {
  q?: string | undefined;
  pendingOnly?: boolean | undefined;
  usage?: 'active' | 'inactive' | 'all' | undefined;
  /** Only staff belonging to one of these offices (a manager's scope); undefined = everyone. */
  officeIds?: number[] | undefined;
  afterId?: number | undefined;
  limit: number;
}

/** A page of staff, ordered by id, filtered by a search text over 名前, フリガナ, e-mail and code. */
export async function listStaff(trx: Tx, contractId: string, filter: StaffFilter) {
  let query = trx.selectFrom('staff as s').selectAll('s').where('s.contractId', '=', contractId);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('s.name', 'ilike', like),
        eb('s.kana', 'ilike', like),
        eb('s.email', 'ilike', like),
        eb('s.code', 'ilike', like),
      ]),
    );
  }
  if (filter.pendingOnly) query = query.where('s.email', 'is not', null).where('s.verifiedAt', 'is', null);
  if (filter.usage && filter.usage !== 'all') query = query.where('s.usage', '=', filter.usage);
  if (filter.officeIds) {
    const officeIds = filter.officeIds;
    if (officeIds.length === 0) return [];
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('staffOffices as so')
          .select('so.staffId')
          .whereRef('so.contractId', '=', 's.contractId')
          .whereRef('so.staffId', '=', 's.id')
          .where('so.officeId', 'in', officeIds),
      ),
    );
  }
  if (filter.afterId) query = query.where('s.id', '>', filter.afterId);
  return query.orderBy('s.id').limit(filter.limit).execute();
}

export async function listOfficeRoles(trx: Tx, contractId: string, staffIds: number[]) {
  if (staffIds.length === 0) return [];
  return trx
    .selectFrom('staffOffices')
    .select(['staffId', 'officeId', 'shiftPlan', 'attendance', 'officeManage', 'staffManage'])
    .where('contractId', '=', contractId)
    .where('staffId', 'in', staffIds)
    .orderBy('officeId')
    .execute();
}

export async function replaceOfficeRoles(
  trx: Tx,
  contractId: string,
  staffId: number,
  roles: ({ officeId: number } & Required<OfficeRights>)[],
) {
  await trx
    .deleteFrom('staffOffices')
    .where('contractId', '=', contractId)
    .where('staffId', '=', staffId)
    .execute();
  if (roles.length === 0) return;
  await trx
    .insertInto('staffOffices')
    .values(roles.map((role) => ({ contractId, staffId, ...role })))
    .execute();
}

export interface StaffChanges {
  name?: string;
  kana?: string;
  code?: string | null;
  email?: string | null;
  accountId?: number | null;
  employmentType?: 'full_time' | 'part_time' | 'contract' | 'temporary' | 'other';
  hiredOn?: string | null;
  retiredOn?: string | null;
  usage?: 'active' | 'inactive';
  loginStatus?: 'allowed' | 'stopped';
  isAdmin?: boolean;
  passcodeHash?: string | null;
  verifiedAt?: Date | null;
  workStyle?: 'fixed' | 'shift';
  weeklyDays?: number;
  weeklyMinutes?: number;
  leaveGrantMode?: 'statutory' | 'manual';
}

export async function updateStaff(trx: Tx, contractId: string, id: number, changes: StaffChanges) {
  await noteMembership(trx, contractId, changes.accountId);
  return trx
    .updateTable('staff')
    .set({ ...changes, updatedAt: new Date() })
    .where('contractId', '=', contractId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function countActiveAdmins(trx: Tx, contractId: string): Promise<number> {
  const row = await trx
    .selectFrom('staff')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contractId', '=', contractId)
    .where('isAdmin', '=', true)
    .where('usage', '=', 'active')
    .where('loginStatus', '=', 'allowed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The people of an office's terminal: members of the office with 利用設定 = 利用する. */
export async function listOfficeStaff(trx: Tx, contractId: string, officeId: number) {
  return trx
    .selectFrom('staff as s')
    .innerJoin('staffOffices as so', (join) =>
      join.onRef('so.contractId', '=', 's.contractId').onRef('so.staffId', '=', 's.id'),
    )
    .select(['s.id', 's.name', 's.kana', 's.code', 's.workStyle'])
    .select((eb) => eb('s.passcodeHash', 'is not', null).as('hasPasscode'))
    .where('s.contractId', '=', contractId)
    .where('so.officeId', '=', officeId)
    .where('s.usage', '=', 'active')
    .orderBy('s.kana')
    .orderBy('s.id')
    .execute();
}

/** E-mail addresses of a contract's active, verified システム管理者 (for notices). */
export async function listAdminEmails(trx: Tx, contractId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('staff')
    .select('email')
    .where('contractId', '=', contractId)
    .where('isAdmin', '=', true)
    .where('usage', '=', 'active')
    .where('verifiedAt', 'is not', null)
    .where('email', 'is not', null)
    .execute();
  return rows.map((r) => r.email!);
}

/**
 * Staff in use who belong to an office that requires パスコード but have none: their terminal punches
 * go through without one (issue 11 §5), so the administrators are told. One row per (office, person).
 */
export async function listStaffWithoutPasscode(trx: Tx, contractId: string, officeIds: number[] | 'all') {
  if (officeIds !== 'all' && officeIds.length === 0) return [];
  let query = trx
    .selectFrom('staff as s')
    .innerJoin('staffOffices as so', (join) =>
      join.onRef('so.contractId', '=', 's.contractId').onRef('so.staffId', '=', 's.id'),
    )
    .innerJoin('offices as o', (join) =>
      join.onRef('o.contractId', '=', 'so.contractId').onRef('o.id', '=', 'so.officeId'),
    )
    .select(['o.id as officeId', 'o.name as officeName', 's.id as staffId', 's.name as staffName'])
    .where('s.contractId', '=', contractId)
    .where('o.passcodeRequired', '=', true)
    .where('s.usage', '=', 'active')
    .where('s.passcodeHash', 'is', null);
  if (officeIds !== 'all') query = query.where('o.id', 'in', officeIds);
  return query.orderBy('o.id').orderBy('s.kana').orderBy('s.id').limit(1000).execute();
}

/** How many staff in use have an e-mail that is not verified yet (認証待ち), within some offices. */
export async function countPendingVerification(
  trx: Tx,
  contractId: string,
  officeIds: number[] | 'all',
): Promise<number> {
  if (officeIds !== 'all' && officeIds.length === 0) return 0;
  let query = trx
    .selectFrom('staff as s')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('s.contractId', '=', contractId)
    .where('s.usage', '=', 'active')
    .where('s.email', 'is not', null)
    .where('s.verifiedAt', 'is', null);
  if (officeIds !== 'all') {
    const ids = officeIds;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('staffOffices as so')
          .select('so.staffId')
          .whereRef('so.contractId', '=', 's.contractId')
          .whereRef('so.staffId', '=', 's.id')
          .where('so.officeId', 'in', ids),
      ),
    );
  }
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}
